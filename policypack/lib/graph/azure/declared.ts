/**
 * Declared access of function apps built with the `AzureFunction` component: the component resource
 * (`perimeter:index:AzureFunction`) registers `declaredAccess`, every role assignment it makes (the
 * host's storage roles and one per grant: role GUID, scope, ABAC condition). Its permissions, computed
 * as for a real assignment, are what the program declared; the app's effective permissions are what its
 * identity holds. The pack reads the output by its shape only and never loads the component code.
 */
import { readKnown } from "../../known-value";
import { type DeclaredAccess, permissionKey } from "../model";
import { actionsDeniedBy } from "./conditions";
import { permissionsOf } from "./grants";
import { roleWithGuid } from "./roles";
import { type AzureStack, isRecord } from "./stack";
import type { StackResource } from "../../stack/resource";

export const AZURE_FUNCTION_COMPONENT_TYPE = "perimeter:index:AzureFunction";

/** The AzureFunction component that created `app`: its parent, or the component whose `app` it is. */
export function componentOf(app: StackResource, stack: AzureStack): StackResource | undefined {
    const parent = app.parent;
    if (parent?.type === AZURE_FUNCTION_COMPONENT_TYPE) {
        return parent;
    }
    return stack.ofType(AZURE_FUNCTION_COMPONENT_TYPE).find((component) => {
        const ref = readKnown((): unknown => component.props["app"]);
        const urn = ref.known && isRecord(ref.value) ? ref.value["urn"] : ref.known && ref.value;
        return urn === app.urn;
    });
}

/** The number of distinct permissions the component's `declaredAccess` names; undefined when unread. */
export function declaredPermissionCount(component: StackResource): number | undefined {
    const entries = readKnown((): unknown => component.props["declaredAccess"]);
    if (!entries.known || !Array.isArray(entries.value)) {
        return undefined;
    }
    const list: unknown[] = entries.value;
    const keys = new Set<string>();
    for (let i = 0; i < list.length; i += 1) {
        const entry = readKnown(() => list[i]);
        if (!entry.known || !isRecord(entry.value)) {
            return undefined;
        }
        const fields = entry.value;
        const read = (field: string): unknown => {
            const value = readKnown(() => fields[field]);
            return value.known ? value.value : undefined;
        };
        const roleGuid = read("roleGuid");
        if (read("plane") !== "rbac" || typeof roleGuid !== "string") {
            continue; // function:invoke is Easy Auth, not a role; Cosmos DB data roles are not graphed.
        }
        const scope = read("scope");
        const condition = read("condition");
        // A custom role the component defined carries its data actions in the entry itself.
        const dataActions = read("dataActions");
        const blocks = Array.isArray(dataActions)
            ? [
                  {
                      actions: [],
                      notActions: [],
                      dataActions: dataActions.filter((a): a is string => typeof a === "string"),
                      notDataActions: [],
                  },
              ]
            : roleWithGuid(roleGuid).blocks;
        const permissions = permissionsOf(
            blocks,
            typeof scope === "string" ? scope : `${component.urn}#${String(read("grant"))}`,
            typeof condition === "string" ? actionsDeniedBy(condition) : [],
        );
        permissions.forEach((p) => keys.add(permissionKey(p)));
    }
    return keys.size;
}

/** Granted against declared; `ratio` is 1 for least privilege, and counts extras when nothing was declared. */
export function declaredAccess(declared: number, granted: number): DeclaredAccess {
    const ratio = declared > 0 ? granted / declared : granted === 0 ? 1 : granted;
    return { declared, granted, ratio };
}
