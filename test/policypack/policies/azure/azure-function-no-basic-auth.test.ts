import * as assert from "assert";
import { azureFunctionNoBasicAuth } from "../../../../policypack/policies/azure/azure-function-no-basic-auth";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import { type Dependencies, functionApp, RESOURCE_GROUP, withDependencies } from "./fixtures";

function judge(
    resources: HarnessResource[],
    options?: HarnessOptions,
    dependencies: Dependencies = {},
) {
    return runStackPolicy(
        withDependencies(azureFunctionNoBasicAuth, dependencies),
        resources,
        options,
    );
}

function policy(
    channel: "Ftp" | "Scm",
    site: unknown,
    allow: unknown,
    suffix = "",
): HarnessResource {
    return {
        type: `azure-native:web:WebApp${channel}Allowed${suffix}`,
        name: `orders-${channel.toLowerCase()}${suffix}`,
        props: { name: site, resourceGroupName: "app-rg", allow },
    };
}

const app = functionApp("orders", { type: "SystemAssigned" });

describe("azure-function-no-basic-auth", () => {
    it("passes a function app with FTP and SCM basic credentials disabled", async () => {
        const result = await judge([
            app,
            policy("Ftp", "orders", false),
            policy("Scm", "orders", false),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports each channel left enabled or never turned off, naming the app", async () => {
        const result = await judge([app, policy("Ftp", "orders", true)]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "azure-native:web:WebApp 'orders' keeps FTP basic publishing credentials enabled: no 'azure-native:web:WebAppFtpAllowed' with allow: false names it [Channel::ftp]",
                "azure-native:web:WebApp 'orders' keeps SCM (Kudu) deployment basic publishing credentials enabled: no 'azure-native:web:WebAppScmAllowed' with allow: false names it [Channel::scm]",
            ],
        );
    });

    it("links the policies by property dependency when the app's name is unknown, or by ARM ID", async () => {
        const preview = await judge(
            [app, policy("Ftp", UNKNOWN, false), policy("Scm", UNKNOWN, false)],
            {},
            {
                "orders-ftp": { name: ["orders"] },
                "orders-scm": { name: ["orders"] },
            },
        );
        assert.deepStrictEqual(preview.violations, []);
        const exported = (channel: "Ftp" | "Scm"): HarnessResource => ({
            ...policy(channel, "ftp", false),
            props: {
                name: channel.toLowerCase(),
                allow: false,
                id: `${RESOURCE_GROUP}/providers/Microsoft.Web/sites/orders/basicPublishingCredentialsPolicies/${channel.toLowerCase()}`,
            },
        });
        assert.deepStrictEqual(
            (await judge([app, exported("Ftp"), exported("Scm")])).violations,
            [],
        );
    });

    it("wants the slot forms for a deployment slot", async () => {
        const slot: HarnessResource = {
            type: "azure-native:web:WebAppSlot",
            name: "orders-staging",
            props: { name: "orders", slot: "staging", kind: "functionapp" },
        };
        const slotPolicy = (channel: "Ftp" | "Scm") => ({
            ...policy(channel, "orders", false, "Slot"),
            props: { name: "orders", slot: "staging", allow: false },
        });
        const result = await judge([
            slot,
            policy("Ftp", "orders", false),
            slotPolicy("Ftp"),
            slotPolicy("Scm"),
        ]);
        assert.deepStrictEqual(result.violations, []);
        const missing = await judge([
            slot,
            policy("Ftp", "orders", false),
            policy("Scm", "orders", false),
        ]);
        assert.strictEqual(missing.violations.length, 2);
    });

    it("does not apply to stacks without function apps", async () => {
        const site = functionApp("web", undefined, { kind: "app" });
        assert.deepStrictEqual((await judge([site])).violations, []);
    });

    it("is advisory by default and follows an enforcement level set in config", async () => {
        assert.strictEqual((await judge([app])).enforcementLevel, "advisory");
        assert.strictEqual(
            (await judge([app], { config: { enforcementLevel: "mandatory" } })).enforcementLevel,
            "mandatory",
        );
    });

    it("hides an exempted channel", async () => {
        const result = await judge([app, policy("Ftp", "orders", false)], {
            config: {
                exemptions: [
                    {
                        resource: "orders",
                        reason: "Kudu basic auth for a legacy pipeline",
                        finding: "Channel::scm",
                    },
                ],
            },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("cannot run during preview when allow is unknown", async () => {
        assert.match(
            (await judge([app, policy("Ftp", "orders", UNKNOWN)])).unknown ?? "",
            /\.allow/,
        );
    });
});
