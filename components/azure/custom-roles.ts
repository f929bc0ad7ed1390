/**
 * The custom roles a function's grants need (`customRole` levels, such as `blob:write`): one role
 * definition per function and level, with exactly the level's data actions, assignable only at the
 * scopes that function's grants of that level name. Defined at the subscription (the role
 * definition's own scope); creating one needs `Microsoft.Authorization/roleDefinitions/write` there.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { childName, stableHash } from "../core";
import { accessEntry } from "./grants";
import { guidOf, type PlannedGrant } from "./plan";

/** The GUID of a function's custom role: stable per project, stack, function and level. */
export function customRoleGuid(component: string): (key: string) => string {
    return (key) =>
        guidOf(
            `perimeter-custom-role|${pulumi.getProject()}|${pulumi.getStack()}|${component}|${key}`,
        );
}

/** One role definition per custom role the plans name, by key. */
export function createCustomRoles(
    name: string,
    plans: readonly PlannedGrant[],
    scopes: ReadonlyMap<string, pulumi.Output<string>>,
    subscriptionId: pulumi.Output<string>,
    parent: pulumi.Resource,
): Map<string, authorization.RoleDefinition> {
    const byKey = new Map<string, PlannedGrant[]>();
    for (const plan of plans) {
        if (plan.customRole !== undefined) {
            byKey.set(plan.customRole, [...(byKey.get(plan.customRole) ?? []), plan]);
        }
    }
    const definitions = new Map<string, authorization.RoleDefinition>();
    for (const [key, group] of byKey) {
        const first = group[0]!;
        const role = accessEntry(first.access).customRole!;
        // Role names are unique in the tenant: the function's stack, project and name tell them apart.
        const suffix = stableHash(`${pulumi.getProject()}/${pulumi.getStack()}/${name}`);
        definitions.set(
            key,
            new authorization.RoleDefinition(
                childName(name, `role-${key}`),
                {
                    roleDefinitionId: first.roleGuid,
                    scope: pulumi.interpolate`/subscriptions/${subscriptionId}`,
                    roleName: `${role.name} ${name}-${suffix}`,
                    description: `Exactly ${role.dataActions.join(", ")}, for the function '${name}' (Perimeter).`,
                    roleType: "CustomRole",
                    permissions: [{ actions: [], dataActions: [...role.dataActions] }],
                    assignableScopes: pulumi.all(
                        group.map((p) => scopes.get(p.grant) ?? pulumi.output(p.scope)),
                    ),
                },
                { parent },
            ),
        );
    }
    return definitions;
}
