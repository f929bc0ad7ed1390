/**
 * Narrowed IAM policy documents for a Lambda function's role that no component of ours made: each
 * document of the stack that reaches the role (read by the pack's model,
 * policypack/lib/aws/effective-permissions.ts), with the actions the logs prove unused taken out of its
 * Allow statements. Everything else is kept as written: resources, conditions, Deny statements,
 * NotAction statements (which name what they leave out, not what they allow). A statement none of
 * whose actions is left is dropped; one that would still allow more than a hundred actions stays as
 * written (the report names what to take out of it). Never wider than the document it narrows.
 *
 * AWS managed policies cannot be edited and the pack holds only part of them: they are named, not
 * narrowed.
 */
import { expandAwsActionPattern } from "../../../policypack/lib/aws-actions";
import { functionRolePermissions } from "../../../policypack/lib/aws/effective-permissions";
import type { IamStatement } from "../../../policypack/lib/iam-document";
import type { StackResource } from "../../../policypack/lib/stack/resource";

export interface NarrowedDocument {
    /** The resource that holds the document: a role policy, a customer-managed policy, the role. */
    readonly resource: string;
    /** How the report names it. */
    readonly description: string;
    /** The actions taken out. */
    readonly removed: readonly string[];
    /** The document to put in its place; `Statement` may be empty (then remove the policy). */
    readonly document: {
        readonly Version: "2012-10-17";
        readonly Statement: readonly Record<string, unknown>[];
    };
}

/** A statement allowing more than this many actions stays as written: a list that long helps nobody. */
const MOST_LISTED = 100;

const one = (list: readonly string[]): string | readonly string[] =>
    list.length === 1 ? (list[0] ?? "") : list;

function written(statement: IamStatement, actions?: readonly string[]): Record<string, unknown> {
    return {
        ...(statement.sid === undefined ? {} : { Sid: statement.sid }),
        Effect: statement.effect,
        ...(actions !== undefined
            ? { Action: one(actions) }
            : statement.actions !== undefined
              ? { Action: one(statement.actions) }
              : { NotAction: one(statement.notActions ?? []) }),
        ...(statement.resources !== undefined ? { Resource: one(statement.resources) } : {}),
        ...(statement.notResources !== undefined
            ? { NotResource: one(statement.notResources) }
            : {}),
        ...(statement.conditions !== undefined ? { Condition: statement.conditions } : {}),
    };
}

/**
 * The documents reaching the role (by URN) with `unused` (lower-case exact actions) taken out; only
 * those that change.
 */
export function narrowedDocuments(
    resources: readonly StackResource[],
    roleUrn: string,
    unused: ReadonlySet<string>,
): NarrowedDocument[] {
    const effective = functionRolePermissions(resources).get(roleUrn);
    const narrowed: NarrowedDocument[] = [];
    for (const source of effective?.sources ?? []) {
        if (source.problem !== undefined || source.awsManaged !== undefined) continue;
        const removed = new Set<string>();
        const statements: Record<string, unknown>[] = [];
        for (const statement of source.statements) {
            if (statement.effect !== "Allow" || statement.actions === undefined) {
                statements.push(written(statement));
                continue;
            }
            const expanded = [
                ...new Set(
                    statement.actions.flatMap((p) =>
                        expandAwsActionPattern(p).map((a) => a.action),
                    ),
                ),
            ];
            const out = expanded.filter((a) => unused.has(a.toLowerCase()));
            if (out.length === 0 || expanded.length - out.length > MOST_LISTED) {
                statements.push(written(statement));
                continue;
            }
            out.forEach((a) => removed.add(a));
            const kept = expanded.filter((a) => !unused.has(a.toLowerCase())).sort();
            if (kept.length > 0) statements.push(written(statement, kept));
        }
        if (removed.size === 0) continue;
        const holder = source.policy ?? source.via;
        narrowed.push({
            resource: holder.urn,
            description: source.description,
            removed: [...removed].sort(),
            document: { Version: "2012-10-17", Statement: statements },
        });
    }
    return narrowed;
}
