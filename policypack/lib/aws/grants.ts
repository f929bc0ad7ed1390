/**
 * What effective permissions grant: an exact action is granted when an Allow statement reaches it and
 * no Deny statement takes it back. Only an unconditional Deny on every resource takes an action back
 * for certain; a conditional or resource-limited Deny leaves the grant standing (and reported).
 */
import type { IamStatement } from "../iam-document";
import type { EffectivePermissions, PermissionSource } from "./effective-permissions";
import { conditionKeys, coversEveryResource, reachesAction } from "./statements";

export interface ActionGrant {
    readonly action: string;
    readonly source: PermissionSource;
    readonly statement: IamStatement;
}

function deniedForCertain(permissions: EffectivePermissions, action: string): boolean {
    return permissions.sources.some((source) =>
        source.statements.some(
            (s) =>
                s.effect === "Deny" &&
                coversEveryResource(s) &&
                conditionKeys(s).length === 0 &&
                reachesAction(s, action),
        ),
    );
}

/** The Allow statements that grant an exact action, or none when a Deny takes it back. */
export function grantsOf(permissions: EffectivePermissions, action: string): ActionGrant[] {
    const grants: ActionGrant[] = [];
    for (const source of permissions.sources) {
        for (const statement of source.statements) {
            if (statement.effect === "Allow" && reachesAction(statement, action)) {
                grants.push({ action, source, statement });
            }
        }
    }
    return grants.length === 0 || deniedForCertain(permissions, action) ? [] : grants;
}
