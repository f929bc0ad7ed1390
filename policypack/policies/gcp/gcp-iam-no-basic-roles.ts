import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { globMatch } from "../../lib/glob";
import { membersText, readGrants } from "../../lib/gcp/grants";
import { gcpIamResourceType, gcpIamTypes } from "../../lib/gcp/iam-resources";
import { isBasicRole } from "../../lib/gcp/role-risks";

interface Config {
    readonly allowedMembers: string[];
}

export const gcpIamNoBasicRoles = defineResourcePolicy<Config>({
    name: "gcp-iam-no-basic-roles",
    description:
        "Checks that no IAM member, binding or policy grants the basic roles roles/owner, roles/editor or roles/viewer.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Grant predefined roles on the resource instead: `GcpFunction` `grants` (for example " +
        '`{ name: "uploads", access: "storage:read", resource: bucket.name }`) give a function exactly ' +
        "the role it needs on one bucket, topic or secret. Basic roles span thousands of permissions.",
    cloud: "gcp",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "cis", "pci-dss:7.2", "soc2:CC6.3", "hipaa:164.312"],
    resourceTypes: gcpIamTypes(),
    config: {
        allowedMembers: {
            type: "array",
            items: { type: "string" },
            description:
                "Members (globs, e.g. 'group:break-glass@example.com') that may hold a basic role; a grant is reported only for its other members.",
            default: [],
        },
    },
    validate: (resource, report, config) => {
        const entry = gcpIamResourceType(resource.type);
        if (entry === undefined) {
            return;
        }
        const subject = describeResource(resource.type, resource.name);
        const read = readGrants(entry, resource.props);
        if (!read.ok) {
            report({
                message: `${subject} has a policy that cannot be parsed: ${read.error}`,
                key: { kind: "PolicyData", value: "policyData" },
            });
            return;
        }
        for (const grant of read.grants) {
            if (!isBasicRole(grant.role)) {
                continue;
            }
            const members = grant.members?.filter(
                (m) => !config.allowedMembers.some((g) => globMatch(g, m)),
            );
            if (members !== undefined && members.length === 0) {
                continue;
            }
            const at = grant.where === "" ? subject : `${subject} ${grant.where}`;
            report({
                message: `${at} grants the basic role '${grant.role}' on the ${entry.target} to ${membersText(members)}`,
                key: { kind: "Role", value: grant.role },
            });
        }
    },
});
