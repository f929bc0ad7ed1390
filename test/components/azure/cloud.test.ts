/**
 * Sovereign clouds: the endpoints and token issuer an AzureFunction writes follow the azure-native
 * provider's `environment` (public, usgovernment, china).
 */
import * as assert from "node:assert/strict";
import { AzureFunction, type AzureFunctionCaller } from "../../../components/azure";
import { failureOf, runComponents, type RecordedResource } from "../harness";
import { CONTAINER, SECRET, WEB_APP } from "./fixtures";

const AUTH = "azure-native:web:WebAppAuthSettingsV2";

function settingsOf(app: RecordedResource): Record<string, unknown> {
    const siteConfig = app.inputs.siteConfig as { appSettings: { name: string; value: unknown }[] };
    return Object.fromEntries(siteConfig.appSettings.map((s) => [s.name, s.value]));
}

const caller: AzureFunctionCaller = { principalId: "22222222-2222-2222-2222-222222222222" };

async function deployIn(environment: string | undefined) {
    return runComponents(
        () =>
            new AzureFunction("api", {
                resourceGroupName: "app",
                grants: [
                    { name: "uploads", access: "blob:read", resource: CONTAINER },
                    { name: "token", access: "keyvault-secret:read", resource: SECRET },
                ],
                authentication: { audience: "api://api", allowedCallers: [caller] },
            }),
        { config: environment === undefined ? {} : { "azure-native:environment": environment } },
    );
}

function issuerOf(r: Awaited<ReturnType<typeof deployIn>>): string {
    const auth = r.ofType(AUTH)[0];
    const providers = auth?.inputs.identityProviders as {
        azureActiveDirectory: { registration: { openIdIssuer: string } };
    };
    return providers.azureActiveDirectory.registration.openIdIssuer;
}

describe("AzureFunction in each Azure cloud", () => {
    it("keeps the public cloud's endpoints and the portal's issuer by default", async () => {
        const r = await deployIn(undefined);
        const settings = settingsOf(r.named(WEB_APP, "api"));
        assert.match(
            String(settings.UPLOADS__blobServiceUri),
            /^https:\/\/data\.blob\.core\.windows\.net$/,
        );
        assert.match(
            String(settings.TOKEN_URI),
            /^https:\/\/secrets-kv\.vault\.azure\.net\/secrets\/api-token$/,
        );
        assert.ok("AzureWebJobsStorage__accountName" in settings);
        assert.match(issuerOf(r), /^https:\/\/sts\.windows\.net\/[0-9a-f-]+\/v2\.0$/);
    });

    it("uses Azure Government's endpoints and issuer with environment usgovernment", async () => {
        const r = await deployIn("usgovernment");
        const settings = settingsOf(r.named(WEB_APP, "api"));
        assert.match(String(settings.UPLOADS__blobServiceUri), /\.blob\.core\.usgovcloudapi\.net$/);
        assert.match(String(settings.TOKEN_URI), /\.vault\.usgovcloudapi\.net\/secrets\//);
        // The accountName shorthand is for the public cloud: each service's URI instead.
        assert.equal(settings.AzureWebJobsStorage__accountName, undefined);
        assert.match(
            String(settings.AzureWebJobsStorage__queueServiceUri),
            /^https:\/\/fn[0-9a-f]{16}\.queue\.core\.usgovcloudapi\.net$/,
        );
        assert.match(issuerOf(r), /^https:\/\/login\.microsoftonline\.us\/[0-9a-f-]+\/v2\.0$/);
    });

    it("uses Azure China's endpoints and issuer with environment china", async () => {
        const r = await deployIn("china");
        const settings = settingsOf(r.named(WEB_APP, "api"));
        assert.match(String(settings.UPLOADS__blobServiceUri), /\.blob\.core\.chinacloudapi\.cn$/);
        assert.match(String(settings.TOKEN_URI), /\.vault\.azure\.cn\/secrets\//);
        assert.match(
            issuerOf(r),
            /^https:\/\/login\.partner\.microsoftonline\.cn\/[0-9a-f-]+\/v2\.0$/,
        );
    });

    it("takes an explicit openIdIssuer, and refuses an environment it has no endpoints for", async () => {
        const r = await runComponents(
            () =>
                new AzureFunction("api", {
                    resourceGroupName: "app",
                    authentication: {
                        audience: "api://api",
                        allowedCallers: [caller],
                        openIdIssuer: "https://issuer.example/tenant/v2.0",
                    },
                }),
        );
        assert.equal(issuerOf(r), "https://issuer.example/tenant/v2.0");
        const { message } = await failureOf(
            () => new AzureFunction("api", { resourceGroupName: "app" }),
            { config: { "azure-native:environment": "germany" } },
        );
        assert.match(
            message,
            /azure-native:environment is 'germany'; .*public, usgovernment, china/,
        );
    });
});
