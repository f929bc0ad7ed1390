import * as assert from "assert";
import { azureFunctionDedicatedIdentity } from "../../../../policypack/policies/azure/azure-function-dedicated-identity";
import {
    type HarnessOptions,
    type HarnessResource,
    runStackPolicy,
    UNKNOWN,
    UNKNOWN_OBJECT,
} from "../../harness";
import {
    functionApp,
    userAssigned,
    userAssignedIdentity,
    withDependencies,
    type Dependencies,
} from "./fixtures";

function judge(
    resources: HarnessResource[],
    options?: HarnessOptions,
    dependencies: Dependencies = {},
) {
    return runStackPolicy(
        withDependencies(azureFunctionDedicatedIdentity, dependencies),
        resources,
        options,
    );
}

const shared = [
    userAssignedIdentity("shared-id", "p-shared"),
    functionApp("orders", userAssigned("shared-id")),
    functionApp("billing", userAssigned("shared-id")),
];

describe("azure-function-dedicated-identity", () => {
    it("passes function apps that each have their own identity", async () => {
        const result = await judge([
            userAssignedIdentity("orders-id", "p1"),
            userAssignedIdentity("billing-id", "p2"),
            functionApp("orders", userAssigned("orders-id")),
            functionApp("billing", userAssigned("billing-id")),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports an identity attached to two function apps, naming both", async () => {
        const result = await judge(shared);
        assert.deepStrictEqual(
            result.violations.map((v) => [v.message, v.urn]),
            [
                [
                    "azure-native:managedidentity:UserAssignedIdentity 'shared-id' is attached to 2 function apps: 'orders', 'billing' [Identity::shared-id]",
                    "urn:pulumi:test::perimeter::azure-native:managedidentity:UserAssignedIdentity::shared-id",
                ],
            ],
        );
    });

    it("links apps to an identity by property dependency when the IDs are unknown in preview", async () => {
        const preview = [
            userAssignedIdentity("shared-id", UNKNOWN),
            functionApp("orders", { type: "UserAssigned", userAssignedIdentities: UNKNOWN_OBJECT }),
            functionApp("billing", { type: "UserAssigned", userAssignedIdentities: [UNKNOWN] }),
        ];
        const result = await judge(
            preview,
            {},
            {
                orders: { identity: ["shared-id"] },
                billing: { identity: ["shared-id"] },
            },
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["azure-function-dedicated-identity[Identity::shared-id]"],
        );
        assert.strictEqual(result.unknown, undefined);
    });

    it("lets a deployment slot share its own app's identity", async () => {
        const slot: HarnessResource = {
            type: "azure-native:web:WebAppSlot",
            name: "orders-staging",
            props: {
                name: "orders",
                slot: "staging",
                kind: "functionapp",
                identity: userAssigned("orders-id"),
            },
        };
        const result = await judge([
            userAssignedIdentity("orders-id", "p1"),
            functionApp("orders", userAssigned("orders-id")),
            slot,
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("does not apply to identities used by other kinds of resources only", async () => {
        const webApp = { ...functionApp("site", userAssigned("shared-id")) };
        const result = await judge([
            shared[0]!,
            { ...webApp, props: { ...webApp.props, kind: "app,linux" } },
            functionApp("orders", userAssigned("shared-id")),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("is mandatory by default and follows an enforcement level set in config", async () => {
        assert.strictEqual((await judge(shared)).enforcementLevel, "mandatory");
        assert.ok((await judge(shared, { config: { enforcementLevel: "disabled" } })).skipped);
    });

    it("hides an exempted identity and records the exemption", async () => {
        const result = await judge(shared, {
            config: {
                exemptions: [
                    { resource: "shared-*", reason: "Migration to per-app identities, SEC-7" },
                ],
            },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("cannot run during preview when an app's kind is unknown", async () => {
        const app = functionApp("orders", userAssigned("shared-id"));
        const result = await judge([
            shared[0]!,
            { ...app, props: { ...app.props, kind: UNKNOWN } },
        ]);
        assert.match(result.unknown ?? "", /during preview: .*\.kind/);
    });
});
