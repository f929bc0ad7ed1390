/**
 * What effective permissions grant: an exact action is granted on the resources an Allow statement
 * reaches it on, less what Deny statements take back (./deny.ts, shared with the identity graph); an
 * Allow whose condition can never hold again grants nothing (./conditions.ts).
 */
import type { IamStatement } from "../iam-document";
import { neverHolds } from "./conditions";
import { allowedResources, resourcesAfterDenies } from "./deny";
import type { EffectivePermissions, PermissionSource } from "./effective-permissions";
import { reachesAction } from "./statements";

export interface ActionGrant {
    readonly action: string;
    readonly source: PermissionSource;
    readonly statement: IamStatement;
    /** The resource patterns the action stays allowed on after every Deny. */
    readonly resources: readonly string[];
}

/** The Deny statements of every source policy of a role, found once per role and request. */
export function denyStatements(permissions: EffectivePermissions): readonly IamStatement[] {
    let denies = denyStatementsOf.get(permissions);
    if (denies === undefined) {
        denies = permissions.sources.flatMap((source) =>
            source.statements.filter((s) => s.effect === "Deny"),
        );
        denyStatementsOf.set(permissions, denies);
    }
    return denies;
}

const denyStatementsOf = new WeakMap<EffectivePermissions, readonly IamStatement[]>();

/** The Allow statements that grant an exact action somewhere, with where; none when Deny takes it all back. */
export function grantsOf(permissions: EffectivePermissions, action: string): ActionGrant[] {
    const grants: ActionGrant[] = [];
    for (const source of permissions.sources) {
        for (const statement of source.statements) {
            if (
                statement.effect !== "Allow" ||
                !reachesAction(statement, action) ||
                neverHolds(statement)
            ) {
                continue;
            }
            const denies = denyStatements(permissions);
            const resources = [
                ...new Set(
                    allowedResources(statement).flatMap((r) =>
                        resourcesAfterDenies(r, action, denies),
                    ),
                ),
            ];
            if (resources.length > 0) {
                grants.push({ action, source, statement, resources });
            }
        }
    }
    return grants;
}
