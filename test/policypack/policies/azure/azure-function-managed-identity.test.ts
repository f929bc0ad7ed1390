import * as assert from "assert";
import { azureFunctionManagedIdentity } from "../../../../policypack/policies/azure/azure-function-managed-identity";
import { type HarnessOptions, runResourcePolicy, UNKNOWN, UNKNOWN_OBJECT } from "../../harness";
import { identityId } from "./fixtures";

const APP = "azure-native:web:WebApp";

function judge(props: Record<string, unknown>, options?: HarnessOptions, type = APP) {
    return runResourcePolicy(
        azureFunctionManagedIdentity,
        { type, name: "orders", props },
        options,
    );
}

const fn = { kind: "functionapp,linux" };

describe("azure-function-managed-identity", () => {
    it("passes a function app with a user-assigned or a system-assigned identity", async () => {
        for (const identity of [
            { type: "UserAssigned", userAssignedIdentities: [identityId("orders-id")] },
            { type: "SystemAssigned" },
            { type: "SystemAssigned, UserAssigned", userAssignedIdentities: [identityId("x")] },
        ]) {
            assert.deepStrictEqual((await judge({ ...fn, identity })).violations, []);
        }
    });

    it("reports a function app without an identity or with type None, naming the app and the type", async () => {
        assert.deepStrictEqual(
            (await judge(fn)).violations.map((v) => v.message),
            [
                "azure-native:web:WebApp 'orders' is a function app without a managed identity (identity type 'none') [Identity::none]",
            ],
        );
        const none = await judge({ ...fn, identity: { type: "None" } });
        assert.deepStrictEqual(
            none.violations.map((v) => v.findingKey),
            ["azure-function-managed-identity[Identity::None]"],
        );
    });

    it("reports UserAssigned without any identity attached", async () => {
        const result = await judge({ ...fn, identity: { type: "UserAssigned" } });
        assert.match(
            result.violations[0]?.message ?? "",
            /declares identity type 'UserAssigned' but attaches no user-assigned identity/,
        );
    });

    it("judges deployment slots too, and ignores web apps that are not function apps", async () => {
        const slot = await judge(fn, {}, "azure-native:web:WebAppSlot");
        assert.strictEqual(slot.violations.length, 1);
        const site = await judge({ kind: "app,linux" });
        assert.deepStrictEqual(site.violations, []);
        assert.strictEqual(site.notApplicable, undefined);
    });

    it("is not applicable to other resource types", async () => {
        const result = await judge(fn, {}, "azure-native:storage:StorageAccount");
        assert.match(
            result.notApplicable ?? "",
            /only applies to resources of types 'azure-native:web:WebApp'/,
        );
    });

    it("is mandatory by default and follows an enforcement level set in config", async () => {
        assert.strictEqual((await judge(fn)).enforcementLevel, "mandatory");
        const advisory = await judge(fn, { config: { enforcementLevel: "advisory" } });
        assert.strictEqual(advisory.enforcementLevel, "advisory");
        assert.strictEqual(advisory.violations.length, 1);
    });

    it("hides an exempted app and records the exemption", async () => {
        const result = await judge(fn, {
            config: {
                exemptions: [{ resource: "orders", reason: "Legacy app, retired in Q3 (SEC-12)" }],
            },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.deepStrictEqual(
            result.exemptions.map((e) => e.findingKey),
            ["azure-function-managed-identity[Identity::none]"],
        );
    });

    it("passes a user-assigned identity whose ID is unknown in preview", async () => {
        const result = await judge({
            ...fn,
            identity: { type: "UserAssigned", userAssignedIdentities: [UNKNOWN] },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.unknown, undefined);
    });

    it("cannot run during preview when the identity block is unknown", async () => {
        const result = await judge({ ...fn, identity: UNKNOWN_OBJECT });
        assert.match(result.unknown ?? "", /during preview: .*\.identity/);
        assert.deepStrictEqual(result.violations, []);
    });
});
