/**
 * The grants of the stack's IAM resources as the graph needs them: the role (or the custom role it
 * depends on while its name is unknown), the members (or the property holding them, for property
 * dependencies), the IAM Condition as text, and the role's permissions. Reads through `readKnown`, so
 * an unknown value makes a grant unreadable rather than the graph throw.
 */
import { type GcpGrant, memberConditionOf, readGrants } from "../../gcp/grants";
import type { GcpIamResourceType } from "../../gcp/iam-resources";
import { readKnown } from "../../known-value";
import { CUSTOM_ROLE_NAME, type CustomRole, customRoleOf } from "../../gcp/custom-roles";
import { permissionsOfPredefinedRole } from "./role-permissions";
import type { StackResource } from "../../stack/resource";

export interface StackGrant {
    readonly iam: StackResource;
    readonly entry: GcpIamResourceType;
    /** undefined while the role is unknown during preview. */
    readonly role: string | undefined;
    /** undefined while the members are unknown during preview. */
    readonly members: readonly string[] | undefined;
    /** The property whose dependencies name the members when they are unknown. */
    readonly memberProperty: string;
    readonly conditions: readonly string[];
    /** The IAM Condition's expression, when known (../../gcp/conditions.ts reads it). */
    readonly expression?: string;
}

function membersOf(iam: StackResource, field: string): readonly string[] | undefined {
    const value = readKnown((): unknown => iam.props[field]);
    if (!value.known) {
        return undefined;
    }
    const raw: unknown = value.value;
    const list: unknown[] = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw : [];
    // Each member is read on its own: one unknown in preview makes the list unknown, not a throw.
    const members: string[] = [];
    for (let i = 0; i < list.length; i++) {
        const member = readKnown((): unknown => list[i]);
        if (!member.known) return undefined;
        if (typeof member.value === "string" && member.value !== "") members.push(member.value);
    }
    return members;
}

function fromRead(iam: StackResource, entry: GcpIamResourceType, grant: GcpGrant): StackGrant {
    return {
        iam,
        entry,
        role: grant.role,
        members: grant.members,
        memberProperty: entry.memberField ?? entry.policyDataField ?? "",
        conditions: grant.condition !== undefined ? [grant.condition] : [],
        ...(grant.expression !== undefined ? { expression: grant.expression } : {}),
    };
}

function memberConditions(iam: StackResource): string[] {
    const condition = memberConditionOf(iam.props);
    return condition === undefined ? [] : [condition];
}

/**
 * The grants of one IAM resource. While a policy's data is unknown, one grant with unknown role and
 * members stands for it, so its dependencies still reach the identities it names.
 */
export function grantsOf(iam: StackResource, entry: GcpIamResourceType): StackGrant[] {
    const read = readKnown(() => readGrants(entry, iam.props));
    if (read.known) {
        return read.value.ok ? read.value.grants.map((g) => fromRead(iam, entry, g)) : [];
    }
    const memberProperty = entry.memberField ?? entry.policyDataField ?? "";
    return [
        {
            iam,
            entry,
            role: undefined,
            members:
                entry.memberField === undefined ? undefined : membersOf(iam, entry.memberField),
            memberProperty,
            conditions: entry.memberField === undefined ? [] : memberConditions(iam),
        },
    ];
}

export interface GrantPermissions {
    /** undefined when they cannot be read (unknown role, custom role outside the stack). */
    readonly permissions: readonly string[] | undefined;
    /** How reports name the grant: the role, and the custom role's resource. */
    readonly access: string;
    /** Whether every permission of the role is known (predefined roles beyond the listed ones: no). */
    readonly fullyKnown: boolean;
}

export function permissionsOfGrant(
    grant: StackGrant,
    customRoles: readonly CustomRole[],
): GrantPermissions {
    const custom = customRoleOf(grant.iam, grant.role, grant.entry.roleField, customRoles);
    if (custom !== undefined) {
        const access = `${grant.role ?? "custom role"} (custom role '${custom.resource.name}')`;
        return { permissions: custom.permissions, access, fullyKnown: true };
    }
    if (grant.role === undefined) {
        return { permissions: undefined, access: "role unknown during preview", fullyKnown: false };
    }
    if (CUSTOM_ROLE_NAME.test(grant.role)) {
        return { permissions: undefined, access: grant.role, fullyKnown: false };
    }
    const predefined = permissionsOfPredefinedRole(grant.role);
    return { ...predefined, access: grant.role };
}
