/**
 * Every grant of a stack to a function identity, whatever the IAM flavour, with custom roles resolved
 * to their permissions. Stack rules judge these; resource rules read one resource with `readGrants`.
 */
import { type GcpGrant, readGrants } from "./grants";
import { gcpIamResourceType, type GcpIamResourceType } from "./iam-resources";
import { type FunctionIdentity, functionIdentities, identitiesOfMembers } from "./identities";
import { type CustomRole, customRoleOf, isCustomRoleType, readCustomRole } from "./custom-roles";
import { oncePerRequest } from "../stack/per-request";
import type { StackResource } from "../stack/resource";

export interface FunctionGrant {
    readonly resource: StackResource;
    readonly entry: GcpIamResourceType;
    readonly grant: GcpGrant;
    /** The function identities among the grant's members. */
    readonly identities: readonly FunctionIdentity[];
    /** The custom role the grant's role names, when it is one of this stack. */
    readonly customRole?: CustomRole;
}

export interface StackGrants {
    readonly identities: ReadonlyMap<string, FunctionIdentity>;
    readonly customRoles: readonly CustomRole[];
    /** Grants with at least one function identity among their members. */
    readonly functionGrants: readonly FunctionGrant[];
}

/** Linked once per request (../stack/per-request.ts). */
export const stackGrants: (resources: readonly StackResource[]) => StackGrants =
    oncePerRequest(linkStackGrants);

function linkStackGrants(resources: readonly StackResource[]): StackGrants {
    const identities = functionIdentities(resources);
    const customRoles = resources.filter((r) => isCustomRoleType(r.type)).map(readCustomRole);
    const functionGrants: FunctionGrant[] = [];
    if (identities.size === 0) {
        return { identities, customRoles, functionGrants };
    }
    for (const resource of resources) {
        const entry = gcpIamResourceType(resource.type);
        if (entry === undefined) {
            continue;
        }
        const read = readGrants(entry, resource.props);
        if (!read.ok) {
            continue;
        }
        for (const grant of read.grants) {
            const reached = identitiesOfMembers(resource, grant.members, entry.memberField)
                .map((ref) => identities.get(ref.key))
                .filter((i): i is FunctionIdentity => i !== undefined);
            if (reached.length === 0) {
                continue;
            }
            const customRole = customRoleOf(resource, grant.role, entry.roleField, customRoles);
            functionGrants.push({
                resource,
                entry,
                grant,
                identities: [...new Set(reached)],
                ...(customRole !== undefined ? { customRole } : {}),
            });
        }
    }
    return { identities, customRoles, functionGrants };
}

/** `'fn@p.iam.gserviceaccount.com' (function 'a')`, for messages. */
export function identitiesText(identities: readonly FunctionIdentity[]): string {
    return identities
        .map((i) => {
            const names = i.functions.map((f) => `'${f.name}'`).join(", ");
            return `${i.label} (${i.functions.length === 1 ? "function" : "functions"} ${names})`;
        })
        .join(", ");
}
