import * as assert from "assert";
import { azureFunctionHttpsOnly } from "../../../../policypack/policies/azure/azure-function-https-only";
import { type HarnessOptions, runResourcePolicy, UNKNOWN } from "../../harness";

const hardened = {
    kind: "functionapp,linux",
    httpsOnly: true,
    siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled" },
};

function judge(
    props: Record<string, unknown>,
    options?: HarnessOptions,
    type = "azure-native:web:WebApp",
) {
    return runResourcePolicy(azureFunctionHttpsOnly, { type, name: "orders", props }, options);
}

describe("azure-function-https-only", () => {
    it("passes a function app with HTTPS only, TLS 1.2 and FTPS disabled or FTPS only", async () => {
        assert.deepStrictEqual((await judge(hardened)).violations, []);
        const ftps = await judge({ ...hardened, siteConfig: { ftpsState: "FtpsOnly" } });
        assert.deepStrictEqual(ftps.violations, []);
    });

    it("reports each weak setting with its value", async () => {
        const result = await judge({
            kind: "functionapp",
            httpsOnly: false,
            siteConfig: { minTlsVersion: "1.0", ftpsState: "AllAllowed" },
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "azure-native:web:WebApp 'orders' accepts plain HTTP: httpsOnly is 'false' [Setting::httpsOnly]",
                "azure-native:web:WebApp 'orders' accepts TLS below 1.2: siteConfig.minTlsVersion is '1.0' [Setting::minTlsVersion]",
                "azure-native:web:WebApp 'orders' may allow plain FTP: siteConfig.ftpsState is 'AllAllowed', not 'Disabled', 'FtpsOnly' [Setting::ftpsState]",
            ],
        );
    });

    it("reports httpsOnly and ftpsState left unset", async () => {
        const result = await judge({ kind: "functionapp" });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            [
                "azure-function-https-only[Setting::httpsOnly]",
                "azure-function-https-only[Setting::ftpsState]",
            ],
        );
    });

    it("ignores web apps that are not function apps and other types", async () => {
        assert.deepStrictEqual((await judge({ kind: "app" })).violations, []);
        assert.ok((await judge(hardened, {}, "azure-native:web:AppServicePlan")).notApplicable);
    });

    it("follows the minimum TLS version and FTPS states set in config", async () => {
        const strict = await judge(hardened, {
            config: { minimumTlsVersion: "1.3", allowedFtpsStates: ["FtpsOnly"] },
        });
        assert.deepStrictEqual(
            strict.violations.map((v) => v.findingKey),
            [
                "azure-function-https-only[Setting::minTlsVersion]",
                "azure-function-https-only[Setting::ftpsState]",
            ],
        );
        assert.strictEqual(strict.enforcementLevel, "advisory");
    });

    it("hides an exempted finding", async () => {
        const result = await judge(
            { ...hardened, httpsOnly: false },
            {
                config: {
                    exemptions: [
                        {
                            resource: "orders",
                            reason: "Behind Front Door which terminates TLS",
                            finding: "Setting::httpsOnly",
                        },
                    ],
                },
            },
        );
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("cannot run during preview when httpsOnly is unknown", async () => {
        assert.match(
            (await judge({ ...hardened, httpsOnly: UNKNOWN })).unknown ?? "",
            /\.httpsOnly/,
        );
    });
});
