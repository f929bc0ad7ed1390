/**
 * One `granted` edge per role assignment held by a function identity: the role's actions and data
 * actions at the assignment's scope, less what an ABAC condition denies outright, each with its risk
 * categories. The scope becomes the edge's target: the stack resource with that ID (or the one the
 * scope was computed from, when the ID is unknown in preview), else an `azure:resource:<scope>` node.
 */
import {
    type DenyAssignment,
    describeDenials,
    isPatternDenied,
} from "../../azure/deny-assignments";
import type { PermissionBlock } from "../../azure/role-permissions";
import {
    type GrantedEdge,
    type GraphNode,
    type Permission,
    permissionKey,
    RISK_CATEGORIES,
    type RiskCategory,
} from "../model";
import { categoriesOf } from "./categories";
import { actionsDeniedBy, conditionText } from "./conditions";
import { type AssignedRole, assignedRoleOf } from "./roles";
import { type AzureStack, lastSegment } from "./stack";
import { propertyText } from "../../known-value";
import type { StackResource } from "../../stack/resource";

export interface Target {
    readonly node: GraphNode;
    /** The scope as permissions name it: the ARM ID, or the target's URN when the ID is unknown. */
    readonly scope: string;
    readonly resource?: StackResource;
}

/** The node a scope (or the resource a scope property depends on) stands for. */
export function targetOf(
    holder: StackResource,
    property: string,
    stack: AzureStack,
): Target | undefined {
    const scope = propertyText(holder, property);
    const inStack =
        (scope === undefined ? undefined : stack.withId(scope)) ??
        (scope === undefined ? stack.dependenciesOf(holder, property)[0] : undefined);
    if (inStack !== undefined) {
        return {
            node: {
                id: inStack.urn,
                kind: "resource",
                cloud: "azure",
                label: inStack.name,
                type: inStack.type,
                urn: inStack.urn,
            },
            scope: scope ?? inStack.urn,
            resource: inStack,
        };
    }
    if (scope === undefined) {
        return undefined;
    }
    return {
        node: {
            id: `azure:resource:${scope}`,
            kind: "resource",
            cloud: "azure",
            label: lastSegment(scope),
        },
        scope,
    };
}

function sameAction(a: string, b: string): boolean {
    return a.toLowerCase() === b.toLowerCase();
}

/**
 * The permissions `blocks` give at `scope`. `denied`: actions an ABAC condition removes. `ownRuntime`:
 * the scope is the function's own host storage (its code package, keys and leases), whose reads are
 * counted as read, not as data exfiltration (see docs/azure.md, "Identity graph").
 */
export function permissionsOf(
    blocks: readonly PermissionBlock[],
    scope: string,
    denied: readonly string[] = [],
    ownRuntime = false,
    denials: readonly DenyAssignment[] = [],
): Permission[] {
    const byKey = new Map<string, Permission>();
    const add = (pattern: string, plane: "action" | "data", excluded: readonly string[]): void => {
        if (
            denied.some((action) => sameAction(action, pattern)) ||
            isPatternDenied(denials, pattern, plane)
        ) {
            return;
        }
        const categories = categoriesOf(pattern, plane, excluded).filter(
            (c) => !(ownRuntime && c === "dataExfiltration"),
        );
        const permission = { action: pattern, resource: scope, categories };
        byKey.set(permissionKey(permission), permission);
    };
    for (const block of blocks) {
        block.actions.forEach((a) => add(a, "action", block.notActions));
        block.dataActions.forEach((a) => add(a, "data", block.notDataActions));
    }
    return [...byKey.values()];
}

export function levelOf(permissions: readonly Permission[]): RiskCategory | "other" {
    return (
        RISK_CATEGORIES.find((category) =>
            permissions.some((p) => p.categories.includes(category)),
        ) ?? "other"
    );
}

export interface RoleGrant {
    readonly edge: GrantedEdge;
    readonly target: GraphNode;
    /** false when the role or scope could not be read, or only part of the role is known. */
    readonly complete: boolean;
}

/**
 * The grant a role assignment makes to `identityId`; `isOwnRuntime` says whether a target is the host
 * storage of a function that runs as the identity.
 */
export function roleAssignmentGrant(
    assignment: StackResource,
    identityId: string,
    stack: AzureStack,
    isOwnRuntime: (target: Target) => boolean,
    denials: readonly DenyAssignment[] = [],
): RoleGrant {
    const found = targetOf(assignment, "scope", stack);
    const target = found ?? {
        node: {
            id: `azure:resource:unknown scope of ${assignment.urn}`,
            kind: "resource" as const,
            cloud: "azure" as const,
            label: `scope of ${assignment.name}`,
        },
        scope: `scope of ${assignment.urn}`,
    };
    const role: AssignedRole | undefined = assignedRoleOf(assignment, stack);
    const condition = propertyText(assignment, "condition");
    const denied = condition === undefined ? [] : actionsDeniedBy(condition);
    const permissions =
        role === undefined
            ? []
            : permissionsOf(role.blocks, target.scope, denied, isOwnRuntime(target), denials);
    return {
        edge: {
            kind: "granted",
            from: identityId,
            to: target.node.id,
            via: assignment.urn,
            access: role?.name ?? "a role not known yet",
            level: levelOf(permissions),
            permissions,
            conditions: [
                ...(condition === undefined ? [] : [conditionText(condition)]),
                ...(denials.length === 0 ? [] : [`less what ${describeDenials(denials)} blocks`]),
            ],
            ...(role?.exact === true ? {} : { partial: true as const }),
        },
        target: target.node,
        complete: role?.exact === true && found !== undefined,
    };
}
