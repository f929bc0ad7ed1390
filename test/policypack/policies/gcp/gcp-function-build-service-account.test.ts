import * as assert from "assert";
import { gcpFunctionBuildServiceAccount as policy } from "../../../../policypack/policies/gcp/gcp-function-build-service-account";
import { runResourcePolicy, UNKNOWN, type HarnessOptions } from "../../harness";
import { DEFAULT_COMPUTE, emailOf, PROJECT } from "./fixtures";

const GEN2 = "gcp:cloudfunctionsv2/function:Function";

function judge(props: Record<string, unknown>, options?: HarnessOptions, type = GEN2) {
    return runResourcePolicy(policy, { type, name: "fn", props }, options);
}

function gen2(build: unknown, runtime = emailOf("fn")) {
    return {
        buildConfig: { serviceAccount: build },
        serviceConfig: { serviceAccountEmail: runtime },
    };
}

describe("gcp-function-build-service-account", () => {
    it("passes a gen2 build account in resource-name form and a gen1 build account", async () => {
        assert.deepStrictEqual(
            (await judge(gen2(`projects/${PROJECT}/serviceAccounts/${emailOf("fn-build")}`)))
                .violations,
            [],
        );
        const gen1 = await judge(
            { buildServiceAccount: emailOf("build"), serviceAccountEmail: emailOf("fn") },
            {},
            "gcp:cloudfunctions/function:Function",
        );
        assert.deepStrictEqual(gen1.violations, []);
    });

    it("reports a missing, default or runtime build account", async () => {
        const keys = [];
        for (const props of [
            { buildConfig: {} },
            gen2(`projects/${PROJECT}/serviceAccounts/${DEFAULT_COMPUTE}`),
            gen2(emailOf("fn")),
        ]) {
            keys.push(...(await judge(props)).violations.map((v) => v.findingKey));
        }
        assert.deepStrictEqual(keys, [
            "gcp-function-build-service-account[BuildServiceAccount::default]",
            `gcp-function-build-service-account[BuildServiceAccount::${DEFAULT_COMPUTE}]`,
            `gcp-function-build-service-account[BuildServiceAccount::${emailOf("fn")}]`,
        ]);
    });

    it("is not applicable to Cloud Run services, which have no function build", async () => {
        const result = await judge({ template: {} }, {}, "gcp:cloudrunv2/service:Service");
        assert.match(result.notApplicable ?? "", /only applies/);
    });

    it("follows config and exemptions", async () => {
        const advisory = await judge({}, { config: { enforcementLevel: "mandatory" } });
        assert.strictEqual(advisory.enforcementLevel, "mandatory");
        const exempt = await judge(
            {},
            { config: { exemptions: [{ resource: "fn", reason: "Org build pool, SEC-12" }] } },
        );
        assert.deepStrictEqual(exempt.violations, []);
        assert.strictEqual(exempt.exemptions.length, 1);
    });

    it("cannot run during preview while the build account is unknown", async () => {
        const result = await judge(gen2(UNKNOWN));
        assert.match(
            result.unknown ?? "",
            /buildConfig\.serviceAccount can't be known during preview/,
        );
    });
});
