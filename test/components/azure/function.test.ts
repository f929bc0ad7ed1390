import * as assert from "node:assert/strict";
import { AzureFunction, type AzureGrant } from "../../../components/azure";
import { isUnknownValue, runComponents, type RecordedResource } from "../harness";
import {
    ACCOUNT,
    CONTAINER,
    QUEUE,
    ROLE_ASSIGNMENT,
    roleDefinition,
    SECRET,
    WEB_APP,
} from "./fixtures";

const GRANTS: AzureGrant[] = [
    { name: "uploads", access: "blob:read", resource: CONTAINER },
    { name: "jobs", access: "queue:send", resource: QUEUE },
    { name: "token", access: "keyvault-secret:read", resource: SECRET },
];

function settingsOf(app: RecordedResource): Record<string, unknown> {
    const siteConfig = app.inputs.siteConfig as { appSettings: { name: string; value: unknown }[] };
    return Object.fromEntries(siteConfig.appSettings.map((s) => [s.name, s.value]));
}

describe("AzureFunction", () => {
    it("creates its own user-assigned identity before the app and runs the app as it", async () => {
        const r = await runComponents(() => {
            new AzureFunction("ingest", { resourceGroupName: "app", grants: GRANTS });
        });
        const app = r.named(WEB_APP, "ingest");
        const assigned = app.inputs.identity as { type: string; userAssignedIdentities: string[] };
        assert.equal(assigned.type, "UserAssigned");
        assert.equal(assigned.userAssignedIdentities.length, 1);
        assert.equal(app.inputs.keyVaultReferenceIdentity, assigned.userAssignedIdentities[0]);
        assert.match(
            String(assigned.userAssignedIdentities[0]),
            /userAssignedIdentities\/ingest-identity/,
        );
        assert.equal(app.inputs.kind, "functionapp,linux");
        // The app waits for every role assignment, so it never starts without its permissions.
        const assignments = r.ofType(ROLE_ASSIGNMENT).map((a) => a.urn);
        assert.equal(assignments.length, 5);
        for (const urn of assignments) {
            assert.ok(app.dependencies.includes(urn), `app does not depend on ${urn}`);
        }
    });

    it("reaches host storage through the identity only, with shared keys disabled", async () => {
        const r = await runComponents(() => {
            new AzureFunction("ingest", { resourceGroupName: "app", grants: GRANTS });
        });
        const account = r.named("azure-native:storage:StorageAccount", "ingest-host");
        assert.equal(account.inputs.allowSharedKeyAccess, false);
        assert.equal(account.inputs.allowBlobPublicAccess, false);
        const identity = r.named(
            "azure-native:managedidentity:UserAssignedIdentity",
            "ingest-identity",
        );
        const settings = settingsOf(r.named(WEB_APP, "ingest"));
        assert.equal(settings.AzureWebJobsStorage__accountName, account.inputs.accountName);
        assert.equal(settings.AzureWebJobsStorage__credential, "managedidentity");
        assert.equal(settings.AzureWebJobsStorage__clientId, identity.outputs.clientId);
        assert.equal(settings.AzureWebJobsStorage, undefined);
        for (const [name, value] of Object.entries(settings)) {
            assert.doesNotMatch(String(value), /AccountKey=|SharedAccessSignature=|sig=/i, name);
        }
        const accountId = `/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/app/providers/Microsoft.Storage/storageAccounts/${account.inputs.accountName as string}`;
        const host = ["ingest-host-blob", "ingest-host-table"].map((n) =>
            r.named(ROLE_ASSIGNMENT, n),
        );
        assert.deepEqual(
            host.map((a) => [a.inputs.scope, a.inputs.roleDefinitionId]),
            [
                // Storage Blob Data Owner (keys, leases, packages) and Storage Table Data Contributor
                // (the host's diagnostic events, AZFD0003): on the host account only.
                [accountId, roleDefinition("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")],
                [accountId, roleDefinition("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")],
            ],
        );
        // No blob trigger and no `hostQueues`: no queue role on the host account.
        assert.ok(!r.ofType(ROLE_ASSIGNMENT).some((a) => a.name === "ingest-host-queue"));
    });

    it("hardens the app by default: HTTPS only, TLS 1.2, no FTP, no basic publishing credentials", async () => {
        const r = await runComponents(() => {
            new AzureFunction("ingest", { resourceGroupName: "app" });
        });
        const app = r.named(WEB_APP, "ingest");
        const siteConfig = app.inputs.siteConfig as Record<string, unknown>;
        assert.equal(app.inputs.httpsOnly, true);
        assert.equal(siteConfig.minTlsVersion, "1.2");
        assert.equal(siteConfig.ftpsState, "Disabled");
        assert.equal(siteConfig.remoteDebuggingEnabled, false);
        assert.equal(
            r.named("azure-native:web:WebAppFtpAllowed", "ingest-ftp-basic-auth").inputs.allow,
            false,
        );
        assert.equal(
            r.named("azure-native:web:WebAppScmAllowed", "ingest-scm-basic-auth").inputs.allow,
            false,
        );
    });

    it("runs on a new Flex Consumption plan, deploying from its container as its identity", async () => {
        const r = await runComponents(() => {
            new AzureFunction("ingest", {
                resourceGroupName: "app",
                runtime: "python",
                runtimeVersion: "3.11",
            });
        });
        const plan = r.named("azure-native:web:AppServicePlan", "ingest-plan");
        assert.deepEqual(plan.inputs.sku, { name: "FC1", tier: "FlexConsumption" });
        const app = r.named(WEB_APP, "ingest");
        const config = app.inputs.functionAppConfig as {
            deployment: {
                storage: { type: string; value: string; authentication: Record<string, unknown> };
            };
            runtime: unknown;
        };
        assert.equal(config.deployment.storage.type, "blobContainer");
        assert.match(
            config.deployment.storage.value,
            /^https:\/\/fn[0-9a-f]{16}\.blob\.core\.windows\.net\/app-package$/,
        );
        assert.equal(config.deployment.storage.authentication.type, "UserAssignedIdentity");
        assert.deepEqual(config.runtime, { name: "python", version: "3.11" });
        // Flex Consumption rejects the worker runtime as an app setting.
        assert.equal(settingsOf(app).FUNCTIONS_WORKER_RUNTIME, undefined);
    });

    it("runs on an existing plan with the runtime in linuxFxVersion and no Flex plan of its own", async () => {
        const planId =
            "/subscriptions/s/resourceGroups/app/providers/Microsoft.Web/serverfarms/premium";
        const r = await runComponents(() => {
            new AzureFunction("ingest", { resourceGroupName: "app", existingPlanId: planId });
        });
        assert.equal(r.ofType("azure-native:web:AppServicePlan").length, 0);
        const app = r.named(WEB_APP, "ingest");
        assert.equal(app.inputs.serverFarmId, planId);
        assert.equal((app.inputs.siteConfig as Record<string, unknown>).linuxFxVersion, "Node|20");
        assert.equal(settingsOf(app).FUNCTIONS_WORKER_RUNTIME, "node");
        assert.equal(app.inputs.functionAppConfig, undefined);
    });

    it("gives each grant identity-based connection settings and Key Vault references", async () => {
        const r = await runComponents(() => {
            new AzureFunction("ingest", {
                resourceGroupName: "app",
                grants: GRANTS,
                secretSettings: {
                    API_TOKEN: "https://secrets-kv.vault.azure.net/secrets/api-token",
                },
            });
        });
        const settings = settingsOf(r.named(WEB_APP, "ingest"));
        assert.equal(settings.UPLOADS__blobServiceUri, "https://data.blob.core.windows.net");
        assert.equal(settings.UPLOADS_CONTAINER, "uploads");
        assert.equal(settings.JOBS__queueServiceUri, "https://data.queue.core.windows.net");
        assert.equal(settings.JOBS_QUEUE, "jobs");
        assert.equal(settings.JOBS__credential, "managedidentity");
        assert.equal(settings.TOKEN_URI, "https://secrets-kv.vault.azure.net/secrets/api-token");
        assert.equal(
            settings.API_TOKEN,
            "@Microsoft.KeyVault(SecretUri=https://secrets-kv.vault.azure.net/secrets/api-token)",
        );
    });

    it("uses the app's system-assigned identity when asked, assigning roles to its principal", async () => {
        const r = await runComponents(() => {
            new AzureFunction("ingest", {
                resourceGroupName: "app",
                identityType: "system-assigned",
                grants: [GRANTS[0]!],
            });
        });
        assert.equal(r.ofType("azure-native:managedidentity:UserAssignedIdentity").length, 0);
        const app = r.named(WEB_APP, "ingest");
        assert.deepEqual(app.inputs.identity, { type: "SystemAssigned" });
        assert.equal(app.inputs.keyVaultReferenceIdentity, "SystemAssigned");
        const principal = (app.outputs.identity as { principalId: string }).principalId;
        const grant = r.named(ROLE_ASSIGNMENT, "ingest-uploads");
        assert.equal(grant.inputs.principalId, principal);
        assert.equal(settingsOf(app).AzureWebJobsStorage__clientId, undefined);
    });

    it("attaches grants to an existing identity instead of creating one", async () => {
        const existing =
            "/subscriptions/s/resourceGroups/app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/shared";
        const r = await runComponents(() => {
            new AzureFunction("ingest", {
                resourceGroupName: "app",
                existingIdentityId: existing,
                grants: [GRANTS[0]!],
            });
        });
        const app = r.named(WEB_APP, "ingest");
        assert.deepEqual(
            (app.inputs.identity as { userAssignedIdentities: string[] }).userAssignedIdentities,
            [existing],
        );
        assert.equal(
            r.named(ROLE_ASSIGNMENT, "ingest-uploads").inputs.principalType,
            "ServicePrincipal",
        );
    });

    it("keeps role, scope and principal type known in preview while computed IDs stay unknown", async () => {
        const r = await runComponents(
            () => {
                new AzureFunction("ingest", { resourceGroupName: "app", grants: GRANTS });
            },
            { preview: true },
        );
        const grant = r.named(ROLE_ASSIGNMENT, "ingest-uploads");
        assert.equal(grant.inputs.scope, CONTAINER);
        assert.equal(grant.inputs.principalType, "ServicePrincipal");
        assert.equal(
            grant.inputs.roleDefinitionId,
            roleDefinition("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"),
        );
        assert.match(grant.inputs.roleAssignmentName as string, /^[0-9a-f]{8}-[0-9a-f]{4}-5/);
        assert.ok(isUnknownValue(grant.inputs.principalId));
        const host = r.named(ROLE_ASSIGNMENT, "ingest-host-blob");
        assert.ok(
            isUnknownValue(host.inputs.scope),
            "the new host account's ID is unknown in preview",
        );
        void ACCOUNT;
    });
});
