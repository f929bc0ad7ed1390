import * as assert from "assert";
import { awsIamNoBroadManagedPolicies } from "../../../../policypack/policies/aws/aws-iam-no-broad-managed-policies";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import { type Dependencies, lambda, resource, role, withDependencies } from "./stack-fixtures";

const IAM_FULL = "arn:aws:iam::aws:policy/IAMFullAccess";
const BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

async function judge(
    resources: HarnessResource[],
    options?: HarnessOptions,
    dependencies: Dependencies = {},
) {
    return runStackPolicy(
        withDependencies(awsIamNoBroadManagedPolicies, dependencies),
        resources,
        options,
    );
}

async function keys(
    resources: HarnessResource[],
    options?: HarnessOptions,
    dependencies?: Dependencies,
) {
    return (await judge(resources, options, dependencies)).violations.map((v) => v.findingKey);
}

describe("aws-iam-no-broad-managed-policies", () => {
    it("passes the Lambda execution-role policies a function role commonly carries", async () => {
        const vpc = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";
        const xray = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess";
        assert.deepStrictEqual(
            await keys([
                role("fn-role", { managedPolicyArns: [BASIC, vpc, xray] }),
                lambda("fn", "fn-role"),
            ]),
            [],
        );
    });

    it("reports full-access and permissions-management policies in managedPolicyArns, naming why", async () => {
        const result = await judge([
            role("fn-role", { managedPolicyArns: [BASIC, IAM_FULL] }),
            lambda("fn", "fn-role"),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/role:Role 'fn-role' (used by function 'fn') has AWS-managed policy 'IAMFullAccess' attached " +
                    "in its managedPolicyArns, which grants full access to 'iam', 23 permissions-management actions " +
                    "such as 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy' [Policy::arn:aws:iam::aws:policy/IAMFullAccess]",
            ],
        );
    });

    it("reports AdministratorAccess and PowerUserAccess attached by every kind of attachment", async () => {
        const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        const power = "arn:aws:iam::aws:policy/PowerUserAccess";
        const attachments = [
            resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", {
                role: "fn-role",
                policyArn: admin,
            }),
            resource("aws:iam/policyAttachment:PolicyAttachment", "b", {
                roles: ["fn-role"],
                policyArn: power,
            }),
            resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "c", {
                roleName: "fn-role",
                policyArns: [BASIC, "arn:aws:iam::aws:policy/AmazonS3FullAccess"],
            }),
        ];
        const result = await judge([role("fn-role"), lambda("fn", "fn-role"), ...attachments]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            [
                `aws-iam-no-broad-managed-policies[Policy::${admin}]`,
                `aws-iam-no-broad-managed-policies[Policy::${power}]`,
                "aws-iam-no-broad-managed-policies[Policy::arn:aws:iam::aws:policy/AmazonS3FullAccess]",
            ],
        );
        assert.match(
            result.violations[1]?.message ?? "",
            /'PowerUserAccess' attached by aws:iam\/policyAttachment:PolicyAttachment 'b', which grants administrator access/,
        );
    });

    it("ignores roles no function runs as and customer-managed policies", async () => {
        const customer = "arn:aws:iam::111122223333:policy/IAMFullAccess";
        assert.deepStrictEqual(
            await keys([
                role("ops", { managedPolicyArns: [IAM_FULL] }),
                role("fn-role", { managedPolicyArns: [customer] }),
                lambda("fn", "fn-role"),
            ]),
            [],
        );
    });

    it("follows allowedPolicies from config and exemptions of one policy", async () => {
        const resources = [
            role("fn-role", { managedPolicyArns: [IAM_FULL] }),
            lambda("fn", "fn-role"),
        ];
        assert.deepStrictEqual(
            await keys(resources, { config: { allowedPolicies: ["IAMFullAccess"] } }),
            [],
        );
        const exempted = await judge(resources, {
            config: {
                exemptions: [
                    {
                        resource: "fn-role",
                        reason: "Account bootstrap function",
                        finding: `Policy::${IAM_FULL}`,
                    },
                ],
            },
        });
        assert.deepStrictEqual(exempted.violations, []);
        assert.strictEqual(exempted.exemptions.length, 1);
    });

    it("links an attachment by property dependencies when the role name is unknown in preview", async () => {
        const resources = [
            role("fn-role", { name: UNKNOWN, arn: UNKNOWN }),
            lambda("fn", "fn-role", { role: UNKNOWN }),
            resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", {
                role: UNKNOWN,
                policyArn: IAM_FULL,
            }),
        ];
        const dependencies = { fn: { role: ["fn-role"] }, a: { role: ["fn-role"] } };
        assert.deepStrictEqual(await keys(resources, {}, dependencies), [
            `aws-iam-no-broad-managed-policies[Policy::${IAM_FULL}]`,
        ]);
    });

    it("reads no policy document, so an unknown one in preview does not stop it", async () => {
        const result = await judge([
            role("fn-role", { managedPolicyArns: [IAM_FULL] }),
            lambda("fn", "fn-role"),
            resource("aws:iam/rolePolicy:RolePolicy", "p", { role: "fn-role", policy: UNKNOWN }),
        ]);
        assert.strictEqual(result.unknown, undefined);
        assert.strictEqual(result.violations.length, 1);
    });
});
