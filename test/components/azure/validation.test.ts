import * as assert from "node:assert/strict";
import { AzureFunction } from "../../../components/azure";
import { failureOf, runComponents } from "../harness";
import { ACCOUNT, CONTAINER, QUEUE, RESOURCE_GROUP, SECRET, VAULT } from "./fixtures";

describe("AzureFunction arguments", () => {
    it("lists every bad argument in one error and creates nothing", async () => {
        const { message, resources } = await failureOf(() => {
            new AzureFunction("api", {
                resourceGroupName: "app",
                identityType: "shared",
                grants: [
                    { name: "uploads", access: "blob:reed", resource: CONTAINER },
                    { name: "uploads", access: "queue:send", resource: QUEUE },
                    { name: "jobs", access: "queue:send", resource: "" },
                    {
                        name: "token",
                        access: "keyvault-secret:read",
                        resource: SECRET,
                        conditions: [{ containerName: "x" }],
                    },
                ],
                appSettings: {
                    STORAGE: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc==",
                    AzureWebJobsStorage: "x",
                },
            });
        });
        for (const expected of [
            "AzureFunction 'api' has 7 problems",
            "`identityType` 'shared' is not one of user-assigned, system-assigned",
            "`grants[0].access` 'blob:reed' is not an access level; did you mean 'blob:read'?",
            "`grants[1].name` 'uploads' is used by another grant",
            "`grants[2].resource` is missing",
            "`grants[3].conditions` 'keyvault-secret:read' cannot carry conditions",
            "`appSettings.STORAGE` holds an account key",
            "`appSettings.AzureWebJobsStorage` is set by AzureFunction",
        ]) {
            assert.ok(message.includes(expected), `missing: ${expected}\n${message}`);
        }
        assert.deepEqual(
            resources.filter(
                (r) => r.type.startsWith("azure-native:") && !r.type.startsWith("pulumi:"),
            ),
            [],
        );
    });

    it("rejects a resource group, a subscription or a parent as scope unless allowBroadScope is set", async () => {
        const { message } = await failureOf(() => {
            new AzureFunction("api", {
                resourceGroupName: "app",
                grants: [
                    { name: "group", access: "blob:read", resource: RESOURCE_GROUP },
                    { name: "vault", access: "keyvault-secret:read", resource: VAULT },
                    { name: "account", access: "blob:read", resource: ACCOUNT },
                    { name: "wrong", access: "queue:send", resource: SECRET },
                ],
            });
        });
        assert.ok(
            message.includes("`grants[0].resource`") &&
                message.includes("is a resource-group, wider than"),
        );
        assert.ok(
            message.includes("`grants[1].resource`") &&
                message.includes("is a key-vault, wider than the key-vault-secret"),
        );
        assert.ok(
            message.includes("`grants[2].resource`") &&
                message.includes("is a whole storage account"),
        );
        assert.ok(
            message.includes("`grants[3].resource`") &&
                message.includes("is a key-vault-secret; 'queue:send' targets a storage-queue"),
        );
    });

    it("rejects malformed conditions and a function:invoke grant without audience", async () => {
        const { message } = await failureOf(() => {
            new AzureFunction("api", {
                resourceGroupName: "app",
                grants: [
                    {
                        name: "uploads",
                        access: "blob:read",
                        resource: CONTAINER,
                        conditions: [
                            { containerName: "x", pathPrefix: "a/" },
                            { pathPrefix: "/abs" },
                            { containerName: "Bad_Name" },
                        ],
                    },
                    {
                        name: "worker",
                        access: "function:invoke",
                        resource:
                            "/subscriptions/s/resourceGroups/app/providers/Microsoft.Web/sites/worker",
                    },
                    { name: "jobs", access: "queue:send", resource: QUEUE, audience: "x" },
                ],
            });
        });
        assert.ok(
            message.includes(
                "`grants[0].conditions[0]` must set exactly one of containerName, pathPrefix or expression",
            ),
        );
        assert.ok(
            message.includes(
                "`grants[0].conditions[1].pathPrefix` '/abs' must not contain quotes or start with '/'",
            ),
        );
        assert.ok(
            message.includes(
                "`grants[0].conditions[2].containerName` 'Bad_Name' is not a container name",
            ),
        );
        assert.ok(message.includes("`grants[1].audience` is missing"));
        assert.ok(message.includes("`grants[2].audience` applies to 'function:invoke' only"));
    });

    it("accepts wide scopes that are explicitly allowed", async () => {
        const { message } = await failureOf(() => {
            new AzureFunction("api", {
                resourceGroupName: "app",
                grants: [
                    {
                        name: "vault",
                        access: "keyvault-secret:read",
                        resource: VAULT,
                        allowBroadScope: true,
                    },
                ],
                // A second, real problem makes the run fail so that the message can be inspected.
                runtime: "cobol",
            });
        });
        assert.ok(!message.includes("grants[0]"), message);
        assert.ok(message.includes("`runtime` 'cobol'"));
    });
});

describe("AzureFunction host storage of its own", () => {
    it("takes an existing host account only when the program says it is dedicated to the app", async () => {
        const { message, resources } = await failureOf(
            () =>
                new AzureFunction("api", {
                    resourceGroupName: "app",
                    existingStorageAccountId: ACCOUNT,
                }),
        );
        assert.match(
            message,
            /`existingStorageAccountId` needs `dedicatedHostStorage: true`: the host gets Storage Blob Data Owner on the whole account/,
        );
        assert.equal(resources.filter((r) => r.custom).length, 0);
        const r = await runComponents(
            () =>
                new AzureFunction("api", {
                    resourceGroupName: "app",
                    existingStorageAccountId: ACCOUNT,
                    dedicatedHostStorage: true,
                }),
        );
        assert.equal(
            r.named("azure-native:authorization:RoleAssignment", "api-host-blob").inputs.scope,
            ACCOUNT,
        );
    });
});
