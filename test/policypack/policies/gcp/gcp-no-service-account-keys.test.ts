import * as assert from "assert";
import { gcpNoServiceAccountKeys as policy } from "../../../../policypack/policies/gcp/gcp-no-service-account-keys";
import { runResourcePolicy, UNKNOWN, type HarnessOptions } from "../../harness";
import { emailOf } from "./fixtures";

const KEY = "gcp:serviceaccount/key:Key";

function judge(props: Record<string, unknown>, options?: HarnessOptions, type = KEY) {
    return runResourcePolicy(policy, { type, name: "ci-key", props }, options);
}

describe("gcp-no-service-account-keys", () => {
    it("passes a stack's service accounts, which are not keys", async () => {
        const result = await judge({ accountId: "fn" }, {}, "gcp:serviceaccount/account:Account");
        assert.deepStrictEqual(result.violations, []);
        assert.match(
            result.notApplicable ?? "",
            /only applies to resources of type 'gcp:serviceaccount\/key:Key'/,
        );
    });

    it("reports a service account key, naming the key and its account", async () => {
        const result = await judge({ serviceAccountId: emailOf("ci") });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                `gcp:serviceaccount/key:Key 'ci-key' creates a service account key for '${emailOf("ci")}' [Key::ci-key]`,
            ],
        );
    });

    it("follows an enforcement level set in config", async () => {
        const result = await judge(
            { serviceAccountId: "a" },
            { config: { enforcementLevel: "advisory" } },
        );
        assert.strictEqual(result.enforcementLevel, "advisory");
        assert.strictEqual(result.violations.length, 1);
    });

    it("hides an exempted key", async () => {
        const result = await judge(
            { serviceAccountId: "a" },
            { config: { exemptions: [{ resource: "ci-*", reason: "Legacy CI until SHOP-88" }] } },
        );
        assert.deepStrictEqual(result.violations, []);
        assert.deepStrictEqual(
            result.exemptions.map((e) => e.findingKey),
            ["gcp-no-service-account-keys[Key::ci-key]"],
        );
    });

    it("reports a key in preview even while its account is unknown", async () => {
        const result = await judge({ serviceAccountId: UNKNOWN });
        assert.strictEqual(result.unknown, undefined);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            ["gcp:serviceaccount/key:Key 'ci-key' creates a service account key [Key::ci-key]"],
        );
    });
});
