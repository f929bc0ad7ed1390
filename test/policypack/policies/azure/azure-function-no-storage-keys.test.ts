import * as assert from "assert";
import { azureFunctionNoStorageKeys } from "../../../../policypack/policies/azure/azure-function-no-storage-keys";
import { type HarnessOptions, runResourcePolicy, UNKNOWN } from "../../harness";

const APP = "azure-native:web:WebApp";
const KEY = "c2VjcmV0LWtleS1tYXRlcmlhbC1ub3QtcmVhbC0xMjM0NTY3ODkwYWJjZGVmZ2hpams=";
const KEYED = `DefaultEndpointsProtocol=https;AccountName=data;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
const SAS =
    "https://data.blob.core.windows.net/uploads?sv=2022-11-02&ss=b&srt=co&sp=r&se=2030-01-01&sig=abcDEF123%3D";

function settings(list: Record<string, unknown>) {
    return {
        kind: "functionapp,linux",
        siteConfig: { appSettings: Object.entries(list).map(([name, value]) => ({ name, value })) },
    };
}

function judge(props: Record<string, unknown>, options?: HarnessOptions, type = APP) {
    return runResourcePolicy(azureFunctionNoStorageKeys, { type, name: "orders", props }, options);
}

const identityBased = {
    AzureWebJobsStorage__accountName: "data",
    AzureWebJobsStorage__credential: "managedidentity",
    AzureWebJobsStorage__clientId: "0000-client",
    FUNCTIONS_WORKER_RUNTIME: "node",
};

describe("azure-function-no-storage-keys", () => {
    it("passes identity-based host storage and plain settings", async () => {
        assert.deepStrictEqual((await judge(settings(identityBased))).violations, []);
    });

    it("reports an account key, a SAS token and a shared access key, one finding per setting, redacted", async () => {
        const result = await judge(
            settings({
                AzureWebJobsStorage: KEYED,
                UPLOADS_URL: SAS,
                BUS: "Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc123=",
                EVENTS: "SharedAccessSignature=sv=2022&sig=abc",
            }),
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            [
                "azure-function-no-storage-keys[Setting::AzureWebJobsStorage]",
                "azure-function-no-storage-keys[Setting::UPLOADS_URL]",
                "azure-function-no-storage-keys[Setting::BUS]",
                "azure-function-no-storage-keys[Setting::EVENTS]",
            ],
        );
        assert.strictEqual(
            result.violations[0]?.message,
            `azure-native:web:WebApp 'orders' app setting 'AzureWebJobsStorage' holds a storage account key: (redacted, ${KEYED.length} characters) [Setting::AzureWebJobsStorage]`,
        );
        for (const v of result.violations) {
            assert.ok(!v.message.includes(KEY) && !v.message.includes("sig=abc"), v.message);
        }
    });

    it("reports host storage through a connection string even without a key", async () => {
        const result = await judge(settings({ AzureWebJobsStorage: "UseDevelopmentStorage=true" }));
        assert.match(
            result.violations[0]?.message ?? "",
            /connects the host to storage with a connection string, not an identity-based connection/,
        );
    });

    it("reads connection strings, separate settings resources and Flex deployment storage", async () => {
        const strings = await judge({
            kind: "functionapp",
            siteConfig: {
                connectionStrings: [{ name: "Db", connectionString: KEYED, type: "Custom" }],
            },
        });
        assert.match(
            strings.violations[0]?.message ?? "",
            /connection string 'Db' holds a storage account key/,
        );
        const separate = await judge(
            { name: "orders", properties: { AzureWebJobsStorage: KEYED } },
            {},
            "azure-native:web:WebAppApplicationSettings",
        );
        assert.strictEqual(separate.violations.length, 1);
        const flex = await judge({
            kind: "functionapp,linux",
            functionAppConfig: {
                deployment: {
                    storage: {
                        authentication: {
                            type: "StorageAccountConnectionString",
                            storageAccountConnectionStringName: "DEPLOY",
                        },
                    },
                },
            },
        });
        assert.match(
            flex.violations[0]?.message ?? "",
            /deployment storage with authentication type 'StorageAccountConnectionString'/,
        );
    });

    it("does not judge web apps that are not function apps, nor other types", async () => {
        assert.deepStrictEqual(
            (await judge({ ...settings({ X: KEYED }), kind: "app" })).violations,
            [],
        );
        assert.ok((await judge({}, {}, "azure-native:storage:StorageAccount")).notApplicable);
    });

    it("accepts settings allowed in config", async () => {
        const result = await judge(settings({ PARTNER: KEYED }), {
            config: { allowedSettings: ["partner"] },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.enforcementLevel, "mandatory");
    });

    it("hides exactly the exempted setting", async () => {
        const result = await judge(settings({ A: KEYED, B: KEYED }), {
            config: {
                exemptions: [
                    {
                        resource: "orders",
                        reason: "Vendor SDK needs a key, SEC-4",
                        finding: "Setting::A",
                    },
                ],
            },
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["azure-function-no-storage-keys[Setting::B]"],
        );
    });

    it("judges known values, skips identity-connection properties, and cannot run for an unknown value", async () => {
        const preview = await judge(settings({ AzureWebJobsStorage__clientId: UNKNOWN, B: KEYED }));
        assert.deepStrictEqual(preview.violations.length, 1);
        assert.strictEqual(preview.unknown, undefined);
        const unknown = await judge(settings({ B: KEYED, C: UNKNOWN }));
        assert.strictEqual(unknown.violations.length, 1);
        assert.match(unknown.unknown ?? "", /during preview: .*siteConfig\.appSettings\.1\.value/);
    });
});
