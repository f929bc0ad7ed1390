/**
 * Links every grant of the stack's IAM resources to the function identities among its members (by
 * value, or by property dependencies while the members are unknown) and to the public members, and
 * resolves its target and permissions.
 */
import { PUBLIC_MEMBERS } from "../../gcp/grants";
import { gcpIamResourceType } from "../../gcp/iam-resources";
import { type FunctionIdentity, identitiesOfMembers } from "../../gcp/identities";
import { isCustomRoleType, readCustomRole } from "../../gcp/custom-roles";
import { type GrantPermissions, grantsOf, permissionsOfGrant, type StackGrant } from "./grants";
import { INVOKE_PERMISSIONS } from "./permissions";
import { confinedResource } from "../../gcp/conditions";
import {
    confinedTarget,
    type FunctionIndex,
    type GrantTarget,
    invokableKinds,
    targetOf,
} from "./targets";
import type { StackResource } from "../../stack/resource";

export interface LinkedGrant {
    readonly grant: StackGrant;
    readonly target: GrantTarget;
    readonly permissions: GrantPermissions;
    /** The function identities among the members. */
    readonly identities: readonly FunctionIdentity[];
    /** `allUsers` / `allAuthenticatedUsers` among the members. */
    readonly publicMembers: readonly string[];
    /** The functions the members may invoke through this grant. */
    readonly invokes: readonly StackResource[];
}

const ABOVE_FUNCTIONS = new Set(["organization", "folder", "project"]);

function invokedFunctions(
    grant: StackGrant,
    target: GrantTarget,
    permissions: GrantPermissions,
    functions: FunctionIndex,
): StackResource[] {
    const held = permissions.permissions ?? [];
    const invoke = INVOKE_PERMISSIONS.filter((p) => held.includes(p));
    if (invoke.length === 0) {
        return [];
    }
    if (target.function !== undefined) {
        return [target.function];
    }
    if (!ABOVE_FUNCTIONS.has(grant.entry.level) || target.confined === true) {
        return [];
    }
    const kinds = invokableKinds(invoke);
    return functions.functions.filter((fn) => kinds.has(fn.type));
}

export function linkGrants(
    resources: readonly StackResource[],
    identities: ReadonlyMap<string, FunctionIdentity>,
    functions: FunctionIndex,
): LinkedGrant[] {
    const customRoles = resources.filter((r) => isCustomRoleType(r.type)).map(readCustomRole);
    const linked: LinkedGrant[] = [];
    for (const iam of resources) {
        const entry = gcpIamResourceType(iam.type);
        if (entry === undefined) {
            continue;
        }
        for (const grant of grantsOf(iam, entry)) {
            const reached = identitiesOfMembers(iam, grant.members, grant.memberProperty)
                .map((ref) => identities.get(ref.key))
                .filter((i): i is FunctionIdentity => i !== undefined);
            const publicMembers = (grant.members ?? []).filter((m) => PUBLIC_MEMBERS.includes(m));
            if (reached.length === 0 && publicMembers.length === 0) {
                continue;
            }
            // A condition confining a project-level grant to one resource: that resource is the target.
            const confined = ABOVE_FUNCTIONS.has(entry.level)
                ? confinedResource(grant.expression)
                : undefined;
            const target =
                confined !== undefined
                    ? confinedTarget(confined, functions)
                    : targetOf(iam, entry, functions);
            const permissions = permissionsOfGrant(grant, customRoles);
            linked.push({
                grant,
                target,
                permissions,
                identities: [...new Set(reached)],
                publicMembers,
                invokes: invokedFunctions(grant, target, permissions, functions),
            });
        }
    }
    return linked;
}
