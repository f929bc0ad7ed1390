import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { confinedResource } from "../../lib/gcp/conditions";
import { GCP_IAM_RESOURCE_TYPES } from "../../lib/gcp/iam-resources";
import { isBasicRole } from "../../lib/gcp/role-risks";
import { identitiesText, stackGrants } from "../../lib/gcp/stack-grants";

interface Config {
    readonly allowedRoles: string[];
}

/**
 * Role prefixes of services whose resources carry their own IAM (`roles/storage.`, `roles/pubsub.`,
 * ...), from the resource-level IAM types the pack knows: their `apiService` names the role prefix.
 */
const RESOURCE_LEVEL_SERVICES = new Map<string, string[]>();
for (const t of GCP_IAM_RESOURCE_TYPES) {
    if (t.level === "resource") {
        const prefix = `roles/${t.apiService.replace(/\.googleapis\.com$/, "")}.`;
        const targets = RESOURCE_LEVEL_SERVICES.get(prefix) ?? [];
        if (!targets.includes(t.target)) {
            RESOURCE_LEVEL_SERVICES.set(prefix, [...targets, t.target]);
        }
    }
}

function resourceLevelTargets(role: string): string[] | undefined {
    const dot = role.indexOf(".");
    return dot < 0 ? undefined : RESOURCE_LEVEL_SERVICES.get(role.slice(0, dot + 1));
}

export const gcpIamResourceLevelGrants = defineStackPolicy<Config>({
    name: "gcp-iam-resource-level-grants",
    description:
        "Checks that roles granted to a function identity sit on the target resource (bucket, topic, secret, key, service, ...) when that resource has its own IAM, not at project, folder or organization level.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Grant access on the resource with `GcpFunction` `grants` (for example " +
        '`{ name: "events", access: "pubsub:publish", resource: topic.id }`), which creates a ' +
        "resource-level IAM member; remove the project-level grant. A project-level binding whose IAM " +
        'Condition confines it to one resource (`resource.name == "projects/_/buckets/b"`, or ' +
        '`resource.name.startsWith("projects/_/buckets/b/")`) counts as resource-level.',
    cloud: "gcp",
    services: ["iam", "storage"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3", "pci-dss:7.2"],
    config: {
        allowedRoles: {
            type: "array",
            items: { type: "string" },
            description:
                "Roles a function identity may hold at project level although their service has resource-level IAM (the BigQuery job roles exist only at project level).",
            default: ["roles/bigquery.jobUser", "roles/bigquery.readSessionUser"],
        },
    },
    validate: ({ resources }, report, config) => {
        const allowed = new Set(config.allowedRoles);
        for (const grant of stackGrants(resources).functionGrants) {
            const role = grant.grant.role;
            if (grant.entry.level === "resource" || grant.entry.level === "serviceAccount") {
                continue;
            }
            // A condition that confines the binding to one resource makes it a resource-level grant.
            if (confinedResource(grant.grant.expression) !== undefined) {
                continue;
            }
            const targets = resourceLevelTargets(role);
            if (targets === undefined || allowed.has(role) || isBasicRole(role)) {
                continue;
            }
            const subject = describeResource(grant.resource.type, grant.resource.name);
            const at = grant.grant.where === "" ? subject : `${subject} ${grant.grant.where}`;
            report({
                resource: grant.resource,
                message: `${at} grants '${role}' at ${grant.entry.target} level to function identity ${identitiesText(grant.identities)}; grant it on the ${targets.join(" or ")} instead`,
                key: { kind: "Role", value: role },
            });
        }
    },
});
