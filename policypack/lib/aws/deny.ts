/**
 * What Deny statements take back from an Allow, in one place for the rules (./grants.ts) and the
 * identity graph (../graph/aws/grants.ts), so both answer "is this action allowed on this resource"
 * the same way. Explicit Deny wins over Allow (IAM policy evaluation logic,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 *
 * Only an unconditional Deny takes back for certain (a conditional one applies to some requests); a
 * Deny with `Resource` takes back an Allow on a resource pattern its patterns contain; a Deny with
 * `NotResource` takes back everything but the spared patterns, so an Allow on `*` shrinks to them, an
 * Allow inside a spared pattern is untouched, and one disjoint from every spared pattern is gone.
 * Where the overlap cannot be decided from the patterns, the Allow is kept (reported, never hidden).
 */
import { expandAwsActionPattern } from "../aws-actions";
import { globMatch, hasWildcard } from "../glob";
import type { IamStatement } from "../iam-document";
import { neverHolds } from "./conditions";
import { conditionKeys, reachesAction } from "./statements";

/** The part of a pattern before its first wildcard. */
function literalPrefix(pattern: string): string {
    const at = pattern.search(/[*?]/);
    return at < 0 ? pattern : pattern.slice(0, at);
}

/** True when no resource can match both patterns (decided from literal prefixes and literals). */
export function disjointPatterns(a: string, b: string): boolean {
    const pa = literalPrefix(a);
    const pb = literalPrefix(b);
    if (!pa.startsWith(pb) && !pb.startsWith(pa)) {
        return true;
    }
    if (!hasWildcard(a)) {
        return !globMatch(b, a);
    }
    if (!hasWildcard(b)) {
        return !globMatch(a, b);
    }
    return false;
}

/** Whether a Deny statement applies to every request, whatever its context. */
export function isUnconditional(statement: IamStatement): boolean {
    return conditionKeys(statement).length === 0;
}

/** Whether the Deny reaches a resource pattern at all (for conditional Deny notes). */
export function denyReaches(deny: IamStatement, resource: string): boolean {
    if (deny.resources !== undefined) {
        return deny.resources.some((p) => globMatch(p, resource));
    }
    return !(deny.notResources ?? []).some((spared) => globMatch(spared, resource));
}

/** What one unconditional Deny leaves of an Allow on one resource pattern. */
function narrowedBy(deny: IamStatement, resource: string): string[] {
    if (deny.resources !== undefined) {
        return deny.resources.some((p) => globMatch(p, resource)) ? [] : [resource];
    }
    if (deny.notResources === undefined) {
        return [resource];
    }
    const spared = deny.notResources;
    if (spared.some((p) => globMatch(p, resource))) {
        return [resource];
    }
    const overlapping = spared.filter((p) => !disjointPatterns(p, resource));
    if (overlapping.length === 0) {
        return [];
    }
    // Every overlapping spared pattern lies inside the Allow: what is left is exactly those.
    return overlapping.every((p) => globMatch(resource, p)) ? overlapping : [resource];
}

/**
 * The resource patterns on which `action` stays allowed after the Deny statements, for an Allow of it
 * on `resource`: `[resource]` when nothing takes it back, `[]` when a Deny takes it all back.
 */
export function resourcesAfterDenies(
    resource: string,
    action: string,
    denies: readonly IamStatement[],
): string[] {
    let remaining = [resource];
    for (const deny of denies) {
        if (deny.effect !== "Deny" || !isUnconditional(deny) || !reachesAction(deny, action)) {
            continue;
        }
        remaining = [...new Set(remaining.flatMap((r) => narrowedBy(deny, r)))];
        if (remaining.length === 0) {
            break;
        }
    }
    return remaining;
}

/** The resource patterns an Allow statement names; a NotResource Allow reaches `*` less a few. */
export function allowedResources(statement: IamStatement): readonly string[] {
    return statement.resources ?? ["*"];
}

/**
 * Whether an Allow grants none of `pattern` in its document: its own condition can never hold again
 * (./conditions.ts), or the unconditional Deny statements among `statements` take back every action
 * the pattern names on every resource the Allow reaches. A document rule then has nothing to report
 * for the pattern, wherever the document is attached. An action name the index does not know is
 * judged as written.
 */
export function grantsNothing(
    pattern: string,
    allow: IamStatement,
    statements: readonly IamStatement[],
): boolean {
    if (neverHolds(allow)) {
        return true;
    }
    const denies = statements.filter((s) => s.effect === "Deny" && isUnconditional(s));
    if (denies.length === 0) {
        return false;
    }
    const known = expandAwsActionPattern(pattern).map((a) => a.action);
    const actions = known.length > 0 ? known : [pattern];
    return actions.every((action) =>
        allowedResources(allow).every(
            (resource) => resourcesAfterDenies(resource, action, denies).length === 0,
        ),
    );
}
