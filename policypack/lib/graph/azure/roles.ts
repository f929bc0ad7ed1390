/**
 * The role a role assignment names, as permission blocks: a custom role definition of the stack (linked
 * by property dependency or by ID/GUID), a built-in role of ./builtin-roles.ts, or, for any other
 * privileged built-in role, the dangerous patterns data/azure-privileged-roles.json records for it.
 */
import { lookupPrivilegedRole, roleGuidOf } from "../../azure/privileged-roles";
import { permissionBlocksOf } from "../../azure/role-definitions";
import { CAPABILITIES, type PermissionBlock } from "../../azure/role-permissions";
import { ROLE_DEFINITION_TYPE, sameArmId } from "../../azure/resources";
import { readKnown } from "../../known-value";
import type { GraphResource } from "../model";
import { builtinRole } from "./builtin-roles";
import { type AzureStack, knownString } from "./stack";

export interface AssignedRole {
    /** The role's name, or its GUID when the name is not known. */
    readonly name: string;
    readonly guid?: string;
    readonly blocks: readonly PermissionBlock[];
    /** false when only part of the role's permissions is known (the profile is then incomplete). */
    readonly exact: boolean;
}

function customRoleOf(
    assignment: GraphResource,
    stack: AzureStack,
    roleDefinitionId: string | undefined,
): GraphResource | undefined {
    const byDependency = stack
        .dependenciesOf(assignment, "roleDefinitionId")
        .find((d) => d.type === ROLE_DEFINITION_TYPE);
    if (byDependency !== undefined || roleDefinitionId === undefined) {
        return byDependency;
    }
    const guid = roleGuidOf(roleDefinitionId);
    return stack.ofType(ROLE_DEFINITION_TYPE).find((definition) => {
        const id = knownString(definition, "id");
        if (id !== undefined && sameArmId(id, roleDefinitionId)) {
            return true;
        }
        const own = knownString(definition, "roleDefinitionId") ?? knownString(definition, "name");
        return guid !== undefined && own?.toLowerCase() === guid;
    });
}

function customRole(definition: GraphResource, guid: string | undefined): AssignedRole {
    const blocks = readKnown(() => permissionBlocksOf(definition.props["permissions"]));
    return {
        name: knownString(definition, "roleName") ?? definition.name,
        ...(guid === undefined ? {} : { guid }),
        blocks: blocks.known ? blocks.value : [],
        exact: blocks.known,
    };
}

const QUOTED = /\('([^']+)'(?: through '([^']+)')?/;

/**
 * A privileged built-in role outside ./builtin-roles.ts: each recorded reason quotes the operation and
 * the role's own pattern that reaches it (see describePrivilege); those patterns are all we know.
 */
function privilegedRole(guid: string): AssignedRole | undefined {
    const role = lookupPrivilegedRole(guid);
    if (role === undefined) {
        return undefined;
    }
    const actions: string[] = [];
    const dataActions: string[] = [];
    for (const reason of role.reasons) {
        const match = QUOTED.exec(reason);
        const operation = match?.[1];
        if (operation === undefined) {
            continue;
        }
        const pattern = match?.[2] ?? operation;
        const capability = CAPABILITIES.find((c) => reason.startsWith(c.summary));
        const isData =
            capability?.actions?.includes(operation) !== true &&
            capability?.dataActions?.includes(operation) === true;
        (isData ? dataActions : actions).push(pattern);
    }
    return {
        name: role.name,
        guid,
        blocks: [{ actions, notActions: [], dataActions, notDataActions: [] }],
        exact: false,
    };
}

/** The assigned role, or undefined when the assignment's role cannot be read (unknown, unlinked). */
export function assignedRoleOf(
    assignment: GraphResource,
    stack: AzureStack,
): AssignedRole | undefined {
    const roleDefinitionId = knownString(assignment, "roleDefinitionId");
    const guid = roleDefinitionId === undefined ? undefined : roleGuidOf(roleDefinitionId);
    const custom = customRoleOf(assignment, stack, roleDefinitionId);
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

/** A built-in role by GUID; opaque (no blocks, not exact) when neither data source knows it. */
export function roleWithGuid(guid: string): AssignedRole {
    const builtin = builtinRole(guid);
    if (builtin !== undefined) {
        return { name: builtin.name, guid, blocks: builtin.blocks, exact: true };
    }
    return privilegedRole(guid) ?? { name: guid, guid, blocks: [], exact: false };
}
