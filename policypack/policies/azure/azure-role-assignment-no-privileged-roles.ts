import { denialsOf, describeDenials } from "../../lib/azure/deny-assignments";
import {
    describeFunctionIdentity,
    functionRoleAssignmentsOf,
    principalIdOf,
} from "../../lib/azure/function-identities";
import { judgeAssignedRole } from "../../lib/azure/role-definitions";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";

/** The first reasons in full; Owner alone has ten, and one sentence of them is enough to act on. */
const REASONS_SHOWN = 3;

function whyPrivileged(reasons: readonly string[]): string {
    const shown = `it ${reasons.slice(0, REASONS_SHOWN).join("; it ")}`;
    const rest = reasons.length - REASONS_SHOWN;
    return rest > 0 ? `${shown}; and ${rest} more` : shown;
}

interface Config {
    readonly allowedRoles: readonly string[];
}

export const azureRoleAssignmentNoPrivilegedRoles = defineStackPolicy<Config>({
    name: "azure-role-assignment-no-privileged-roles",
    description:
        "Checks that no function identity holds a privileged (Tier-0) Azure role: one that can assign roles, act as other identities, list keys or publishing credentials, or run code elsewhere.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Grant data-plane roles at the target's scope through `AzureFunction` `grants` (for example " +
        '`{ name: "uploads", access: "blob:read", resource: container.id }`) instead of Owner, ' +
        "Contributor, User Access Administrator or other roles that reach beyond the function's data.",
    cloud: "azure",
    services: ["iam", "functions"],
    controls: [
        "nist-800-53:AC-6",
        "pci-dss:7.2",
        "soc2:CC6.1",
        "soc2:CC6.3",
        "cis",
        "hipaa:164.312",
    ],
    config: {
        allowedRoles: {
            type: "array",
            items: { type: "string" },
            description:
                "Role GUIDs or role names a function identity may hold although they are privileged.",
            default: [],
        },
    },
    validate: (args, report, config) => {
        const allowed = new Set(config.allowedRoles.map((role) => role.toLowerCase()));
        for (const { assignment, identity } of functionRoleAssignmentsOf(args.resources)) {
            const denials = denialsOf(
                assignment,
                principalIdOf(identity)?.toLowerCase(),
                args.resources,
            );
            const role = judgeAssignedRole(assignment, args.resources, denials);
            if (role.reasons.length === 0) {
                continue;
            }
            const label = role.name ?? role.guid ?? "unknown role";
            if (
                allowed.has(label.toLowerCase()) ||
                (role.guid !== undefined && allowed.has(role.guid))
            ) {
                continue;
            }
            const shown =
                role.name !== undefined && role.guid !== undefined
                    ? `'${role.name}' (${role.guid})`
                    : `'${label}'`;
            const kind = role.custom ? "custom role" : "role";
            report({
                resource: assignment,
                message:
                    `${describeResource(assignment.type, assignment.name)} gives ` +
                    `${describeFunctionIdentity(identity)} the privileged ${kind} ${shown}: ` +
                    whyPrivileged(role.reasons) +
                    (denials.length === 0
                        ? ""
                        : ` (what is left after ${describeDenials(denials)})`),
                key: { kind: "Role", value: label },
            });
        }
    },
});
