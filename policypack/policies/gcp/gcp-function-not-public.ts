import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { GCP_CLOUD_RUN_SERVICE } from "../../lib/gcp/functions";
import { PUBLIC_MEMBERS, readGrants } from "../../lib/gcp/grants";
import {
    GCP_IAM_RESOURCE_TYPES,
    GCP_INVOKABLE_TARGETS,
    gcpIamResourceType,
    type GcpIamResourceType,
} from "../../lib/gcp/iam-resources";
import { isInvokerRole } from "../../lib/gcp/role-risks";

/**
 * Members that `readGrants` found unknown, read again through the SDK's proxy: a public member hidden
 * behind an unknown value must stop the policy in preview ("can't run during preview"), not pass.
 */
function membersThroughProxy(
    props: Readonly<Record<string, unknown>>,
    entry: GcpIamResourceType,
): string[] {
    const value = entry.memberField === undefined ? undefined : props[entry.memberField];
    const list: unknown[] = Array.isArray(value) ? [...(value as unknown[])] : [value];
    return list.filter((m): m is string => typeof m === "string");
}

interface Config {
    readonly additionalInvokerRoles: string[];
}

/** Invoker grants on functions and services, and at the levels above that every service inherits. */
const JUDGED_TYPES = GCP_IAM_RESOURCE_TYPES.filter(
    (t) => t.level !== "resource" || GCP_INVOKABLE_TARGETS.has(t.target),
)
    .filter((t) => t.level !== "serviceAccount")
    .map((t) => t.type);

export const gcpFunctionNotPublic = defineResourcePolicy<Config>({
    name: "gcp-function-not-public",
    description:
        "Checks that no function or Cloud Run service can be invoked by allUsers or allAuthenticatedUsers, through any IAM member, binding or policy, and that no Cloud Run service turns invoker IAM off.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Grant `run:invoke` to the calling function's identity through `GcpFunction` `grants` instead of " +
        "making the function public. A function that must serve the internet is `public: true` on " +
        "`GcpFunction`, and needs an exemption for this finding with the reason.",
    cloud: "gcp",
    services: ["cloudfunctions", "cloudrun", "iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "pci-dss:7.2", "cis"],
    resourceTypes: [GCP_CLOUD_RUN_SERVICE, ...JUDGED_TYPES],
    config: {
        additionalInvokerRoles: {
            type: "array",
            items: { type: "string" },
            description:
                "Custom roles (e.g. 'projects/my-project/roles/caller') that carry run.routes.invoke or cloudfunctions.functions.invoke; predefined invoker roles are known already.",
            default: [],
        },
    },
    validate: (resource, report, config) => {
        const subject = describeResource(resource.type, resource.name);
        if (resource.type === GCP_CLOUD_RUN_SERVICE) {
            if (resource.props["invokerIamDisabled"] === true) {
                report({
                    message: `${subject} sets invokerIamDisabled, so anyone who can reach it may call it without an identity`,
                    key: { kind: "Setting", value: "invokerIamDisabled" },
                });
            }
            return;
        }
        const entry = gcpIamResourceType(resource.type);
        if (entry === undefined) {
            return;
        }
        const read = readGrants(entry, resource.props);
        if (!read.ok) {
            return; // gcp-iam-no-basic-roles reports an unparseable policy.
        }
        const extra = new Set(config.additionalInvokerRoles);
        for (const grant of read.grants) {
            if (!isInvokerRole(grant.role) && !extra.has(grant.role)) {
                continue;
            }
            const at = grant.where === "" ? subject : `${subject} ${grant.where}`;
            const scope =
                entry.level === "resource"
                    ? `on the ${entry.target}`
                    : `at ${entry.target} level, so on every function and service below it,`;
            for (const member of grant.members ?? membersThroughProxy(resource.props, entry)) {
                if (PUBLIC_MEMBERS.includes(member)) {
                    report({
                        message: `${at} grants '${grant.role}' ${scope} to '${member}': anyone${member === "allUsers" ? "" : " with a Google account"} can invoke it`,
                        key: { kind: "Member", value: member },
                    });
                }
            }
        }
    },
});
