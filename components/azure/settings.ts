/**
 * App settings the component writes: identity-based host storage, and for each grant the connection
 * settings a Functions binding reads (`<PREFIX>__blobServiceUri`, `__credential`, `__clientId`, ...)
 * or, for `function:invoke`, the callee's URL and audience. No key, SAS or connection string ever.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AzureGrant } from "./args";
import { type AzureCloud, azureCloud } from "./cloud";
import { accessEntry } from "./grants";
import { type ParsedResourceId, parseResourceId } from "./resource-id";

export type Settings = Record<string, pulumi.Input<string>>;

/** `AzureWebJobsStorage__*`: the host reaches its storage account as the function's identity. */
export function hostStorageSettings(
    accountName: pulumi.Input<string>,
    clientId: pulumi.Input<string> | undefined,
    cloud: AzureCloud = azureCloud(),
): Settings {
    // `__accountName` is a shorthand for the public cloud only; elsewhere the host needs each
    // service's URI (Microsoft Learn, Azure Functions app settings, AzureWebJobsStorage).
    const services: Settings =
        cloud.name === "public"
            ? { AzureWebJobsStorage__accountName: accountName }
            : Object.fromEntries(
                  (["blob", "queue", "table"] as const).map((service) => [
                      `AzureWebJobsStorage__${service}ServiceUri`,
                      pulumi.interpolate`https://${accountName}.${service}.${cloud.storage}`,
                  ]),
              );
    return {
        ...services,
        AzureWebJobsStorage__credential: "managedidentity",
        ...(clientId !== undefined ? { AzureWebJobsStorage__clientId: clientId } : {}),
    };
}

/** The prefix of a grant's settings: its name in upper case with underscores ("raw-files" → RAW_FILES). */
export function settingPrefix(grantName: string): string {
    return grantName.toUpperCase().replace(/-/g, "_");
}

/** The settings one grant adds, from its (checked) scope. */
export function grantSettings(
    grant: AzureGrant,
    scope: pulumi.Output<string>,
    clientId: pulumi.Input<string> | undefined,
): Settings {
    const entry = accessEntry(grant.access);
    const cloud = azureCloud();
    const prefix = settingPrefix(grant.name);
    const parsed = scope.apply((id) => parseResourceId(id));
    const part = (pick: (p: ParsedResourceId) => string): pulumi.Output<string> =>
        parsed.apply((p) => (p ? pick(p) : ""));
    const account = part((p) => p.parentName ?? "");
    const child = part((p) => p.childName ?? "");
    if (entry.plane === "easy-auth") {
        return {
            [`${prefix}_URL`]:
                grant.url ?? pulumi.interpolate`https://${account}.${cloud.appService}`,
            [`${prefix}_AUDIENCE`]: grant.audience ?? "",
            // What the caller's code requests a token for: the callee's application ID URI with
            // `/.default` (Microsoft identity platform, scopes of a resource's application ID URI),
            // e.g. `credential.getToken(process.env.WORKER_SCOPE)` with DefaultAzureCredential.
            [`${prefix}_SCOPE`]: pulumi.interpolate`api://${grant.audience ?? ""}/.default`,
        };
    }
    const identity: Settings = {
        [`${prefix}__credential`]: "managedidentity",
        ...(clientId !== undefined ? { [`${prefix}__clientId`]: clientId } : {}),
    };
    switch (entry.connection) {
        case "blob":
            return {
                ...identity,
                [`${prefix}__blobServiceUri`]: pulumi.interpolate`https://${account}.blob.${cloud.storage}`,
                ...(grant.conditions?.some((c) => c.containerName) || !child
                    ? {}
                    : { [`${prefix}_CONTAINER`]: child }),
            };
        case "queue":
            return {
                ...identity,
                [`${prefix}__queueServiceUri`]: pulumi.interpolate`https://${account}.queue.${cloud.storage}`,
                [`${prefix}_QUEUE`]: child,
            };
        case "table":
            return {
                ...identity,
                [`${prefix}__tableServiceUri`]: pulumi.interpolate`https://${account}.table.${cloud.storage}`,
                [`${prefix}_TABLE`]: child,
            };
        case "servicebus":
        case "eventhubs":
            return {
                ...identity,
                [`${prefix}__fullyQualifiedNamespace`]: pulumi.interpolate`${account}.${cloud.serviceBus}`,
                [`${prefix}_ENTITY`]: child,
            };
        case "cosmosdb":
            return {
                ...identity,
                [`${prefix}__accountEndpoint`]: pulumi.interpolate`https://${account}.${cloud.cosmos}:443/`,
            };
        case undefined: {
            // Key Vault: the object's URI, for code or a Key Vault reference to use.
            const collection = grant.access.startsWith("keyvault-secret") ? "secrets" : "keys";
            return {
                [`${prefix}_URI`]: pulumi.interpolate`https://${account}.${cloud.keyVault}/${collection}/${child}`,
            };
        }
    }
}

/** Settings as the sorted name/value list WebApp takes: sorted, so grant order changes nothing. */
export function toNameValuePairs(
    settings: Settings,
): { name: string; value: pulumi.Input<string> }[] {
    return Object.keys(settings)
        .sort()
        .map((name) => ({ name, value: settings[name] ?? "" }));
}

/** `@Microsoft.KeyVault(SecretUri=...)`: resolved by App Service with keyVaultReferenceIdentity. */
export function keyVaultReference(secretUri: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`@Microsoft.KeyVault(SecretUri=${secretUri})`;
}
