/**
 * Grants as pure data: which role each grant assigns, at which scope, with which condition. Tested
 * apart from Pulumi; function.ts turns each plan into a role assignment.
 */
import { createHash } from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { AzureGrant } from "./args";
import { compileBlobCondition, CONDITION_VERSION } from "./conditions";
import { accessEntry, type GrantPlane } from "./grants";
import { normalizedScope } from "./resource-id";

export interface PlannedGrant {
    /** The grant's stable key. */
    readonly grant: string;
    /**
     * The role assignment's key when the level assigns more than one role: `<grant>-<n>` for the
     * second and later roles; the grant's name otherwise.
     */
    readonly assignment?: string;
    readonly access: string;
    readonly plane: GrantPlane;
    /** The role's display name and GUID (absent for `function:invoke`). */
    readonly roleName?: string;
    readonly roleGuid?: string;
    /** The target's resource ID: the role assignment's scope. */
    readonly scope: pulumi.Input<string>;
    /** The ABAC expression (version {@link CONDITION_VERSION}) when the grant has one. */
    readonly condition?: string;
    readonly conditionVersion?: string;
    /** For a custom role the component defines: its key, and exactly the data actions it holds. */
    readonly customRole?: string;
    readonly dataActions?: readonly string[];
}

/** The GUID of the custom role with this key, for this function (see `customRoleGuid`). */
export type CustomRoleGuid = (key: string) => string;

/**
 * One plan per role of each grant, in the grants' order (a level with more than one role, such as
 * `queue:trigger`, plans one assignment per role at the same scope); the grants must have passed
 * validation.
 */
export function planAzureGrants(
    grants: readonly AzureGrant[],
    customRoleGuid: CustomRoleGuid = (key) => guidOf(key),
): PlannedGrant[] {
    return grants.flatMap((grant) => {
        const entry = accessEntry(grant.access);
        const condition = entry.conditions
            ? compileBlobCondition(
                  entry.dataActions ?? [],
                  entry.deniedActions ?? [],
                  grant.conditions ?? [],
              )
            : undefined;
        const base: PlannedGrant = {
            grant: grant.name,
            access: grant.access,
            plane: entry.plane,
            scope: grant.resource,
            ...(condition ? { condition, conditionVersion: CONDITION_VERSION } : {}),
        };
        if (entry.customRole) {
            const custom = entry.customRole;
            return [
                {
                    ...base,
                    roleName: custom.name,
                    roleGuid: customRoleGuid(custom.key),
                    customRole: custom.key,
                    dataActions: [...custom.dataActions],
                },
            ];
        }
        if (!entry.role) {
            return [base];
        }
        return [entry.role, ...(entry.extraRoles ?? [])].map((role, i): PlannedGrant => ({
            ...base,
            ...(i === 0 ? {} : { assignment: `${grant.name}-${i + 1}` }),
            roleName: role.name,
            roleGuid: role.guid,
        }));
    });
}

/**
 * The name of a role assignment: ARM wants a GUID, unique for one principal, role and scope. Derived
 * from exactly those and the condition, if any (a stable hash, formatted as a version-5-style UUID), so the same grant always
 * gets the same name and reordering grants replaces nothing.
 */
export function assignmentName(
    scope: string,
    roleGuid: string,
    principalKey: string,
    condition?: string,
): string {
    // A condition makes a different assignment of the same role (blob:write next to blob:readwrite).
    const key =
        `${normalizedScope(scope).toLowerCase()}|${roleGuid.toLowerCase()}|${principalKey}` +
        (condition ? `|${condition}` : "");
    return guidOf(key);
}

/** A stable GUID from `key` (a hash formatted as a version-5-style UUID), as ARM names want. */
export function guidOf(key: string): string {
    const hex = createHash("sha256").update(key).digest("hex");
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return [
        hex.slice(0, 8),
        hex.slice(8, 12),
        `5${hex.slice(13, 16)}`,
        `${variant}${hex.slice(17, 20)}`,
        hex.slice(20, 32),
    ].join("-");
}
