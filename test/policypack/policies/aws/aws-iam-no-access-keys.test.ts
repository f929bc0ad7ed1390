import * as assert from "assert";
import { awsIamNoAccessKeys as policy } from "../../../../policypack/policies/aws/aws-iam-no-access-keys";
import { runStackPolicy, UNKNOWN } from "../../harness";
import { lambda, resource, role } from "./stack-fixtures";

const key = resource("aws:iam/accessKey:AccessKey", "ci-key", { user: UNKNOWN });

describe("aws-iam-no-access-keys", () => {
    it("passes a stack of functions without access keys", async () => {
        assert.deepStrictEqual(
            (await runStackPolicy(policy, [role("r"), lambda("fn", "r")])).violations,
            [],
        );
    });

    it("reports each access key in a stack that runs functions, even with unknown inputs", async () => {
        const result = await runStackPolicy(policy, [role("r"), lambda("fn", "r"), key]);
        assert.deepStrictEqual(
            result.violations.map((v) => [v.message, v.urn]),
            [
                [
                    "aws:iam/accessKey:AccessKey 'ci-key' creates a long-lived access key in a stack that runs functions [AccessKey::ci-key]",
                    "urn:pulumi:test::perimeter::aws:iam/accessKey:AccessKey::ci-key",
                ],
            ],
        );
    });

    it("judges nothing in a stack without functions", async () => {
        assert.deepStrictEqual((await runStackPolicy(policy, [key])).violations, []);
    });

    it("honours exemptions and the configured level", async () => {
        const result = await runStackPolicy(policy, [lambda("fn", "r"), key], {
            config: {
                enforcementLevel: "mandatory",
                exemptions: [{ resource: "ci-key", reason: "On-prem uploader, until ROLES-1" }],
            },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.enforcementLevel, "mandatory");
    });
});
