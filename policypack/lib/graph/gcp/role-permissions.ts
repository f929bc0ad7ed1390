/**
 * The permissions of a GCP role as the identity graph counts them.
 *
 * The pack's generated role data (data/gcp-role-risks.json, read through ../../gcp/role-risks)
 * keeps, for each predefined role, only its risky permissions: those that take part in an
 * escalation method, impersonate, invoke, or are risky on their own (permissions management,
 * credentials exposure, data exfiltration, see ./permissions.ts): tens of kilobytes instead of the
 * 6.8 MB dataset. That is enough for call chains and risk counts in those categories for every
 * predefined role. The read and write counts and the declared-access ratio need the whole
 * permission list, so the data keeps it for the roles functions are commonly granted
 * (FULLY_LISTED_ROLES in scripts/generate-gcp-role-risks.ts). For any other predefined role the
 * graph knows only its risky permissions: see {@link permissionsOfPredefinedRole}.
 */
import {
    escalationPermissionsOfRole,
    fullPermissionsOfRole,
    impersonationReasonsOfRole,
    isInvokerRole,
    riskyPermissionsOfRole,
} from "../../gcp/role-risks";
import { INVOKE_PERMISSIONS } from "./permissions";

export interface RolePermissions {
    readonly permissions: readonly string[];
    /** false when only the risky part of the role is known (not a role the data lists in full). */
    readonly fullyKnown: boolean;
}

/** impersonationReasonsOfRole's wording for a permission the role holds. */
const HOLDS = "holds ";

/** A predefined role's permissions: all when the data lists the role in full, else its risky ones. */
export function permissionsOfPredefinedRole(role: string): RolePermissions {
    const listed = fullPermissionsOfRole(role);
    if (listed !== undefined) {
        return { permissions: listed, fullyKnown: true };
    }
    const impersonation = (impersonationReasonsOfRole(role) ?? []).flatMap((reason) =>
        reason.startsWith(HOLDS) ? [reason.slice(HOLDS.length)] : [],
    );
    const known = new Set([
        ...escalationPermissionsOfRole(role),
        ...impersonation,
        ...riskyPermissionsOfRole(role),
    ]);
    if (isInvokerRole(role) && !INVOKE_PERMISSIONS.some((p) => known.has(p))) {
        // The data says the role invokes, not through which API: both, to miss no call path.
        INVOKE_PERMISSIONS.forEach((p) => known.add(p));
    }
    return { permissions: [...known].sort(), fullyKnown: false };
}
