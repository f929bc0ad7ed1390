/**
 * What one role is effectively granted, read into the graph's terms: exact actions (wildcards and
 * NotAction expanded with the action index) on each resource pattern of each source policy, less what
 * an unconditional Deny takes back, each with its risk categories for this identity.
 */
import { type AwsAction, expandAwsActionPattern } from "../../aws-actions";
import type { EffectivePermissions, PermissionSource } from "../../aws/effective-permissions";
import { SCOPED_RESOURCES } from "../../aws/managed-policies";
import { isEscalationAction } from "../../aws/risks";
import { neverHolds } from "../../aws/conditions";
import { isLever } from "../../aws/levers";
import { denyReaches, isUnconditional, resourcesAfterDenies } from "../../aws/deny";
import { reachesAction } from "../../aws/statements";
import type { IamStatement } from "../../iam-document";
import type { Permission, RiskCategory } from "../model";
import { RISK_CATEGORIES } from "../model";
import { categoriesOf, escalationActions } from "./categories";

/** One source policy's effective permissions on one resource pattern (a granted edge, before ids). */
export interface RoleGrant {
    readonly source: PermissionSource;
    /** A resource ARN or pattern, `*`, or `(resources named in <AWS-managed policy>)`. */
    readonly resource: string;
    readonly access: string;
    readonly level: RiskCategory | "other";
    readonly permissions: readonly Permission[];
    readonly conditions: readonly string[];
}

/** An Allow of exact actions on one resource, before the Deny statements are applied. */
interface Allowed {
    readonly source: PermissionSource;
    readonly statement: IamStatement;
    readonly resource: string;
    readonly actions: readonly AwsAction[];
}

/** Listing more actions than this in an edge's access text helps nobody: show the patterns. */
const LISTED_ACTIONS = 6;

/** `StringEquals aws:SourceAccount "111122223333"`, one text per condition key. */
export function conditionTexts(statement: IamStatement): string[] {
    const texts: string[] = [];
    for (const [operator, keys] of Object.entries(statement.conditions ?? {})) {
        for (const [key, values] of Object.entries(keys)) {
            const shown = values.map((v) => JSON.stringify(v)).join(", ");
            texts.push(shown === "" ? `${operator} ${key}` : `${operator} ${key} ${shown}`);
        }
    }
    if (statement.notResources !== undefined) {
        texts.push(`NotResource ${statement.notResources.join(", ")}`);
    }
    return texts;
}

/**
 * The exact actions a statement names. Statements with the same patterns (every role allowed `*`)
 * share one read-only list, so what is derived from it below is derived once. Bounded, since a pack
 * process judges stack after stack.
 */
function expandStatement(statement: IamStatement): readonly AwsAction[] {
    const key =
        statement.actions !== undefined
            ? `A\u0000${statement.actions.join("\u0000")}`
            : `N\u0000${(statement.notActions ?? []).join("\u0000")}`;
    let actions = expandedStatements.get(key);
    if (actions === undefined) {
        if (expandedStatements.size >= SHARED_PERMISSION_LISTS) expandedStatements.clear();
        actions =
            statement.actions !== undefined
                ? [...new Set(statement.actions.flatMap((p) => expandAwsActionPattern(p)))]
                : // NotAction: every known action the statement does not exclude.
                  expandAwsActionPattern("*").filter((a) => reachesAction(statement, a.action));
        expandedStatements.set(key, actions);
    }
    return actions;
}

const expandedStatements = new Map<string, readonly AwsAction[]>();

/** The escalation actions among a (shared) list of actions, found once per list. */
function escalationAmong(actions: readonly AwsAction[]): readonly AwsAction[] {
    let found = escalationOfList.get(actions);
    if (found === undefined) {
        found = actions.filter((x) => isEscalationAction(x.action.toLowerCase()));
        escalationOfList.set(actions, found);
    }
    return found;
}

const escalationOfList = new WeakMap<readonly AwsAction[], readonly AwsAction[]>();

function resourcesOf(source: PermissionSource, statement: IamStatement): readonly string[] {
    if (statement.resources === undefined) {
        // NotResource (or none at all) reaches every resource but the excluded ones.
        return ["*"];
    }
    const managed = source.awsManaged?.name;
    return statement.resources.map((r) =>
        r === SCOPED_RESOURCES && managed !== undefined ? `(resources named in ${managed})` : r,
    );
}

function levelOf(permissions: readonly Permission[]): RiskCategory | "other" {
    const present = new Set(permissions.flatMap((p) => p.categories));
    return RISK_CATEGORIES.find((c) => present.has(c)) ?? "other";
}

function accessText(actions: readonly string[], statements: readonly IamStatement[]): string {
    if (actions.length <= LISTED_ACTIONS) {
        return actions.join(", ");
    }
    const written = new Set(
        statements.flatMap((s) =>
            s.actions !== undefined ? s.actions : (s.notActions ?? []).map((a) => `NotAction ${a}`),
        ),
    );
    return `${[...written].join(", ")} (${actions.length} actions)`;
}

/** The effective grants of a role, one per source policy and resource pattern. */
export function roleGrants(effective: EffectivePermissions): RoleGrant[] {
    const statements = effective.sources.flatMap((source) =>
        source.statements.map((statement) => ({ source, statement })),
    );
    const denies = statements.map((s) => s.statement).filter((s) => s.effect === "Deny");
    const certain = denies.filter(isUnconditional);
    const allowed: Allowed[] = [];
    for (const { source, statement } of statements) {
        // An Allow whose condition can never hold again grants nothing, for the rules too.
        if (statement.effect !== "Allow" || neverHolds(statement)) {
            continue;
        }
        const actions = expandStatement(statement);
        for (const resource of resourcesOf(source, statement)) {
            if (certain.length === 0) {
                allowed.push({ source, statement, resource, actions });
                continue;
            }
            // Deny is applied as the rules apply it (../../aws/deny.ts): an action may stay allowed
            // on the whole pattern, on the patterns a NotResource Deny spares, or nowhere.
            const kept = new Map<string, AwsAction[]>();
            for (const action of actions) {
                for (const left of resourcesAfterDenies(resource, action.action, certain)) {
                    const list = kept.get(left);
                    if (list === undefined) kept.set(left, [action]);
                    else list.push(action);
                }
            }
            for (const [left, keptActions] of kept) {
                allowed.push({ source, statement, resource: left, actions: keptActions });
            }
        }
    }
    // An action counts toward an escalation method only where it can be the method's lever
    // (../../aws/levers.ts), as aws-iam-no-privilege-escalation judges it. Only the methods' own
    // actions are judged: a role allowed `*` holds some 20,000 others.
    const held = new Set(
        allowed.flatMap((a) =>
            escalationAmong(a.actions).flatMap((x) =>
                isLever(x.action, a.resource) ? [x.action.toLowerCase()] : [],
            ),
        ),
    );
    const escalation = escalationActions(held);
    const grouped = new Map<string, Allowed[]>();
    for (const entry of allowed) {
        const key = `${effective.sources.indexOf(entry.source)}\u0000${entry.resource}`;
        const group = grouped.get(key);
        if (group === undefined) {
            grouped.set(key, [entry]);
        } else {
            group.push(entry);
        }
    }
    return [...grouped.values()].flatMap((group) => {
        const first = group[0];
        return first === undefined ? [] : [grantOf(first, group, denies, escalation)];
    });
}

function grantOf(
    first: Allowed,
    group: readonly Allowed[],
    denies: readonly IamStatement[],
    escalation: ReadonlySet<string>,
): RoleGrant {
    let actions = first.actions;
    if (group.length > 1) {
        const byAction = new Map<string, AwsAction>();
        group.forEach((entry) => entry.actions.forEach((a) => byAction.set(a.action, a)));
        actions = [...byAction.values()];
    }
    const leverHere = new Set([...escalation].filter((a) => isLever(a, first.resource)));
    const permissions = permissionsOf(actions, first.resource, leverHere);
    const conditions = new Set(group.flatMap((entry) => conditionTexts(entry.statement)));
    // A conditional Deny that reaches these actions here leaves them granted, but only when it does not apply.
    for (const deny of denies) {
        if (
            !isUnconditional(deny) &&
            denyReaches(deny, first.resource) &&
            actions.some((a) => reachesAction(deny, a.action))
        ) {
            conditions.add(`unless denied when ${conditionTexts(deny).join(" and ")}`);
        }
    }
    return {
        source: first.source,
        resource: first.resource,
        access: accessText(
            actions.map((a) => a.action),
            group.map((entry) => entry.statement),
        ),
        level: levelOfShared(permissions),
        permissions,
        conditions: [...conditions],
    };
}

/**
 * Roles with the same statements (every role allowed `*` on `*`, say) get the same permissions: build
 * them once per stack and share the (read-only) list, so such roles cost what one of them costs.
 * Bounded, since a pack process judges stack after stack.
 */
const sharedPermissions = new Map<string, readonly Permission[]>();
const permissionsOfList = new WeakMap<readonly AwsAction[], Map<string, readonly Permission[]>>();
const SHARED_PERMISSION_LISTS = 2_000;

function permissionsOf(
    actions: readonly AwsAction[],
    resource: string,
    escalation: ReadonlySet<string>,
): readonly Permission[] {
    const build = () =>
        actions.map((a) => ({
            action: a.action,
            resource,
            categories: categoriesOf(a, escalation),
        }));
    if (actions.length < 50) {
        return build();
    }
    // A shared action list (see expandStatement) is known by identity; others by content.
    const escalationKey = [...escalation].sort().join(",");
    let byResource = permissionsOfList.get(actions);
    if (byResource === undefined) {
        byResource = new Map();
        permissionsOfList.set(actions, byResource);
    }
    const sameList = byResource.get(`${resource}\u0000${escalationKey}`);
    if (sameList !== undefined) {
        return sameList;
    }
    const key = [resource, escalationKey, ...actions.map((a) => a.action)].join("\u0000");
    let permissions = sharedPermissions.get(key);
    if (permissions === undefined) {
        if (sharedPermissions.size >= SHARED_PERMISSION_LISTS) {
            sharedPermissions.clear();
        }
        permissions = build();
        sharedPermissions.set(key, permissions);
    }
    byResource.set(`${resource}\u0000${escalationKey}`, permissions);
    return permissions;
}

const levels = new WeakMap<readonly Permission[], RiskCategory | "other">();

function levelOfShared(permissions: readonly Permission[]): RiskCategory | "other" {
    let level = levels.get(permissions);
    if (level === undefined) {
        level = levelOf(permissions);
        levels.set(permissions, level);
    }
    return level;
}
