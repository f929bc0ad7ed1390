import * as assert from "assert";
import { gcpIamNoAuthoritativeProjectPolicy as policy } from "../../../../policypack/policies/gcp/gcp-iam-no-authoritative-project-policy";
import { runResourcePolicy, UNKNOWN, type HarnessOptions } from "../../harness";
import { policyData } from "./fixtures";

function judge(type: string, props: Record<string, unknown>, options?: HarnessOptions) {
    return runResourcePolicy(policy, { type, name: "iam", props }, options);
}

describe("gcp-iam-no-authoritative-project-policy", () => {
    it("is not about additive members or resource-level policies", async () => {
        for (const type of [
            "gcp:projects/iAMMember:IAMMember",
            "gcp:storage/bucketIAMPolicy:BucketIAMPolicy",
        ]) {
            const result = await judge(type, { role: "roles/viewer", member: "user:a@b.c" });
            assert.deepStrictEqual(result.violations, []);
            assert.match(result.notApplicable ?? "", /only applies/);
        }
    });

    it("reports project policies and folder or organization bindings", async () => {
        const policyResult = await judge("gcp:projects/iAMPolicy:IAMPolicy", {
            policyData: policyData(),
        });
        assert.deepStrictEqual(
            policyResult.violations.map((v) => v.message),
            [
                "gcp:projects/iAMPolicy:IAMPolicy 'iam' replaces the whole IAM policy of the project, removing any grant made outside it [Authoritative::policy]",
            ],
        );
        const binding = await judge("gcp:organizations/iAMBinding:IAMBinding", {
            role: "roles/browser",
            members: [],
        });
        assert.match(
            binding.violations[0]?.message ?? "",
            /owns every member of 'roles\/browser' of the organization/,
        );
    });

    it("follows an enforcement level set in config and honours exemptions", async () => {
        const props = { role: "roles/browser", members: [] };
        const off = await judge("gcp:folder/iAMBinding:IAMBinding", props, {
            config: { enforcementLevel: "disabled" },
        });
        assert.ok(off.skipped);
        const exempt = await judge("gcp:folder/iAMBinding:IAMBinding", props, {
            config: { exemptions: [{ resource: "iam", reason: "Folder owned by this stack" }] },
        });
        assert.deepStrictEqual(exempt.violations, []);
        assert.strictEqual(exempt.exemptions.length, 1);
    });

    it("reports an authoritative binding in preview even while its role is unknown", async () => {
        const result = await judge("gcp:projects/iAMBinding:IAMBinding", {
            role: UNKNOWN,
            members: [],
        });
        assert.match(result.violations[0]?.message ?? "", /owns every member of 'its role'/);
    });
});
