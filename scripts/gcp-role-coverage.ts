/**
 * What a GCP access level's role grants against what its operations need, from the predefined role
 * dataset (../shared/data/gcp-predefined-roles.json, read by ./gcp-predefined-roles.ts). Used by
 * test/components/gcp/needs.test.ts and the Google Cloud part of docs/grants.md.
 */
import type { GcpAccessEntry } from "../components/gcp/grants";
import { gcpPredefinedRoles } from "./gcp-predefined-roles";

export interface GcpLevelCoverage {
    readonly access: string;
    readonly role: string;
    /** Operations (their jobs) whose needs the role does not all grant. */
    readonly uncovered: readonly string[];
    /** Permissions of the role no operation of the level needs. */
    readonly excess: readonly string[];
    /** Every permission some operation of the level needs, sorted. */
    readonly needed: readonly string[];
}

/** The role's permissions as the dataset lists them; throws for a role it does not hold. */
export function gcpRolePermissions(role: string): readonly string[] {
    const found = gcpPredefinedRoles().get(role);
    if (found === undefined || found.permissionsUnavailable === true) {
        throw new Error(`${role} has no permissions in gcp-predefined-roles.json`);
    }
    return found.permissions;
}

export function gcpLevelCoverage(entry: GcpAccessEntry): GcpLevelCoverage {
    const granted = new Set(gcpRolePermissions(entry.role));
    const needed = [...new Set(entry.operations.flatMap((o) => o.needs))].sort();
    return {
        access: entry.access,
        role: entry.role,
        uncovered: entry.operations
            .filter((o) => !o.needs.every((n) => granted.has(n)))
            .map((o) => o.job),
        excess: [...granted].filter((p) => !needed.includes(p)).sort(),
        needed,
    };
}
