// Chained execution on Azure: api → worker → admin.
//   api:    the entry point; may call worker (function:invoke) and nothing else;
//   worker: called by api; queues jobs (queue:send) and may call admin (function:invoke);
//   admin:  called by worker; keeps an audit table (table:readwrite).
// Each callee's Easy Auth admits only its caller's managed identity, so a call path exists exactly
// where a function:invoke grant says so. Each app runs as its own identity with only its own roles.
// `perimeter preview examples/chain/azure` runs this offline with the policy pack: zero findings.
//
// `--config scenario=unsafe` gives admin dangerous access: it reads a Key Vault secret and holds User
// Access Administrator on the resource group. api and worker hold neither, but can reach admin, so a
// compromised api borrows that power through worker; stack-call-chain-escalation reports the path
// `api → worker → admin`.
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { AzureAuditLogs, AzureFunction, type AzureGrant } from "perimeter/azure";

const config = new pulumi.Config();
const unsafe = (config.get("scenario") ?? "safe") === "unsafe";
const client = authorization.getClientConfigOutput();

const group = new resources.ResourceGroup("perimeter-chain");

// The data: shared keys off, so only Entra ID identities get in.
const data = new storage.StorageAccount("data", {
    resourceGroupName: group.name,
    kind: "StorageV2",
    sku: { name: "Standard_LRS" },
    allowSharedKeyAccess: false,
    allowBlobPublicAccess: false,
    minimumTlsVersion: "TLS1_2",
});
const jobs = new storage.Queue("jobs", {
    resourceGroupName: group.name,
    accountName: data.name,
    queueName: "jobs",
});
const auditTable = new storage.Table("audit", {
    resourceGroupName: group.name,
    accountName: data.name,
    tableName: "audit",
});

// A callee's Easy Auth lists its caller's identity, and the caller needs the callee's URL: the callers'
// identities come first, and each is given to its function as `existingIdentityId`.
const apiIdentity = new managedidentity.UserAssignedIdentity("api-identity", {
    resourceGroupName: group.name,
});
const workerIdentity = new managedidentity.UserAssignedIdentity("worker-identity", {
    resourceGroupName: group.name,
});

const adminGrants: AzureGrant[] = [
    { name: "audit", access: "table:readwrite", resource: auditTable.id },
];
if (unsafe) {
    // "admin needs the signing key": a secret read that api and worker hold nowhere else.
    const vault = new keyvault.Vault("admin-secrets", {
        resourceGroupName: group.name,
        properties: {
            tenantId: client.tenantId,
            sku: { family: "A", name: "standard" },
            enableRbacAuthorization: true,
            enableSoftDelete: true,
            enablePurgeProtection: true,
        },
    });
    const signingKey = new keyvault.Secret("signing-key", {
        resourceGroupName: group.name,
        vaultName: vault.name,
        secretName: "signing-key",
        properties: { value: config.getSecret("signingKey") ?? pulumi.secret("replace-me") },
    });
    adminGrants.push({
        name: "signing-key",
        access: "keyvault-secret:read",
        resource: signingKey.id,
    });
}

const admin = new AzureFunction("admin", {
    resourceGroupName: group.name,
    grants: adminGrants,
    authentication: { audience: config.require("adminAudience"), allowedCallers: [workerIdentity] },
});

const worker = new AzureFunction("worker", {
    resourceGroupName: group.name,
    existingIdentityId: workerIdentity.id,
    grants: [{ name: "jobs", access: "queue:send", resource: jobs.id }, admin.invokeGrant("admin")],
    authentication: { audience: config.require("workerAudience"), allowedCallers: [apiIdentity] },
});

const api = new AzureFunction("api", {
    resourceGroupName: group.name,
    existingIdentityId: apiIdentity.id,
    grants: [worker.invokeGrant("worker")],
});

new AzureAuditLogs("audit", {
    resourceGroupName: group.name,
    functions: [api, worker, admin],
    auditGrantedKeyVaults: true,
    auditGrantedStorage: true,
});

if (unsafe) {
    // "admin manages access for the team": User Access Administrator (18d7d88d-d35e-4fb5-a5c3-
    // 7773c20a72d9, built-in; ../shared/DESIGN.md §4.2) on the whole resource group, by hand.
    new authorization.RoleAssignment("admin-access-admin", {
        scope: group.id,
        principalId: admin.identity.principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9`,
    });
}

export const apiUrl = api.url;
export const workerUrl = worker.url;
export const adminUrl = admin.url;
