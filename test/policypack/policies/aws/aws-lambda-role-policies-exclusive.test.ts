import * as assert from "assert";
import { awsLambdaRolePoliciesExclusive } from "../../../../policypack/policies/aws/aws-lambda-role-policies-exclusive";
import { type HarnessResource, runStackPolicy } from "../../harness";
import { lambda, resource, role, roleArn } from "./stack-fixtures";

const INLINE = "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive";
const ATTACHED = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";

async function judge(resources: HarnessResource[]) {
    return runStackPolicy(awsLambdaRolePoliciesExclusive, resources);
}

describe("aws-lambda-role-policies-exclusive", () => {
    it("passes a function role whose inline policies and attachments are both owned", async () => {
        const result = await judge([
            role("api-role"),
            lambda("api", "api-role"),
            resource(INLINE, "api-inline", { roleName: "api-role", policyNames: [] }),
            resource(ATTACHED, "api-attached", { roleName: "api-role", policyArns: [] }),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports, on the role, each exclusive resource that is missing", async () => {
        const result = await judge([
            role("api-role"),
            lambda("api", "api-role"),
            resource(ATTACHED, "api-attached", { roleName: "api-role", policyArns: [] }),
            role("other-role"),
            lambda("other", "other-role"),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => [(v.urn ?? "").split("::").pop(), v.message]),
            [
                [
                    "api-role",
                    "aws:iam/role:Role 'api-role' (used by function 'api') has no RolePoliciesExclusive (inline policies): a policy added to it outside the program would not show as drift after `pulumi refresh` [Role::api-role]",
                ],
                [
                    "other-role",
                    "aws:iam/role:Role 'other-role' (used by function 'other') has no RolePoliciesExclusive (inline policies) and no RolePolicyAttachmentsExclusive (managed attachments): a policy added to it outside the program would not show as drift after `pulumi refresh` [Role::other-role]",
                ],
            ],
        );
    });

    it("says nothing of a role outside the stack, and an exclusive resource of another role does not count", async () => {
        const result = await judge([
            lambda("legacy", "x", { role: roleArn("legacy") }),
            role("api-role"),
            lambda("api", "api-role"),
            resource(INLINE, "x-inline", { roleName: "someone-else", policyNames: [] }),
            resource(ATTACHED, "api-attached", { roleName: "api-role", policyArns: [] }),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => (v.urn ?? "").split("::").pop()),
            ["api-role"],
        );
    });
});
