import { matchesEveryAwsAction } from "../../lib/aws-actions";
import { functionRolePermissions } from "../../lib/aws/effective-permissions";
import { functionIdentities } from "../../lib/aws/function-identities";
import { type ActionGrant, grantsOf } from "../../lib/aws/grants";
import { describeIdentity } from "../../lib/aws/identity-findings";
import { leverResources } from "../../lib/aws/levers";
import { methodSource, privilegeEscalationMethods } from "../../lib/aws/risks";
import { conditionKeys } from "../../lib/aws/statements";
import { defineStackPolicy } from "../../lib/define-policy";
import { quoteList } from "../../lib/finding";

function describeGrants(grants: readonly ActionGrant[]): string {
    const first = grants[0];
    if (first === undefined) {
        return "";
    }
    const keys = [...new Set(grants.flatMap((g) => conditionKeys(g.statement)))];
    const when = keys.length === 0 ? "" : ` when conditions on ${quoteList(keys)} hold`;
    const on = [...new Set(grants.flatMap((g) => g.resources))];
    return `'${first.action}' on ${quoteList(on)} from ${first.source.description}${when}`;
}

/** The grants of an action kept where the action can be a method's lever (lib/aws/levers.ts). */
function asLevers(grants: readonly ActionGrant[]): ActionGrant[] {
    return grants.flatMap((g) => {
        const resources = leverResources(g.action, g.resources);
        return resources.length === 0 ? [] : [{ ...g, resources }];
    });
}

export const awsIamNoPrivilegeEscalation = defineStackPolicy({
    name: "aws-iam-no-privilege-escalation",
    description:
        "Checks that the effective permissions of no function's role complete a known AWS privilege-escalation method (cloudsplaining, pathfinding.cloud).",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Remove the actions the finding names from the function's role: give it only `AwsFunction` " +
        "`grants`, which never include IAM, PassRole or code-update actions. A method that is truly " +
        "needed can be allowed by id in `allowedMethods`.",
    cloud: "aws",
    services: ["iam", "lambda"],
    controls: ["nist-800-53:AC-6", "pci-dss:7.2", "soc2:CC6.1", "soc2:CC6.3", "cis"],
    config: {
        allowedMethods: {
            type: "array",
            items: { type: "string" },
            description:
                "Escalation method ids that are reviewed and allowed, e.g. 'pathfinding.cloud:lambda-003'.",
            default: [] as string[],
        },
    },
    validate: (args, report, config) => {
        const identities = functionIdentities(args.resources);
        const permissions = functionRolePermissions(args.resources);
        const allowed = new Set(config.allowedMethods);
        for (const identity of identities) {
            const role = identity.role;
            const effective = role === undefined ? undefined : permissions.get(role.urn);
            if (role === undefined || effective === undefined) {
                continue;
            }
            // A role allowed every action completes every method: aws-iam-no-admin-access reports
            // that grant once, instead of one finding here per method.
            const isAdministrator = effective.sources.some((source) =>
                source.statements.some(
                    (s) => s.effect === "Allow" && (s.actions ?? []).some(matchesEveryAwsAction),
                ),
            );
            if (isAdministrator) {
                continue;
            }
            const grantCache = new Map<string, ActionGrant[]>();
            const granted = (action: string) => {
                let grants = grantCache.get(action);
                if (grants === undefined) {
                    grants = asLevers(grantsOf(effective, action));
                    grantCache.set(action, grants);
                }
                return grants;
            };
            for (const method of privilegeEscalationMethods()) {
                if (allowed.has(method.id)) {
                    continue;
                }
                // Most methods stop at their first action the role is not granted.
                const grants: ActionGrant[][] = [];
                for (const action of method.actions) {
                    const grant = granted(action);
                    if (grant.length === 0) break;
                    grants.push(grant);
                }
                if (grants.length < method.actions.length) {
                    continue;
                }

                const how = grants.map(describeGrants).join("; ");
                const reference = method.url === undefined ? "" : ` (${method.url})`;
                report({
                    resource: role,
                    message:
                        `${describeIdentity(identity)} can escalate privileges by ${methodSource(method)} ` +
                        `method '${method.id}'${reference}: it is granted ${how}`,
                    key: { kind: "Method", value: method.id },
                });
            }
        }
    },
});
