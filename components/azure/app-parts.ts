/**
 * The parts of an `AzureFunction` its constructor puts together: the app's settings, its plan, the
 * basic-publishing switches, and what the component declares as data for the policy pack.
 */
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core";
import type { AzureFunctionArgs, AzureGrant } from "./args";
import type { PlannedGrant } from "./plan";
import type { BuiltInRole } from "./roles";
import { grantSettings, hostStorageSettings, keyVaultReference, type Settings } from "./settings";
import type { DeclaredAccessEntry, PlannedGrantData } from "./shape";

/** The user's settings, Key Vault references for secrets, host storage and each grant's connection. */
export function functionAppSettings(
    args: AzureFunctionArgs,
    grants: readonly AzureGrant[],
    scopes: ReadonlyMap<string, pulumi.Output<string>>,
    storageAccountName: pulumi.Output<string>,
    clientId: pulumi.Output<string> | undefined,
): Settings {
    const settings: Settings = {
        ...args.appSettings,
        ...Object.fromEntries(
            Object.entries(args.secretSettings ?? {}).map(([k, uri]) => [
                k,
                keyVaultReference(uri),
            ]),
        ),
        ...hostStorageSettings(storageAccountName, clientId),
    };
    for (const grant of grants) {
        const scope = scopes.get(grant.name);
        if (scope) {
            Object.assign(settings, grantSettings(grant, scope, clientId));
        }
    }
    return settings;
}

/** A Flex Consumption plan of the app's own, unless `existingPlanId` names one. */
export function createFlexPlan(
    name: string,
    args: AzureFunctionArgs,
    parent: pulumi.Resource,
): web.AppServicePlan | undefined {
    if (args.existingPlanId !== undefined) {
        return undefined;
    }
    return new web.AppServicePlan(
        childName(name, "plan"),
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            kind: "functionapp",
            reserved: true,
            sku: { name: "FC1", tier: "FlexConsumption" },
            tags: args.tags,
        },
        { parent },
    );
}

/** Basic (username/password) publishing credentials off, FTP and SCM: deploy with Entra ID instead. */
export function disableBasicPublishing(
    name: string,
    app: web.WebApp,
    args: AzureFunctionArgs,
    parent: pulumi.Resource,
): void {
    const allow = args.allowInsecureSettings === true;
    for (const [key, Policy] of [
        ["ftp", web.WebAppFtpAllowed],
        ["scm", web.WebAppScmAllowed],
    ] as const) {
        new Policy(
            childName(name, `${key}-basic-auth`),
            { name: app.name, resourceGroupName: args.resourceGroupName, allow },
            { parent },
        );
    }
}

/** Each planned grant with its scope resolved: the `plannedGrants` output. */
export function plannedGrantData(
    plans: readonly PlannedGrant[],
    scopes: ReadonlyMap<string, pulumi.Output<string>>,
): pulumi.Output<PlannedGrantData[]> {
    return pulumi.all(
        plans.map((p) =>
            (scopes.get(p.grant) ?? pulumi.output(p.scope)).apply((scope): PlannedGrantData => ({
                ...p,
                scope,
            })),
        ),
    );
}

/** The host's storage roles, then each grant: the `declaredAccess` output the pack compares. */
export function declaredAccessOf(
    storageAccountId: pulumi.Output<string>,
    hostRoles: readonly { key: string; role: BuiltInRole }[],
    plans: readonly PlannedGrant[],
    scopes: ReadonlyMap<string, pulumi.Output<string>>,
): DeclaredAccessEntry[] {
    return [
        ...hostRoles.map(({ key, role }): DeclaredAccessEntry => ({
            grant: key,
            access: "host-storage",
            plane: "rbac",
            roleName: role.name,
            roleGuid: role.guid,
            scope: storageAccountId,
        })),
        ...plans.map((p): DeclaredAccessEntry => ({
            ...p,
            scope: scopes.get(p.grant) ?? pulumi.output(p.scope),
        })),
    ];
}
