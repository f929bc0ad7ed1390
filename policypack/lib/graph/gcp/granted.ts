/**
 * The granted edges of one identity: one per grant, with its effective permissions on the grant's
 * target and their risk categories (privilege escalation when the identity completes a Rhino method
 * the permission belongs to), the role as the access text, and the IAM Condition as text.
 */
import { type GrantedEdge, type Permission, RISK_CATEGORIES, type RiskCategory } from "../model";
import { escalatingPermissions } from "../../gcp/escalation";
import type { LinkedGrant } from "./link";
import { baseCategories } from "./permissions";

function permissionsOf(
    grant: LinkedGrant,
    escalating: ReadonlySet<string>,
    actions: readonly string[],
): Permission[] {
    return actions.map((action) => ({
        action,
        resource: grant.target.resource,
        categories: escalating.has(action)
            ? ["privilegeEscalation", ...baseCategories(action)]
            : baseCategories(action),
    }));
}

function levelOf(permissions: readonly Permission[]): RiskCategory | "other" {
    const held = new Set(permissions.flatMap((p) => p.categories));
    return RISK_CATEGORIES.find((c) => held.has(c)) ?? "other";
}

export interface IdentityGrants {
    readonly edges: GrantedEdge[];
    /** false when some grant's permissions could not be read. */
    readonly complete: boolean;
}

export function grantedEdges(identityId: string, grants: readonly LinkedGrant[]): IdentityGrants {
    const readable = grants.flatMap((g) =>
        g.permissions.permissions === undefined
            ? []
            : [{ level: g.grant.entry.level, permissions: g.permissions.permissions }],
    );
    const escalating = escalatingPermissions(readable);
    let index = 0;
    const edges = grants.map((grant): GrantedEdge => {
        const actions = grant.permissions.permissions;
        const marked = actions === undefined ? undefined : escalating[index++];
        const permissions =
            actions === undefined ? [] : permissionsOf(grant, marked ?? new Set(), actions);
        return {
            kind: "granted",
            from: identityId,
            to: grant.target.node.id,
            via: grant.grant.iam.urn,
            access: grant.permissions.access,
            level: levelOf(permissions),
            permissions,
            conditions: grant.grant.conditions,
            ...(grant.permissions.fullyKnown ? {} : { partial: true as const }),
        };
    });
    return { edges, complete: grants.every((g) => g.permissions.permissions !== undefined) };
}
