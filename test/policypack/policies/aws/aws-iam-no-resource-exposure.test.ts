import * as assert from "assert";
import { awsIamNoResourceExposure as policy } from "../../../../policypack/policies/aws/aws-iam-no-resource-exposure";
import { runResourcePolicy, UNKNOWN } from "../../harness";
import { documentKeys, judgeDocument, statement } from "./document-rule";

describe("aws-iam-no-resource-exposure", () => {
    it("passes permissions-management actions on named resources or under a condition", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                statement("s3:PutBucketPolicy", "arn:aws:s3:::uploads"),
                statement("sqs:SetQueueAttributes", "*", {
                    Condition: { StringEquals: { "aws:ResourceTag/app": "a" } },
                }),
            ]),
            [],
        );
    });

    it("reports permissions-management actions on '*' without a condition", async () => {
        const result = await judgeDocument(policy, [
            statement(["s3:PutBucketPolicy", "s3:GetObject"]),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/policy:Policy 'fn-policy' allows 's3:PutBucketPolicy' on '*' without a condition, which can change who may access resources ('s3:PutBucketPolicy') [Action::s3:PutBucketPolicy]",
            ],
        );
    });

    it("follows allowedActions and exemptions", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [statement("kms:CreateGrant")], {
                config: { allowedActions: ["kms:CreateGrant"] },
            }),
            [],
        );
        const exempted = await judgeDocument(policy, [statement("kms:CreateGrant")], {
            config: {
                exemptions: [{ resource: "fn-policy", reason: "Key admin function, SEC-9" }],
            },
        });
        assert.deepStrictEqual(exempted.violations, []);
    });

    it("is not applicable to other types and cannot run while the document is unknown", async () => {
        assert.ok(
            (
                await runResourcePolicy(policy, {
                    type: "aws:s3/bucket:Bucket",
                    name: "b",
                    props: {},
                })
            ).notApplicable,
        );
        assert.match(
            (
                await runResourcePolicy(policy, {
                    type: "aws:iam/policy:Policy",
                    name: "p",
                    props: { policy: UNKNOWN },
                })
            ).unknown ?? "",
            /during preview/,
        );
    });
});
