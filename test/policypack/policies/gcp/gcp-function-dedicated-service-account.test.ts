import * as assert from "assert";
import { gcpFunctionDedicatedServiceAccount as policy } from "../../../../policypack/policies/gcp/gcp-function-dedicated-service-account";
import { runResourcePolicy, UNKNOWN, type HarnessOptions } from "../../harness";
import { DEFAULT_COMPUTE, emailOf, gen1, gen2, runService, type FixtureResource } from "./fixtures";

function judge(resource: FixtureResource, options?: HarnessOptions) {
    return runResourcePolicy(policy, resource, options);
}

describe("gcp-function-dedicated-service-account", () => {
    it("passes gen1, gen2 functions and Cloud Run services that run as their own account", async () => {
        for (const fn of [
            gen1("a", emailOf("a")),
            gen2("b", emailOf("b")),
            runService("c", emailOf("c")),
        ]) {
            const result = await judge(fn);
            assert.deepStrictEqual(result.violations, [], fn.type);
            assert.strictEqual(result.notApplicable, undefined);
        }
    });

    it("reports a function without a service account, naming the default it falls back to", async () => {
        const gen2Result = await judge(gen2("resize"));
        assert.deepStrictEqual(
            gen2Result.violations.map((v) => v.message),
            [
                "gcp:cloudfunctionsv2/function:Function 'resize' sets no service account (serviceConfig.serviceAccountEmail), so it runs as the Compute Engine default service account [ServiceAccount::default]",
            ],
        );
        const gen1Result = await judge(gen1("legacy"));
        assert.match(gen1Result.violations[0]?.message ?? "", /App Engine default service account/);
        const run = await judge(runService("api"));
        assert.match(run.violations[0]?.message ?? "", /\(template\.serviceAccount\)/);
    });

    it("reports the default Compute Engine and App Engine accounts by email, in any form", async () => {
        const compute = await judge(runService("api", DEFAULT_COMPUTE));
        assert.deepStrictEqual(
            compute.violations.map((v) => v.findingKey),
            [`gcp-function-dedicated-service-account[ServiceAccount::${DEFAULT_COMPUTE}]`],
        );
        const appEngine = await judge(gen1("legacy", "shop-prod@appspot.gserviceaccount.com"));
        assert.match(
            appEngine.violations[0]?.message ?? "",
            /the App Engine default service account/,
        );
    });

    it("is not applicable to other resources", async () => {
        const result = await judge({
            type: "gcp:serviceaccount/account:Account",
            name: "a",
            props: {},
        });
        assert.match(result.notApplicable ?? "", /only applies to resources of types/);
    });

    it("follows an enforcement level set in config", async () => {
        const advisory = await judge(gen2("resize"), { config: { enforcementLevel: "advisory" } });
        assert.strictEqual(advisory.enforcementLevel, "advisory");
        assert.strictEqual(advisory.violations.length, 1);
    });

    it("hides an exempted function and records the exemption", async () => {
        const result = await judge(gen2("resize"), {
            config: { exemptions: [{ resource: "resize", reason: "Migrating in SHOP-12" }] },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.deepStrictEqual(
            result.exemptions.map((e) => e.findingKey),
            ["gcp-function-dedicated-service-account[ServiceAccount::default]"],
        );
    });

    it("cannot run during preview while the account email is unknown", async () => {
        const result = await judge(gen2("resize", UNKNOWN));
        assert.match(
            result.unknown ?? "",
            /serviceConfig\.serviceAccountEmail can't be known during preview/,
        );
        assert.deepStrictEqual(result.violations, []);
    });
});
