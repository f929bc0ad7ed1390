/**
 * Azure deny assignments (`azure-native:authorization:DenyAssignment`): what they take back from a
 * function identity's role assignments, for the rules and the identity graph alike.
 *
 * A deny assignment blocks its `permissions` (actions and data actions, less its notActions and
 * notDataActions) for its `principals` (object IDs; the zero GUID with type `SystemDefined` is every
 * principal) except its `excludePrincipals`, at its `scope` and, unless `doNotApplyToChildScopes`, below
 * it; deny assignments are checked before role assignments
 * (https://learn.microsoft.com/azure/role-based-access-control/deny-assignments,
 * https://learn.microsoft.com/azure/role-based-access-control/overview#how-azure-rbac-determines-if-a-user-has-access-to-a-resource).
 *
 * Deny is applied only where it certainly applies, so a report can over-state access but never hide
 * it (docs/rules.md, "How Deny and conditions count"):
 * - `denyAssignmentEffect` must be `enforced` (`audit` only logs; the default of the 2024-07-01-preview
 *   API is not documented, so an absent effect is not counted);
 * - no `condition` (an ABAC condition limits it to some resources);
 * - the deny's scope is the role assignment's scope or, when it applies to child scopes, above it, both
 *   known;
 * - the identity is among the principals by its known principal ID, or the principals are everyone;
 *   and no excluded principal can be it (every exclusion known, and none is its principal ID).
 * A role assignment at a scope above the deny's keeps granting elsewhere, so it is not reduced.
 */
import { type Known, readKnown } from "../known-value";
import { oncePerRequest } from "../stack/per-request";
import type { StackResource } from "../stack/resource";
import { isObject, normalizedArmId } from "./resources";
import {
    azureActionMatches,
    isAnyProviderStandIn,
    type PermissionBlock,
    permissionBlocksOf,
} from "./role-permissions";

export const DENY_ASSIGNMENT_TYPE = "azure-native:authorization:DenyAssignment";

/** The System-Defined Principal: every user, group, service principal and managed identity. */
const EVERYONE = "00000000-0000-0000-0000-000000000000";

export interface DenyAssignment {
    readonly resource: StackResource;
    /** Normalised ARM ID of the scope. */
    readonly scope: string;
    readonly childScopes: boolean;
    readonly everyone: boolean;
    /** Lower-cased principal IDs the deny names (known ones). */
    readonly principals: ReadonlySet<string>;
    /** Lower-cased excluded principal IDs; undefined when one of them is not known. */
    readonly excluded: ReadonlySet<string> | undefined;
    readonly blocks: readonly PermissionBlock[];
}

/** The principal IDs of a principals list: known ones, and whether any is unknown. */
function principalIds(value: unknown): { ids: string[]; unknown: boolean } {
    if (!Array.isArray(value)) {
        return { ids: [], unknown: false };
    }
    const ids: string[] = [];
    let unknown = false;
    for (const entry of value as unknown[]) {
        const id = isObject(entry) ? readKnown((): unknown => entry["id"]) : undefined;
        if (id === undefined) continue;
        if (!id.known) unknown = true;
        else if (typeof id.value === "string") ids.push(id.value.toLowerCase());
    }
    return { ids, unknown };
}

/** A deny assignment of the stack that can take access back for certain, or undefined. */
function readDenyAssignment(resource: StackResource): DenyAssignment | undefined {
    const read = readKnown(() => {
        const props = resource.props;
        const effect: unknown = props["denyAssignmentEffect"];
        const condition: unknown = props["condition"];
        const scope: unknown = props["scope"];
        if (
            typeof effect !== "string" ||
            effect.toLowerCase() !== "enforced" ||
            (typeof condition === "string" && condition.trim() !== "") ||
            typeof scope !== "string" ||
            scope === ""
        ) {
            return undefined;
        }
        const principals = principalIds(props["principals"]);
        const excluded = principalIds(props["excludePrincipals"]);
        const blocks = permissionBlocksOf(props["permissions"]);
        return {
            resource,
            scope: normalizedArmId(scope),
            childScopes: props["doNotApplyToChildScopes"] !== true,
            everyone: principals.ids.includes(EVERYONE),
            principals: new Set(principals.ids),
            excluded: excluded.unknown ? undefined : new Set(excluded.ids),
            blocks,
        };
    });
    return read.known ? read.value : undefined;
}

/** The stack's deny assignments that can apply for certain; read once per request. */
export const denyAssignmentsOf: (resources: readonly StackResource[]) => readonly DenyAssignment[] =
    oncePerRequest((resources) =>
        resources
            .filter((r) => r.type === DENY_ASSIGNMENT_TYPE)
            .map(readDenyAssignment)
            .filter((d): d is DenyAssignment => d !== undefined),
    );

/** Whether `scope` is the deny's scope or, for a deny that applies to child scopes, below it. */
function covers(deny: DenyAssignment, scope: string): boolean {
    const normalized = normalizedArmId(scope);
    return (
        normalized === deny.scope || (deny.childScopes && normalized.startsWith(`${deny.scope}/`))
    );
}

/**
 * The deny assignments that certainly apply to a role assignment held by the principal `principalId`
 * (lower-cased; undefined while unknown in preview).
 */
export function denialsOf(
    assignment: StackResource,
    principalId: string | undefined,
    resources: readonly StackResource[],
): readonly DenyAssignment[] {
    const all = denyAssignmentsOf(resources);
    if (all.length === 0) {
        return [];
    }
    const scope: Known<string | undefined> = readKnown(() => {
        const value: unknown = assignment.props["scope"];
        return typeof value === "string" && value !== "" ? value : undefined;
    });
    if (!scope.known || scope.value === undefined) {
        return [];
    }
    const at = scope.value;
    return all.filter((deny) => {
        if (!covers(deny, at)) return false;
        const named =
            deny.everyone || (principalId !== undefined && deny.principals.has(principalId));
        const maybeExcluded =
            deny.excluded === undefined ||
            (deny.excluded.size > 0 && principalId === undefined) ||
            (principalId !== undefined && deny.excluded.has(principalId));
        return named && !maybeExcluded;
    });
}

type Plane = "action" | "data";

function patternsOf(block: PermissionBlock, plane: Plane): readonly string[] {
    return plane === "action" ? block.actions : block.dataActions;
}

function exclusionsOf(block: PermissionBlock, plane: Plane): readonly string[] {
    return plane === "action" ? block.notActions : block.notDataActions;
}

/**
 * Whether a concrete operation is blocked by one of the deny assignments. The stand-in for "an
 * operation of any provider" (./role-permissions.ts) is blocked only by a block that excludes nothing:
 * one that spares `Microsoft.Storage/*` leaves every storage operation allowed.
 */
export function isOperationDenied(
    denials: readonly DenyAssignment[],
    operation: string,
    plane: Plane,
): boolean {
    const standIn = isAnyProviderStandIn(operation);
    return denials.some((deny) =>
        deny.blocks.some((block) => {
            const exclusions = exclusionsOf(block, plane);
            return (
                patternsOf(block, plane).some((p) => azureActionMatches(p, operation)) &&
                (standIn
                    ? exclusions.length === 0
                    : !exclusions.some((p) => azureActionMatches(p, operation)))
            );
        }),
    );
}

/**
 * Whether every operation a role's pattern reaches is blocked: a deny pattern that matches the pattern
 * itself (its `*` read as text, which only a `*` of the deny can absorb) covers all it names, in a deny
 * block without exclusions; a block with exclusions covers only concrete operations it does not exclude.
 */
export function isPatternDenied(
    denials: readonly DenyAssignment[],
    pattern: string,
    plane: Plane,
): boolean {
    if (!pattern.includes("*")) {
        return isOperationDenied(denials, pattern, plane);
    }
    return denials.some((deny) =>
        deny.blocks.some(
            (block) =>
                exclusionsOf(block, plane).length === 0 &&
                patternsOf(block, plane).some((p) => azureActionMatches(p, pattern)),
        ),
    );
}

/** `deny assignment 'no-writes'`, for messages. */
export function describeDenials(denials: readonly DenyAssignment[]): string {
    return denials.map((d) => `deny assignment '${d.resource.name}'`).join(", ");
}
