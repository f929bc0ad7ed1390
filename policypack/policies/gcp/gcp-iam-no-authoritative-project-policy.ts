import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { gcpIamResourceType, gcpIamTypes } from "../../lib/gcp/iam-resources";
import { readKnown } from "../../lib/known-value";

export const gcpIamNoAuthoritativeProjectPolicy = defineResourcePolicy({
    name: "gcp-iam-no-authoritative-project-policy",
    description:
        "Checks that no authoritative IAM policy or binding is set on a project, folder or organization, where it silently removes every grant it does not list.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Use additive `gcp.projects.IAMMember` grants (what `GcpFunction` creates) instead of " +
        "`IAMPolicy` or `IAMBinding` at project, folder or organization level.",
    cloud: "gcp",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3"],
    resourceTypes: gcpIamTypes({
        levels: ["project", "folder", "organization"],
        kinds: ["binding", "policy"],
    }),
    config: {},
    validate: (resource, report) => {
        const entry = gcpIamResourceType(resource.type);
        if (entry === undefined) {
            return;
        }
        // The role only sharpens the message; the resource is authoritative whatever it holds.
        const role = readKnown(() => resource.props["role"]);
        const what =
            entry.kind === "policy"
                ? "replaces the whole IAM policy"
                : `owns every member of '${role.known && typeof role.value === "string" ? role.value : "its role"}'`;
        report({
            message: `${describeResource(resource.type, resource.name)} ${what} of the ${entry.target}, removing any grant made outside it`,
            key: { kind: "Authoritative", value: entry.kind },
        });
    },
});
