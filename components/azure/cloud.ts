/**
 * The Azure cloud the program deploys to, from the azure-native provider's `environment` config
 * (`public`, `usgovernment` or `china`; the provider's own values), and the endpoints that differ
 * between clouds: data-plane DNS suffixes and the Microsoft Entra token issuer Easy Auth checks.
 *
 * Suffixes: Microsoft Learn, "Azure Government developer guidance"
 * (https://learn.microsoft.com/en-us/azure/azure-government/compare-azure-government-global-azure#guidance-for-developers)
 * and "Azure China developer guide" (https://learn.microsoft.com/en-us/azure/china/resources-developer-guide).
 * Issuers: Microsoft Entra token issuers per national cloud (v2.0 endpoints: login.microsoftonline.us,
 * login.partner.microsoftonline.cn; https://learn.microsoft.com/en-us/entra/identity-platform/authentication-national-cloud).
 * The public cloud keeps the issuer the Azure portal writes for Easy Auth,
 * `https://sts.windows.net/<tenant>/v2.0`. The sovereign values were not verified against a
 * deployment; `authentication.openIdIssuer` overrides the issuer.
 */
import * as pulumi from "@pulumi/pulumi";

export interface AzureCloud {
    readonly name: "public" | "usgovernment" | "china";
    /** `<account>.blob.<storage>`: blobs, queues and tables. */
    readonly storage: string;
    /** `<namespace>.<serviceBus>`: Service Bus and Event Hubs namespaces. */
    readonly serviceBus: string;
    /** `<vault>.<keyVault>`. */
    readonly keyVault: string;
    /** `<account>.<cosmos>`. */
    readonly cosmos: string;
    /** `<app>.<appService>`: a function app's default host name. */
    readonly appService: string;
    /** The issuer Easy Auth validates a tenant's tokens against. */
    issuer(tenantId: string): string;
}

const CLOUDS: Readonly<Record<AzureCloud["name"], AzureCloud>> = {
    public: {
        name: "public",
        storage: "core.windows.net",
        serviceBus: "servicebus.windows.net",
        keyVault: "vault.azure.net",
        cosmos: "documents.azure.com",
        appService: "azurewebsites.net",
        issuer: (tenant) => `https://sts.windows.net/${tenant}/v2.0`,
    },
    usgovernment: {
        name: "usgovernment",
        storage: "core.usgovcloudapi.net",
        serviceBus: "servicebus.usgovcloudapi.net",
        keyVault: "vault.usgovcloudapi.net",
        cosmos: "documents.azure.us",
        appService: "azurewebsites.us",
        issuer: (tenant) => `https://login.microsoftonline.us/${tenant}/v2.0`,
    },
    china: {
        name: "china",
        storage: "core.chinacloudapi.cn",
        serviceBus: "servicebus.chinacloudapi.cn",
        keyVault: "vault.azure.cn",
        cosmos: "documents.azure.cn",
        appService: "chinacloudsites.cn",
        issuer: (tenant) => `https://login.partner.microsoftonline.cn/${tenant}/v2.0`,
    },
};

/** The cloud of `azure-native:environment` (default `public`); any other value is an error. */
export function azureCloud(): AzureCloud {
    const environment = new pulumi.Config("azure-native").get("environment") ?? "public";
    const cloud = (CLOUDS as Record<string, AzureCloud | undefined>)[environment.toLowerCase()];
    if (cloud === undefined) {
        throw new Error(
            `azure-native:environment is '${environment}'; Perimeter knows the endpoints of ` +
                `${Object.keys(CLOUDS).join(", ")} (the azure-native provider's values); set one of them`,
        );
    }
    return cloud;
}
