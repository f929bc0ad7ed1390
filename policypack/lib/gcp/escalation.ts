/**
 * Which Rhino escalation methods the grants of one identity complete, decided once for
 * gcp-iam-no-privilege-escalation and for the identity graph: one grant alone completes a method at
 * its own level (organization, folder, project, service account), and the grants at organization,
 * folder and project level together complete project-level methods. Resource-level grants (a bucket,
 * a secret) complete none alone.
 */
import type { GcpIamLevel } from "./iam-resources";
import { type EscalationMethod, type EscalationScope, escalationMethodsIn } from "./role-risks";

const SCOPE_OF_LEVEL: Readonly<Record<GcpIamLevel, EscalationScope | undefined>> = {
    organization: "Organization",
    folder: "Folder",
    project: "Project",
    serviceAccount: "ServiceAccount",
    resource: undefined,
};

const ABOVE_PROJECT: ReadonlySet<GcpIamLevel> = new Set(["organization", "folder", "project"]);

export interface LeveledPermissions {
    readonly level: GcpIamLevel;
    readonly permissions: readonly string[];
}

export interface Escalations {
    /** Methods one grant completes alone at its level: the grant's index and the method. */
    readonly alone: readonly { readonly index: number; readonly method: EscalationMethod }[];
    /** Project-level methods the grants above the resource level complete together. */
    readonly together: readonly EscalationMethod[];
    /** The indices of the grants at organization, folder and project level. */
    readonly above: readonly number[];
}

/** The methods `grants` (of one identity) complete, alone and together. */
export function escalationsOf(grants: readonly LeveledPermissions[]): Escalations {
    const alone: { index: number; method: EscalationMethod }[] = [];
    grants.forEach((grant, index) => {
        const scope = SCOPE_OF_LEVEL[grant.level];
        if (scope === undefined) {
            return;
        }
        for (const method of escalationMethodsIn(grant.permissions)) {
            if (method.scopes.includes(scope)) {
                alone.push({ index, method });
            }
        }
    });
    const above = grants.flatMap((g, index) => (ABOVE_PROJECT.has(g.level) ? [index] : []));
    const union = [...new Set(above.flatMap((index) => grants[index]?.permissions ?? []))];
    const together = escalationMethodsIn(union).filter((m) => m.scopes.includes("Project"));
    return { alone, together, above };
}

/** For each grant (same order), its permissions that take part in a completed method. */
export function escalatingPermissions(grants: readonly LeveledPermissions[]): Set<string>[] {
    const marked = grants.map(() => new Set<string>());
    const { alone, together, above } = escalationsOf(grants);
    for (const { index, method } of alone) {
        method.permissions.forEach((p) => marked[index]?.add(p));
    }
    for (const method of together) {
        for (const index of above) {
            const held = grants[index]?.permissions ?? [];
            method.permissions
                .filter((p) => held.includes(p))
                .forEach((p) => marked[index]?.add(p));
        }
    }
    return marked;
}
