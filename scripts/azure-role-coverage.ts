/**
 * What an Azure access level's role grants against what its operations need, from the built-in role
 * dataset (../shared/data/azure-builtin-roles.json, read by ./azure-builtin-roles.ts) and, for Cosmos DB's data roles, which the
 * dataset does not hold, from COSMOS_ROLE_DATA_ACTIONS. Used by test/components/azure/needs.test.ts
 * and the Azure part of docs/grants.md.
 */
import type { AzureAccessEntry } from "../components/azure/grants";
import { COSMOS_DATA_ACTIONS, COSMOS_ROLE_DATA_ACTIONS } from "../components/azure/roles";
import { azureBuiltinRoles } from "./azure-builtin-roles";

/** A role's permissions: control-plane actions and data actions, as patterns (`*` any characters). */
export interface RolePermissions {
    readonly actions: readonly string[];
    readonly dataActions: readonly string[];
    /** Removed again by the role's `notActions` / `notDataActions`. */
    readonly notActions: readonly string[];
}

export interface LevelCoverage {
    readonly access: string;
    readonly role: string;
    /** Operations no way of which the role (less the level's ABAC-denied actions) grants. */
    readonly uncovered: readonly string[];
    /** Role permissions (patterns) no operation of the level needs, control plane and data plane. */
    readonly excess: readonly string[];
    /**
     * Role patterns with a wildcard (ARM roles; Cosmos DB's are expanded over its known actions):
     * they grant every permission they match, needed or not.
     */
    readonly wildcards: readonly string[];
}

/** The permissions of the role a level assigns; undefined for a level with no role. */
export function rolePermissions(entry: AzureAccessEntry): RolePermissions | undefined {
    if (entry.customRole) {
        // The component defines this role itself: exactly these data actions, nothing else.
        return { actions: [], dataActions: entry.customRole.dataActions, notActions: [] };
    }
    if (!entry.role) {
        return undefined;
    }
    if (entry.plane === "cosmos") {
        const dataActions = COSMOS_ROLE_DATA_ACTIONS[entry.role.guid];
        if (!dataActions) {
            throw new Error(`no data actions recorded for Cosmos DB role ${entry.role.name}`);
        }
        // Cosmos DB's actions are all known: a wildcard stands for the ones it matches.
        const expanded = dataActions.flatMap((p) =>
            p.includes("*") ? COSMOS_DATA_ACTIONS.filter((a) => matches(p, a)) : [p],
        );
        return { actions: [], dataActions: [...new Set(expanded)], notActions: [] };
    }
    // Every role the level assigns (a queue trigger assigns two), as one set of permissions.
    const assigned = [entry.role, ...(entry.extraRoles ?? [])].map((role) => {
        const found = azureBuiltinRoles().find((r) => r.id === role.guid);
        if (!found) {
            throw new Error(`${role.name} (${role.guid}) is not in the role dataset`);
        }
        return found;
    });
    return {
        actions: [...new Set(assigned.flatMap((r) => r.actions))],
        dataActions: [...new Set(assigned.flatMap((r) => r.dataActions))],
        notActions: assigned.flatMap((r) => [...r.notActions, ...r.notDataActions]),
    };
}

/** Azure matches permissions without regard to case; `*` stands for any characters. */
function matches(pattern: string, permission: string): boolean {
    const source = pattern
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${source}$`, "i").test(permission);
}

function granted(permissions: RolePermissions, denied: readonly string[], need: string): boolean {
    const all = [...permissions.actions, ...permissions.dataActions];
    return (
        all.some((p) => matches(p, need)) &&
        !permissions.notActions.some((p) => matches(p, need)) &&
        !denied.some((d) => d.toLowerCase() === need.toLowerCase())
    );
}

export function levelCoverage(entry: AzureAccessEntry): LevelCoverage | undefined {
    const permissions = rolePermissions(entry);
    const roles = entry.customRole
        ? [`${entry.customRole.name} (custom)`]
        : entry.role
          ? [entry.role, ...(entry.extraRoles ?? [])].map((r) => r.name)
          : [];
    if (!permissions || roles.length === 0) {
        return undefined;
    }
    const denied = entry.deniedActions ?? [];
    const needs = entry.operations.flatMap((o) => o.needs.flat());
    const uncovered = entry.operations
        .filter((o) => !o.needs.some((way) => way.every((n) => granted(permissions, denied, n))))
        .map((o) => o.job);
    const all = [...permissions.actions, ...permissions.dataActions];
    const excess = all.filter(
        (p) =>
            !needs.some((n) => matches(p, n)) &&
            !denied.some((d) => d.toLowerCase() === p.toLowerCase()),
    );
    return {
        access: entry.access,
        role: roles.join(" + "),
        uncovered,
        excess,
        wildcards: all.filter((p) => p.includes("*")),
    };
}
