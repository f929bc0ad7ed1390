import * as assert from "assert";
import { azureKeyvaultRbac } from "../../../../policypack/policies/azure/azure-keyvault-rbac";
import { type HarnessOptions, runResourcePolicy, UNKNOWN } from "../../harness";

const VAULT = "azure-native:keyvault:Vault";

function judge(properties: unknown, options?: HarnessOptions, type = VAULT) {
    return runResourcePolicy(
        azureKeyvaultRbac,
        { type, name: "secrets", props: { properties } },
        options,
    );
}

describe("azure-keyvault-rbac", () => {
    it("passes a vault that uses the RBAC permission model", async () => {
        const result = await judge({ tenantId: "t", enableRbacAuthorization: true });
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports a vault that uses access policies, explicitly or by default", async () => {
        assert.deepStrictEqual(
            (await judge({ tenantId: "t" })).violations.map((v) => v.message),
            [
                "azure-native:keyvault:Vault 'secrets' does not use the RBAC permission model: properties.enableRbacAuthorization is not set (access policies) [Setting::enableRbacAuthorization]",
            ],
        );
        const explicit = await judge({ enableRbacAuthorization: false, accessPolicies: [] });
        assert.match(explicit.violations[0]?.message ?? "", /is 'false'/);
    });

    it("is not applicable to other resource types", async () => {
        assert.ok((await judge({}, {}, "azure-native:keyvault:Secret")).notApplicable);
    });

    it("is advisory by default and follows an enforcement level set in config", async () => {
        assert.strictEqual((await judge({})).enforcementLevel, "advisory");
        assert.strictEqual(
            (await judge({}, { config: { enforcementLevel: "mandatory" } })).enforcementLevel,
            "mandatory",
        );
    });

    it("hides an exempted vault", async () => {
        const result = await judge(
            {},
            {
                config: {
                    exemptions: [
                        {
                            resource: "secrets",
                            reason: "Shared vault owned by platform team",
                            finding: "Setting::enableRbacAuthorization",
                        },
                    ],
                },
            },
        );
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("cannot run during preview when the flag is unknown", async () => {
        const result = await judge({ enableRbacAuthorization: UNKNOWN });
        assert.match(result.unknown ?? "", /properties\.enableRbacAuthorization/);
    });
});
