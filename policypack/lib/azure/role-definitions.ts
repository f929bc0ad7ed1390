/**
 * Reading role definitions and role assignments: the permission blocks of a custom role
 * (`azure-native:authorization:RoleDefinition`), and the role an assignment names, judged by GUID
 * against the generated built-in list or by the custom role's own permissions.
 */
import { readKnown } from "../known-value";
import { lookupPrivilegedRole, roleGuidOf } from "./builtin-roles";
import { ROLE_DEFINITION_TYPE, sameArmId } from "./resources";
import { type DenyAssignment, isOperationDenied } from "./deny-assignments";
import {
    type DeniedOperation,
    describePrivilege,
    privilegesOf,
    permissionBlocksOf,
} from "./role-permissions";
import type { StackResource } from "../stack/resource";

/** A role as a finding names it: its name when known, and its GUID. */
export interface JudgedRole {
    readonly name: string | undefined;
    readonly guid: string | undefined;
    /** Why it is privileged; empty when it is not. */
    readonly reasons: readonly string[];
    readonly custom: boolean;
}

/**
 * The custom role definition of the stack an assignment names: by property dependency (its ID is
 * unknown in preview), or by value (its `id`, or its GUID in `roleDefinitionId`/`name`). The one
 * linker of assignments to custom roles, for the rules and the identity graph.
 */
export function customRoleOf(
    assignment: StackResource,
    resources: readonly StackResource[],
    roleDefinitionId: string | undefined,
): StackResource | undefined {
    const definitions = resources.filter((r) => r.type === ROLE_DEFINITION_TYPE);
    const byDependency = (assignment.propertyDependencies?.["roleDefinitionId"] ?? []).find(
        (d) => d.type === ROLE_DEFINITION_TYPE,
    );
    if (byDependency !== undefined || roleDefinitionId === undefined) {
        return byDependency;
    }
    const guid = roleGuidOf(roleDefinitionId);
    return definitions.find((definition) => {
        const id = readKnown((): unknown => definition.props["id"]);
        if (id.known && typeof id.value === "string" && sameArmId(id.value, roleDefinitionId)) {
            return true;
        }
        const own = readKnown(
            (): unknown => definition.props["roleDefinitionId"] ?? definition.props["name"],
        );
        return (
            guid !== undefined &&
            own.known &&
            typeof own.value === "string" &&
            own.value.toLowerCase() === guid
        );
    });
}

/**
 * Judges the role an assignment names. The custom role's permissions are read only when it is linked.
 * Operations the `denials` block (./deny-assignments.ts) do not make it privileged.
 */
export function judgeAssignedRole(
    assignment: StackResource,
    resources: readonly StackResource[],
    denials: readonly DenyAssignment[] = [],
): JudgedRole {
    const denied: DeniedOperation = (operation, plane) =>
        isOperationDenied(denials, operation, plane);
    const dependsOnCustom = (assignment.propertyDependencies?.["roleDefinitionId"] ?? []).some(
        (d) => d.type === ROLE_DEFINITION_TYPE,
    );
    // A custom role's ID is unknown in preview; the dependency already says which role it is.
    const raw = dependsOnCustom
        ? readKnown((): unknown => assignment.props["roleDefinitionId"])
        : { known: true as const, value: assignment.props["roleDefinitionId"] };
    const roleDefinitionId = raw.known && typeof raw.value === "string" ? raw.value : undefined;
    const custom = customRoleOf(assignment, resources, roleDefinitionId);
    const guid = roleDefinitionId === undefined ? undefined : roleGuidOf(roleDefinitionId);
    if (custom !== undefined) {
        const roleName: unknown = custom.props["roleName"];
        const reasons = privilegesOf(permissionBlocksOf(custom.props["permissions"]), denied).map(
            describePrivilege,
        );
        return {
            name: typeof roleName === "string" ? roleName : custom.name,
            guid,
            reasons,
            custom: true,
        };
    }
    const builtin = guid === undefined ? undefined : lookupPrivilegedRole(guid);
    const reasons =
        builtin === undefined
            ? []
            : denials.length === 0
              ? builtin.reasons
              : privilegesOf(builtin.blocks, denied).map(describePrivilege);
    return { name: builtin?.name, guid, reasons, custom: false };
}
