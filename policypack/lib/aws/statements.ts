/**
 * Questions about single IAM statements that several rules ask: which actions a statement reaches,
 * whether it covers every resource, and how a message describes its scope.
 */
import { awsActionPatternMatches } from "../aws-actions";
import { quoteList } from "../finding";
import type { IamStatement } from "../iam-document";

/** `Resource: "*"` (or a NotResource, which reaches every resource but a few). */
export function coversEveryResource(statement: IamStatement): boolean {
    return (
        statement.notResources !== undefined ||
        (statement.resources ?? []).some((r) => /^\*+$/.test(r))
    );
}

/** The condition keys a statement depends on, e.g. `iam:PassedToService`. */
export function conditionKeys(statement: IamStatement): string[] {
    return [
        ...new Set(
            Object.values(statement.conditions ?? {}).flatMap((block) => Object.keys(block)),
        ),
    ];
}

/** Whether the statement's Action/NotAction reaches an exact action name. */
export function reachesAction(statement: IamStatement, action: string): boolean {
    if (statement.actions !== undefined) {
        return anyPatternMatches(statement.actions, action);
    }
    return statement.notActions === undefined || !anyPatternMatches(statement.notActions, action);
}

/** A loop, not `some` with a closure: this runs for every (statement, action) pair a rule asks about. */
function anyPatternMatches(patterns: readonly string[], action: string): boolean {
    for (let i = 0; i < patterns.length; i++) {
        if (awsActionPatternMatches(patterns[i] as string, action)) {
            return true;
        }
    }
    return false;
}

/** `on 'arn:...' when conditions on 'aws:SourceIp' hold`: where and when a statement applies. */
export function describeScope(statement: IamStatement): string {
    const where =
        statement.resources !== undefined
            ? `on ${quoteList(statement.resources)}`
            : statement.notResources !== undefined
              ? `on every resource except ${quoteList(statement.notResources)}`
              : "on any resource";
    const keys = conditionKeys(statement);
    return keys.length === 0 ? where : `${where} when conditions on ${quoteList(keys)} hold`;
}

/** The Allow statements of a list, the ones that grant anything. */
export function allowStatements(statements: readonly IamStatement[]): IamStatement[] {
    return statements.filter((s) => s.effect === "Allow");
}
