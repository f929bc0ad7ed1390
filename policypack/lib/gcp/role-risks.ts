/**
 * What the GCP rules know about roles: basic roles, impersonation roles, the Rhino escalation methods a
 * predefined role completes (from the permissions of each role that take part in a method), invoker
 * roles, each predefined role's permissions that are risky on their own, and the whole permission
 * list of the roles functions are commonly granted. Backed by data/gcp-role-risks.json, generated
 * from ../shared/data by scripts/generate-gcp-role-risks.ts; parsed once, on first use, not at pack
 * boot.
 */
import { readPackDataFile } from "../data-file";

/** A resource level at which Rhino's scanner checks a method. */
export type EscalationScope = "Organization" | "Folder" | "Project" | "ServiceAccount";

export interface EscalationMethod {
    /** Rhino's method name, e.g. `UpdateIAMRole`. */
    readonly method: string;
    /** The repository the method comes from. */
    readonly source: string;
    /** Every permission the method needs at the same time. */
    readonly permissions: readonly string[];
    readonly scopes: readonly EscalationScope[];
    readonly reference?: string;
}

interface RoleRisks {
    readonly basicRoles: ReadonlySet<string>;
    readonly impersonationPermissions: readonly string[];
    readonly methods: readonly EscalationMethod[];
    /** role → why it impersonates (Checkov's list mark, or the permissions it holds) */
    readonly impersonationRoles: ReadonlyMap<string, readonly string[]>;
    /** role → its permissions that take part in some method */
    readonly escalationPermissionsByRole: ReadonlyMap<string, readonly string[]>;
    readonly invokerRoles: ReadonlySet<string>;
    readonly invokerPermissions: readonly string[];
    readonly checkovMark: string;
    /** role → its permissions that are risky on their own */
    readonly riskyPermissionsByRole: ReadonlyMap<string, readonly string[]>;
    /** role → every permission it holds, for the roles the data lists in full */
    readonly fullPermissionsByRole: ReadonlyMap<string, readonly string[]>;
}

let loaded: RoleRisks | undefined;

interface RawRoleRisks {
    basicRoles: string[];
    impersonationPermissions: string[];
    invokerPermissions: string[];
    checkovMark: string;
    methods: EscalationMethod[];
    impersonationRoles: Record<string, string[]>;
    escalationPermissionsByRole: Record<string, string[]>;
    invokerRoles: string[];
    /** Each risky permission once; `riskyPermissionsByRole` names them by index. */
    riskyPermissions: string[];
    riskyPermissionsByRole: Record<string, number[]>;
    fullPermissionsByRole: Record<string, string[]>;
}

function decodeRiskyPermissions(raw: RawRoleRisks): Map<string, readonly string[]> {
    const names = raw.riskyPermissions;
    return new Map(
        Object.entries(raw.riskyPermissionsByRole).map(([role, indexes]) => [
            role,
            indexes.flatMap((index) => names[index] ?? []),
        ]),
    );
}

function roleRisks(): RoleRisks {
    if (loaded === undefined) {
        const raw = readPackDataFile("gcp-role-risks.json") as RawRoleRisks;
        loaded = {
            basicRoles: new Set(raw.basicRoles),
            impersonationPermissions: raw.impersonationPermissions,
            methods: raw.methods,
            impersonationRoles: new Map(Object.entries(raw.impersonationRoles)),
            escalationPermissionsByRole: new Map(Object.entries(raw.escalationPermissionsByRole)),
            invokerRoles: new Set(raw.invokerRoles),
            invokerPermissions: raw.invokerPermissions,
            checkovMark: raw.checkovMark,
            riskyPermissionsByRole: decodeRiskyPermissions(raw),
            fullPermissionsByRole: new Map(Object.entries(raw.fullPermissionsByRole)),
        };
    }
    return loaded;
}

/** roles/owner, roles/editor, roles/viewer. */
export function isBasicRole(role: string): boolean {
    return roleRisks().basicRoles.has(role);
}

/**
 * Why a predefined role lets its holder act as other service accounts: `on Checkov's impersonation
 * list` and/or the impersonation permissions it holds; undefined when it does not.
 */
export function impersonationReasonsOfRole(role: string): readonly string[] | undefined {
    const reasons = roleRisks().impersonationRoles.get(role);
    if (reasons === undefined) {
        return undefined;
    }
    const mark = roleRisks().checkovMark;
    return reasons.map((r) => (r === mark ? "on Checkov's impersonation list" : `holds ${r}`));
}

/** The impersonation permissions among a custom role's permissions. */
export function impersonationPermissionsIn(permissions: readonly string[]): string[] {
    const held = new Set(permissions);
    return roleRisks().impersonationPermissions.filter((p) => held.has(p));
}

/** A predefined role's permissions that take part in some escalation method (none when unknown). */
export function escalationPermissionsOfRole(role: string): readonly string[] {
    return roleRisks().escalationPermissionsByRole.get(role) ?? [];
}

/** The escalation methods a predefined role completes on its own. */
export function escalationMethodsOfRole(role: string): EscalationMethod[] {
    return escalationMethodsIn(escalationPermissionsOfRole(role));
}

/** The escalation methods whose every permission is among `permissions` (custom roles). */
export function escalationMethodsIn(permissions: readonly string[]): EscalationMethod[] {
    const held = new Set(permissions);
    return roleRisks().methods.filter((m) => m.permissions.every((p) => held.has(p)));
}

/** Roles that let a member call a function or Cloud Run service (run.invoker, cloudfunctions.invoker, ...). */
export function isInvokerRole(role: string): boolean {
    return roleRisks().invokerRoles.has(role);
}

export function invokerPermissionsIn(permissions: readonly string[]): string[] {
    const held = new Set(permissions);
    return roleRisks().invokerPermissions.filter((p) => held.has(p));
}

/** A predefined role's permissions that are risky on their own (none for an unknown role). */
export function riskyPermissionsOfRole(role: string): readonly string[] {
    return roleRisks().riskyPermissionsByRole.get(role) ?? [];
}

/** Every permission of a role the data lists in full; undefined for any other role. */
export function fullPermissionsOfRole(role: string): readonly string[] | undefined {
    return roleRisks().fullPermissionsByRole.get(role);
}
