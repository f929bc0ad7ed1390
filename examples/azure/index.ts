// Two functions, each with its own user-assigned identity and only the roles it needs:
//   ingest: blob-triggered on the "uploads" container (blob:trigger), queues work (queue:send);
//   worker: queue-triggered on jobs (queue:trigger), reads one Key Vault secret (keyvault-secret:read).
// Host storage goes through each identity (no account keys); audit logs go to Log Analytics.
// `perimeter preview examples/azure` runs this offline with the policy pack: zero findings.
// `--config scenario=unsafe` adds the mistakes the pack exists to catch (see unsafe.ts).
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { AzureAuditLogs, AzureFunction } from "perimeter/azure";
import { addUnsafeResources } from "./unsafe";

const config = new pulumi.Config();
const scenario = config.get("scenario") ?? "safe";
const client = authorization.getClientConfigOutput();

const group = new resources.ResourceGroup("perimeter-azure");

// The data the functions work on: shared keys off, so only Entra ID identities get in.
const data = new storage.StorageAccount("data", {
    resourceGroupName: group.name,
    kind: "StorageV2",
    sku: { name: "Standard_LRS" },
    allowSharedKeyAccess: false,
    allowBlobPublicAccess: false,
    minimumTlsVersion: "TLS1_2",
});
const uploads = new storage.BlobContainer("uploads", {
    resourceGroupName: group.name,
    accountName: data.name,
    containerName: "uploads",
    publicAccess: "None",
});
const jobs = new storage.Queue("jobs", {
    resourceGroupName: group.name,
    accountName: data.name,
    queueName: "jobs",
});

// Secrets live in a vault with the RBAC permission model, so access is a role on one secret.
const vault = new keyvault.Vault("secrets", {
    resourceGroupName: group.name,
    properties: {
        tenantId: client.tenantId,
        sku: { family: "A", name: "standard" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        enablePurgeProtection: true,
    },
});
const apiToken = new keyvault.Secret("api-token", {
    resourceGroupName: group.name,
    vaultName: vault.name,
    secretName: "api-token",
    // Set the real value with `pulumi config set --secret apiToken ...`.
    properties: { value: config.getSecret("apiToken") ?? pulumi.secret("replace-me") },
});
const apiTokenUri = pulumi.interpolate`${vault.properties.vaultUri}secrets/${apiToken.name}`;

const ingest = new AzureFunction("ingest", {
    resourceGroupName: group.name,
    grants: [
        { name: "uploads", access: "blob:trigger", resource: uploads.id },
        { name: "jobs", access: "queue:send", resource: jobs.id },
    ],
});

const worker = new AzureFunction("worker", {
    resourceGroupName: group.name,
    grants: [
        { name: "jobs", access: "queue:trigger", resource: jobs.id },
        { name: "api-token", access: "keyvault-secret:read", resource: apiToken.id },
    ],
    // Resolved by App Service from Key Vault as the worker's own identity.
    secretSettings: { API_TOKEN: apiTokenUri },
});

new AzureAuditLogs("audit", {
    resourceGroupName: group.name,
    functions: [ingest, worker],
    auditGrantedKeyVaults: true,
    auditGrantedStorage: true,
});

if (scenario === "unsafe") {
    addUnsafeResources({ group, data, ingest });
}

export const ingestPrincipalId = ingest.identity.principalId;
export const workerPrincipalId = worker.identity.principalId;
export const ingestUrl = ingest.url;
