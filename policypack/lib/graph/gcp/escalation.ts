/**
 * Which granted permissions of one identity take part in a Rhino escalation method the identity
 * completes, judged as gcp-iam-no-privilege-escalation judges it: one grant alone completes a method at
 * its own level (organization, folder, project, service account), and the grants at organization,
 * folder and project level together complete project-level methods. Resource-level grants (a bucket,
 * a secret) complete none alone.
 */
import type { GcpIamLevel } from "../../gcp/iam-resources";
import { type EscalationScope, escalationMethodsIn } from "../../gcp/role-risks";

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

/** For each grant (same order), its permissions that take part in a completed method. */
export function escalatingPermissions(grants: readonly LeveledPermissions[]): Set<string>[] {
    const marked = grants.map(() => new Set<string>());
    grants.forEach((grant, index) => {
        const scope = SCOPE_OF_LEVEL[grant.level];
        if (scope === undefined) {
            return;
        }
        for (const method of escalationMethodsIn(grant.permissions)) {
            if (method.scopes.includes(scope)) {
                method.permissions.forEach((p) => marked[index]?.add(p));
            }
        }
    });
    const above = grants
        .map((g, index) => ({ g, index }))
        .filter((x) => ABOVE_PROJECT.has(x.g.level));
    const union = [...new Set(above.flatMap((x) => x.g.permissions))];
    for (const method of escalationMethodsIn(union)) {
        if (!method.scopes.includes("Project")) {
            continue;
        }
        for (const { g, index } of above) {
            method.permissions
                .filter((p) => g.permissions.includes(p))
                .forEach((p) => marked[index]?.add(p));
        }
    }
    return marked;
}
