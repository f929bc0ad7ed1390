/**
 * What each Lambda function of a stack is granted, read from the pack's stack model (the same readers
 * the rules and the identity graph use: policypack/lib/aws/function-identities.ts,
 * effective-permissions.ts, grants.ts): per exact IAM action, the resources its role may use it on
 * after every Deny, and whether a condition limits it. The right-sizing report compares this with what
 * the role's sessions did (./usage.ts).
 */
import { expandAwsActionPattern } from "../../../policypack/lib/aws-actions";
import { neverHolds } from "../../../policypack/lib/aws/conditions";
import { functionRolePermissions } from "../../../policypack/lib/aws/effective-permissions";
import { functionIdentities } from "../../../policypack/lib/aws/function-identities";
import { grantsOf } from "../../../policypack/lib/aws/grants";
import { conditionKeys } from "../../../policypack/lib/aws/statements";
import { knownString } from "../../../policypack/lib/known-value";
import type { StackResource } from "../../../policypack/lib/stack/resource";

export interface GrantedAction {
    /** As the action index spells it: `s3:GetObject`. */
    readonly action: string;
    /** Resource patterns it stays allowed on after every Deny. */
    readonly resources: readonly string[];
    /** Every grant of it holds only under a condition. */
    readonly conditional: boolean;
}

export interface FunctionGrants {
    readonly functions: readonly StackResource[];
    readonly role?: StackResource;
    /** The role's ARN when known: how CloudTrail names the sessions' issuer. */
    readonly roleArn?: string;
    /** By lower-case action. */
    readonly granted: ReadonlyMap<string, GrantedAction>;
    /** Why what is granted may be more than this: a document not readable, a role outside the stack. */
    readonly incomplete: readonly string[];
}

/** The exact actions an Allow statement can reach (NotAction: every indexed action it does not exclude). */
function candidateActions(patterns: readonly string[] | undefined): string[] {
    return (patterns ?? ["*"]).flatMap((pattern) =>
        expandAwsActionPattern(pattern).map((a) => a.action),
    );
}

export function awsFunctionGrants(resources: readonly StackResource[]): FunctionGrants[] {
    const permissions = functionRolePermissions(resources);
    return functionIdentities(resources).map((identity) => {
        const role = identity.role;
        const effective = role === undefined ? undefined : permissions.get(role.urn);
        const arnProp = role === undefined ? undefined : knownString(role.props, "arn");
        const roleArn = identity.roleArn ?? (arnProp?.known === true ? arnProp.value : undefined);
        const granted = new Map<string, GrantedAction>();
        const incomplete: string[] = [];
        if (effective === undefined) {
            incomplete.push(`the role ${roleArn ?? "(unknown)"} is outside the stack`);
        }
        for (const source of effective?.sources ?? []) {
            if (source.problem !== undefined)
                incomplete.push(`${source.description}: ${source.problem}`);
            for (const statement of source.statements) {
                if (statement.effect !== "Allow" || neverHolds(statement)) continue;
                const candidates =
                    statement.actions !== undefined
                        ? candidateActions(statement.actions)
                        : candidateActions(["*"]);
                for (const action of candidates) {
                    const key = action.toLowerCase();
                    if (granted.has(key) || effective === undefined) continue;
                    const grants = grantsOf(effective, action);
                    if (grants.length === 0) continue;
                    granted.set(key, {
                        action,
                        resources: [...new Set(grants.flatMap((g) => g.resources))],
                        conditional: grants.every((g) => conditionKeys(g.statement).length > 0),
                    });
                }
            }
        }
        return {
            functions: identity.functions,
            ...(role === undefined ? {} : { role }),
            ...(roleArn === undefined ? {} : { roleArn }),
            granted,
            incomplete,
        };
    });
}
