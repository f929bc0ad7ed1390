/**
 * The role a role assignment names, as permission blocks: a custom role definition of the stack (linked
 * by property dependency or by ID/GUID), or a built-in role of the pack's one role table
 * (../../azure/builtin-roles.ts, generated from the MIT dataset), the same table the rules read.
 */
import { lookupBuiltinRole, roleGuidOf } from "../../azure/builtin-roles";
import { customRoleOf } from "../../azure/role-definitions";
import { permissionBlocksOf } from "../../azure/role-permissions";
import type { PermissionBlock } from "../../azure/role-permissions";
import { readKnown, propertyText } from "../../known-value";
import { type AzureStack } from "./stack";
import type { StackResource } from "../../stack/resource";

export interface AssignedRole {
    /** The role's name, or its GUID when the name is not known. */
    readonly name: string;
    readonly guid?: string;
    readonly blocks: readonly PermissionBlock[];
    /** false when only part of the role's permissions is known (the profile is then incomplete). */
    readonly exact: boolean;
}

function customRole(definition: StackResource, guid: string | undefined): AssignedRole {
    const blocks = readKnown(() => permissionBlocksOf(definition.props["permissions"]));
    return {
        name: propertyText(definition, "roleName") ?? definition.name,
        ...(guid === undefined ? {} : { guid }),
        blocks: blocks.known ? blocks.value : [],
        exact: blocks.known,
    };
}

/** The assigned role, or undefined when the assignment's role cannot be read (unknown, unlinked). */
export function assignedRoleOf(
    assignment: StackResource,
    stack: AzureStack,
): AssignedRole | undefined {
    const roleDefinitionId = propertyText(assignment, "roleDefinitionId");
    const guid = roleDefinitionId === undefined ? undefined : roleGuidOf(roleDefinitionId);
    // The rules' linker, over the same resources.
    const custom = customRoleOf(assignment, stack.resources, roleDefinitionId);
    if (custom !== undefined) {
        return customRole(custom, guid);
    }
    if (guid === undefined) {
        return roleDefinitionId === undefined
            ? undefined
            : { name: roleDefinitionId, blocks: [], exact: false };
    }
    return roleWithGuid(guid);
}

/** A built-in role by GUID; opaque (no blocks, not exact) when the role table does not hold it. */
export function roleWithGuid(guid: string): AssignedRole {
    const builtin = lookupBuiltinRole(guid);
    return builtin !== undefined
        ? { name: builtin.name, guid, blocks: builtin.blocks, exact: true }
        : { name: guid, guid, blocks: [], exact: false };
}
