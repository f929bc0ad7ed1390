import * as assert from "node:assert/strict";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { AzureFunction } from "../../../components/azure";
import { runComponents } from "../harness";
import { ROLE_ASSIGNMENT, WEB_APP } from "./fixtures";

// The part of WebAppAuthSettingsV2's inputs these tests read.
interface AuthInputs {
    globalValidation: { requireAuthentication: boolean; unauthenticatedClientAction: string };
    identityProviders: {
        azureActiveDirectory: {
            registration: { clientId: string; openIdIssuer: string };
            validation: {
                allowedAudiences: string[];
                defaultAuthorizationPolicy: {
                    allowedPrincipals: { identities: string[] };
                    allowedApplications?: string[];
                };
            };
        };
    };
}

const AUDIENCE = "7d9c4b1e-0f7a-4c2e-9b3d-5a6e8f1c2d3b";

describe("AzureFunction callers", () => {
    it("requires Easy Auth tokens on the callee and admits only the declared callers", async () => {
        const r = await runComponents(() => {
            const apiIdentity = new managedidentity.UserAssignedIdentity("api-caller", {
                resourceGroupName: "app",
            });
            const worker = new AzureFunction("worker", {
                resourceGroupName: "app",
                authentication: { audience: AUDIENCE, allowedCallers: [apiIdentity] },
            });
            new AzureFunction("api", {
                resourceGroupName: "app",
                existingIdentityId: apiIdentity.id,
                grants: [worker.invokeGrant("worker")],
            });
        });
        const caller = r.named("azure-native:managedidentity:UserAssignedIdentity", "api-caller");
        const auth = r.named("azure-native:web:WebAppAuthSettingsV2", "worker-auth")
            .inputs as unknown as AuthInputs;
        assert.equal(auth.globalValidation.requireAuthentication, true);
        assert.equal(auth.globalValidation.unauthenticatedClientAction, "Return401");
        const aad = auth.identityProviders.azureActiveDirectory;
        assert.equal(aad.registration.clientId, AUDIENCE);
        assert.equal(
            aad.registration.openIdIssuer,
            "https://sts.windows.net/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/v2.0",
        );
        assert.deepEqual(aad.validation.allowedAudiences, [AUDIENCE, `api://${AUDIENCE}`]);
        assert.deepEqual(aad.validation.defaultAuthorizationPolicy.allowedPrincipals.identities, [
            caller.outputs.principalId,
        ]);
        // Principal IDs alone: an application list would have to be passed too.
        assert.equal(aad.validation.defaultAuthorizationPolicy.allowedApplications, undefined);

        const apiSettings = (
            r.named(WEB_APP, "api").inputs.siteConfig as {
                appSettings: { name: string; value: string }[];
            }
        ).appSettings;
        const setting = (name: string): string | undefined =>
            apiSettings.find((s) => s.name === name)?.value;
        const workerHost = r.named(WEB_APP, "worker").outputs.defaultHostName;
        assert.equal(setting("WORKER_URL"), `https://${workerHost as string}`);
        assert.equal(setting("WORKER_AUDIENCE"), AUDIENCE);
        // The caller's code: DefaultAzureCredential (picking its identity by AZURE_CLIENT_ID) asks
        // for a token for the callee's application ID URI.
        assert.equal(setting("WORKER_SCOPE"), `api://${AUDIENCE}/.default`);
        assert.match(String(setting("AZURE_CLIENT_ID")), /^[0-9a-f-]{36}$/);
        // Calling is Easy Auth's decision: no role assignment is made for function:invoke.
        assert.deepEqual(
            r
                .ofType(ROLE_ASSIGNMENT)
                .filter((a) => a.name.startsWith("api-"))
                .map((a) => a.name)
                .sort(),
            ["api-host-blob", "api-host-table"],
        );
    });

    it("admits a caller known by its principal ID alone, such as a system-assigned identity", async () => {
        const r = await runComponents(() => {
            new AzureFunction("worker", {
                resourceGroupName: "app",
                authentication: {
                    audience: AUDIENCE,
                    allowedCallers: [{ principalId: "11111111-2222-3333-4444-555555555555" }],
                },
            });
        });
        const policy = (
            r.named("azure-native:web:WebAppAuthSettingsV2", "worker-auth")
                .inputs as unknown as AuthInputs
        ).identityProviders.azureActiveDirectory.validation.defaultAuthorizationPolicy;
        assert.deepEqual(policy.allowedPrincipals.identities, [
            "11111111-2222-3333-4444-555555555555",
        ]);
        // Before, allowedApplications held only the nil GUID here, and every token was refused.
        assert.equal(policy.allowedApplications, undefined);
    });

    it("keeps a callee with no declared callers closed to every principal", async () => {
        const r = await runComponents(() => {
            new AzureFunction("worker", {
                resourceGroupName: "app",
                authentication: { audience: AUDIENCE },
            });
        });
        const auth = r.named("azure-native:web:WebAppAuthSettingsV2", "worker-auth")
            .inputs as unknown as AuthInputs;
        const policy =
            auth.identityProviders.azureActiveDirectory.validation.defaultAuthorizationPolicy;
        assert.deepEqual(policy.allowedPrincipals.identities, [
            "00000000-0000-0000-0000-000000000000",
        ]);
    });

    it("refuses to hand out an invoke grant for an app without authentication", async () => {
        await runComponents(() => {
            const open = new AzureFunction("open", { resourceGroupName: "app" });
            assert.throws(() => open.invokeGrant("open"), /has no `authentication`/);
        });
    });
});
