/**
 * How code reaches an app on an existing (Elastic Premium or Dedicated) plan without Azure Files: a
 * zip blob fetched with the app's identity (Microsoft Learn, "Run your functions from a package
 * file": WEBSITE_RUN_FROM_PACKAGE, WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID, and Storage Blob Data
 * Reader on the package).
 */
import * as assert from "node:assert/strict";
import { AzureFunction, type AzureFunctionArgs } from "../../../components/azure";
import { failureOf, runComponents, type RecordedResource } from "../harness";
import { ACCOUNT, ROLE_ASSIGNMENT, roleDefinition, WEB_APP } from "./fixtures";

const PLAN =
    "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/app/providers/Microsoft.Web/serverfarms/premium";
const RELEASES = `${ACCOUNT}/blobServices/default/containers/releases`;
const BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";

function settingsOf(app: RecordedResource): Record<string, unknown> {
    const siteConfig = app.inputs.siteConfig as { appSettings: { name: string; value: unknown }[] };
    return Object.fromEntries(siteConfig.appSettings.map((s) => [s.name, s.value]));
}

const onPremium: AzureFunctionArgs = {
    resourceGroupName: "app",
    existingPlanId: PLAN,
    packageBlob: { container: RELEASES, name: "api-1.4.2.zip" },
};

describe("AzureFunction code from a package blob", () => {
    it("runs from the blob as its user-assigned identity, which may read that container only", async () => {
        const r = await runComponents(() => new AzureFunction("api", onPremium));
        const settings = settingsOf(r.named(WEB_APP, "api"));
        assert.equal(
            settings.WEBSITE_RUN_FROM_PACKAGE,
            "https://data.blob.core.windows.net/releases/api-1.4.2.zip",
        );
        const identity = r.named(
            "azure-native:managedidentity:UserAssignedIdentity",
            "api-identity",
        );
        assert.equal(settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID, identity.id);
        const reader = r.named(ROLE_ASSIGNMENT, "api-package");
        assert.equal(reader.inputs.scope, RELEASES);
        assert.equal(reader.inputs.roleDefinitionId, roleDefinition(BLOB_READER));
        assert.equal(reader.inputs.principalId, identity.outputs.principalId);
        const fn = r.named("perimeter:index:AzureFunction", "api");
        const declared = (fn.outputs.declaredAccess as { grant: string; access: string }[]).map(
            (e) => `${e.grant} ${e.access}`,
        );
        assert.ok(declared.includes("package code-package"), declared.join(", "));
    });

    it("names SystemAssigned for a system-assigned identity", async () => {
        const r = await runComponents(
            () => new AzureFunction("api", { ...onPremium, identityType: "system-assigned" }),
        );
        const settings = settingsOf(r.named(WEB_APP, "api"));
        assert.equal(settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID, "SystemAssigned");
    });

    it("refuses a package blob on Flex Consumption and a container ID that is not one", async () => {
        const { message } = await failureOf(
            () =>
                new AzureFunction("api", {
                    resourceGroupName: "app",
                    packageBlob: { container: ACCOUNT, name: "" },
                }),
        );
        assert.match(
            message,
            /`packageBlob` needs `existingPlanId`: Flex Consumption does not run from a package URL/,
        );
        assert.match(
            message,
            /`packageBlob.container` '.*storageAccounts\/data' is not a blob container ID/,
        );
        assert.match(message, /`packageBlob.name` is missing/);
    });
});
