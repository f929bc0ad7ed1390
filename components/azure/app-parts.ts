/**
 * The parts of an `AzureFunction` its constructor puts together: the app's settings, its plan, the
 * basic-publishing switches, and what the component declares as data for the policy pack.
 */
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core";
import type { AzureFunctionArgs, AzureGrant } from "./args";
import type { PlannedGrant } from "./plan";
import { hostStorageRoles } from "./host-storage";
import { normalizedScope, parseResourceId } from "./resource-id";
import { azureCloud } from "./cloud";
import { type BuiltInRole, ROLES } from "./roles";
import { grantSettings, hostStorageSettings, keyVaultReference, type Settings } from "./settings";
import type { DeclaredAccessEntry, PlannedGrantData } from "./shape";

/** The user's settings, Key Vault references for secrets, host storage and each grant's connection. */
export function functionAppSettings(
    args: AzureFunctionArgs,
    grants: readonly AzureGrant[],
    scopes: ReadonlyMap<string, pulumi.Output<string>>,
    storageAccountName: pulumi.Output<string>,
    identity: { id?: pulumi.Output<string>; clientId?: pulumi.Output<string> } | undefined,
): Settings {
    const clientId = identity?.clientId;
    const settings: Settings = {
        ...args.appSettings,
        ...Object.fromEntries(
            Object.entries(args.secretSettings ?? {}).map(([k, uri]) => [
                k,
                keyVaultReference(uri),
            ]),
        ),
        ...hostStorageSettings(storageAccountName, clientId),
        // DefaultAzureCredential in the app's code picks a user-assigned identity by AZURE_CLIENT_ID
        // (Azure Identity client libraries); with a system-assigned identity none is needed.
        ...(clientId !== undefined && args.appSettings?.AZURE_CLIENT_ID === undefined
            ? { AZURE_CLIENT_ID: clientId }
            : {}),
        ...(args.packageBlob ? packageSettings(args.packageBlob, identity?.id) : {}),
    };
    for (const grant of grants) {
        const scope = scopes.get(grant.name);
        if (scope) {
            Object.assign(settings, grantSettings(grant, scope, clientId));
        }
    }
    return settings;
}

/**
 * Run from the package blob, fetched as the app's identity (the user-assigned one by its resource ID,
 * else `SystemAssigned`): Microsoft Learn, "Run your functions from a package file", access a package
 * in Azure Blob Storage using a managed identity.
 */
function packageSettings(
    blob: NonNullable<AzureFunctionArgs["packageBlob"]>,
    identityId: pulumi.Output<string> | undefined,
): Settings {
    const parsed = pulumi.output(blob.container).apply((id) => parseResourceId(id));
    return {
        WEBSITE_RUN_FROM_PACKAGE: pulumi.interpolate`https://${parsed.apply((p) => p?.parentName ?? "")}.blob.${azureCloud().storage}/${parsed.apply((p) => p?.childName ?? "")}/${blob.name}`,
        WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityId ?? "SystemAssigned",
    };
}

/**
 * A Flex Consumption plan of the app's own, unless `existingPlanId` names one (then a warning when
 * nothing gives the app its code).
 */
export function createFlexPlan(
    name: string,
    args: AzureFunctionArgs,
    parent: pulumi.Resource,
): web.AppServicePlan | undefined {
    if (args.existingPlanId !== undefined) {
        if (args.packageBlob === undefined) {
            void pulumi.log.warn(
                "`existingPlanId` without `packageBlob`: on Elastic Premium without Azure Files the app has no code until WEBSITE_RUN_FROM_PACKAGE points to a package; give `packageBlob` (docs/azure.md, Deploying code)",
                parent,
            );
        }
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

/** A role the app needs whatever its grants: host storage, and the code package's container. */
export interface BaselineRole {
    readonly key: string;
    /** `host-storage` or `code-package`, as the `access` of the declared entry. */
    readonly access: string;
    readonly role: BuiltInRole;
    readonly scope: pulumi.Output<string>;
    readonly description: string;
}

/**
 * The host's roles on its own storage account (blobs and tables; queues when the app needs them),
 * and with `packageBlob` Storage Blob Data Reader on the package's container, the role Microsoft
 * names for running from a package fetched with a managed identity ("Run your functions from a
 * package file", https://learn.microsoft.com/en-us/azure/azure-functions/run-functions-from-deployment-package).
 */
export function baselineRoles(
    name: string,
    args: AzureFunctionArgs,
    plans: readonly PlannedGrant[],
    storageAccountId: pulumi.Output<string>,
): BaselineRole[] {
    const host = hostStorageRoles(plans, args.hostQueues === true).map(
        ({ key, role }): BaselineRole => ({
            key,
            access: "host-storage",
            role,
            scope: storageAccountId,
            description: `Functions host storage of ${name}`,
        }),
    );
    if (args.packageBlob === undefined) {
        return host;
    }
    return [
        ...host,
        {
            key: "package",
            access: "code-package",
            role: ROLES.storageBlobDataReader,
            scope: pulumi.output(args.packageBlob.container).apply(normalizedScope),
            description: `Code package of ${name}`,
        },
    ];
}

/** The baseline roles, then each grant: the `declaredAccess` output the pack compares. */
export function declaredAccessOf(
    baseline: readonly BaselineRole[],
    plans: readonly PlannedGrant[],
    scopes: ReadonlyMap<string, pulumi.Output<string>>,
): DeclaredAccessEntry[] {
    return [
        ...baseline.map(({ key, access, role, scope }): DeclaredAccessEntry => ({
            grant: key,
            access,
            plane: "rbac",
            roleName: role.name,
            roleGuid: role.guid,
            scope,
        })),
        ...plans.map((p): DeclaredAccessEntry => ({
            ...p,
            scope: scopes.get(p.grant) ?? pulumi.output(p.scope),
        })),
    ];
}
