import * as assert from "assert";
import { azureFunctionDiagnostics } from "../../../../policypack/policies/azure/azure-function-diagnostics";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import { type Dependencies, functionApp, RESOURCE_GROUP, withDependencies } from "./fixtures";

function judge(
    resources: HarnessResource[],
    options?: HarnessOptions,
    dependencies: Dependencies = {},
) {
    return runStackPolicy(
        withDependencies(azureFunctionDiagnostics, dependencies),
        resources,
        options,
    );
}

const app = functionApp("orders", { type: "SystemAssigned" });
const appId = `${RESOURCE_GROUP}/providers/Microsoft.Web/sites/orders`;
const workspace = `${RESOURCE_GROUP}/providers/Microsoft.OperationalInsights/workspaces/logs`;

function setting(props: Record<string, unknown>): HarnessResource {
    return { type: "azure-native:monitor:DiagnosticSetting", name: "orders-logs", props };
}

const sends = {
    resourceUri: appId,
    workspaceId: workspace,
    logs: [{ category: "FunctionAppLogs", enabled: true }],
};

describe("azure-function-diagnostics", () => {
    it("passes a function app whose FunctionAppLogs go to a workspace, by category or allLogs", async () => {
        assert.deepStrictEqual((await judge([app, setting(sends)])).violations, []);
        const all = setting({ ...sends, logs: [{ categoryGroup: "allLogs", enabled: true }] });
        assert.deepStrictEqual((await judge([app, all])).violations, []);
    });

    it("reports an app without a setting, with the category disabled, or without a workspace", async () => {
        const expected = [
            "azure-native:web:WebApp 'orders' sends no 'FunctionAppLogs' logs to a Log Analytics workspace: no diagnostic setting in the stack sends them [Category::FunctionAppLogs]",
        ];
        for (const stack of [
            [app],
            [app, setting({ ...sends, logs: [{ category: "FunctionAppLogs", enabled: false }] })],
            [app, setting({ ...sends, workspaceId: undefined, storageAccountId: "sa" })],
            [app, setting({ ...sends, resourceUri: `${appId}-other` })],
        ]) {
            assert.deepStrictEqual(
                (await judge(stack)).violations.map((v) => v.message),
                expected,
            );
        }
    });

    it("links a setting by property dependency when the app's ID is unknown in preview", async () => {
        const result = await judge(
            [app, setting({ ...sends, resourceUri: UNKNOWN })],
            {},
            { "orders-logs": { resourceUri: ["orders"] } },
        );
        assert.deepStrictEqual(result.violations, []);
    });

    it("does not apply to stacks without function apps", async () => {
        assert.deepStrictEqual((await judge([setting(sends)])).violations, []);
    });

    it("asks for the categories set in config", async () => {
        const result = await judge([app, setting(sends)], {
            config: { categories: ["FunctionAppLogs", "AppServiceAuthenticationLogs"] },
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["azure-function-diagnostics[Category::AppServiceAuthenticationLogs]"],
        );
        assert.strictEqual(result.enforcementLevel, "advisory");
    });

    it("hides an exempted app", async () => {
        const result = await judge([app], {
            config: {
                exemptions: [{ resource: "orders", reason: "Logs shipped by an agent instead" }],
            },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("counts an unknown workspace ID as a workspace, and cannot run when the logs are unknown", async () => {
        const preview = await judge([app, setting({ ...sends, workspaceId: UNKNOWN })]);
        assert.deepStrictEqual(preview.violations, []);
        assert.strictEqual(preview.unknown, undefined);
        const logs = await judge([app, setting({ ...sends, logs: UNKNOWN })]);
        assert.match(logs.unknown ?? "", /\.logs/);
    });
});
