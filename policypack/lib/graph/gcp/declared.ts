/**
 * Declared access of functions built with GcpFunction (`perimeter:index:GcpFunction`): the component
 * registers `declaredAccess`, the roles its runtime identity was meant to receive (the grants, the
 * secrets read into the environment, the baseline log writer), as plain data known even in preview.
 * Declared = the permissions of those roles; the ratio compares what the identity effectively holds.
 * The pack reads the component's outputs only; it never imports the component code.
 */
import { isGcpFunctionType } from "../../gcp/functions";
import { readKnown } from "../../known-value";
import type { DeclaredAccess } from "../model";
import { permissionsOfPredefinedRole } from "./role-permissions";
import type { StackResource } from "../../stack/resource";

export const GCP_FUNCTION_COMPONENT = "perimeter:index:GcpFunction";

function declaredRoles(component: StackResource): string[] | undefined {
    // Read entries inside the same guard: in preview one entry (or its role) may be unknown, and the
    // SDK's proxy throws when it is touched, not when the list is.
    const declared = readKnown((): string[] | undefined => {
        const value: unknown = component.props["declaredAccess"];
        if (!Array.isArray(value)) {
            return undefined;
        }
        return value.flatMap((entry: unknown) => {
            const role =
                typeof entry === "object" && entry !== null
                    ? (entry as Record<string, unknown>)["role"]
                    : undefined;
            return typeof role === "string" ? [role] : [];
        });
    });
    return declared.known ? declared.value : undefined;
}

/** Declared permission counts by the URN of the function each component created. */
export function declaredPermissionCounts(
    resources: readonly StackResource[],
): ReadonlyMap<string, number> {
    const byComponent = new Map<string, number>();
    for (const resource of resources) {
        if (resource.type !== GCP_FUNCTION_COMPONENT) {
            continue;
        }
        const roles = declaredRoles(resource);
        if (roles !== undefined) {
            const count = roles.reduce(
                (sum, role) => sum + permissionsOfPredefinedRole(role).permissions.length,
                0,
            );
            byComponent.set(resource.urn, count);
        }
    }
    const byFunction = new Map<string, number>();
    for (const resource of resources) {
        const count =
            resource.parent === undefined ? undefined : byComponent.get(resource.parent.urn);
        if (count !== undefined && isGcpFunctionType(resource.type)) {
            byFunction.set(resource.urn, count);
        }
    }
    return byFunction;
}

export function declaredAccess(declared: number, granted: number): DeclaredAccess {
    return {
        declared,
        granted,
        ratio: declared === 0 ? (granted === 0 ? 1 : granted) : granted / declared,
    };
}
