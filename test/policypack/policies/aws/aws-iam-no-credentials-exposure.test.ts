import * as assert from "assert";
import { awsIamNoCredentialsExposure as policy } from "../../../../policypack/policies/aws/aws-iam-no-credentials-exposure";
import { runResourcePolicy, UNKNOWN } from "../../harness";
import { documentKeys, judgeDocument, statement } from "./document-rule";

describe("aws-iam-no-credentials-exposure", () => {
    it("passes sts:AssumeRole on a named role", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                statement("sts:AssumeRole", "arn:aws:iam::111122223333:role/reader"),
            ]),
            [],
        );
    });

    it("reports credential-returning actions on '*', also through a wildcard", async () => {
        const result = await judgeDocument(policy, [
            statement(["sts:AssumeRole", "iam:CreateAccess*"]),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/policy:Policy 'fn-policy' allows 'sts:AssumeRole' on '*', which returns credentials ('sts:AssumeRole') [Action::sts:AssumeRole]",
                "aws:iam/policy:Policy 'fn-policy' allows 'iam:CreateAccess*' on '*', which returns credentials ('iam:CreateAccessKey') [Action::iam:CreateAccess*]",
            ],
        );
    });

    it("follows allowedActions and exemptions, and ignores Deny", async () => {
        assert.deepStrictEqual(
            await documentKeys(
                policy,
                [
                    statement("ecr:GetAuthorizationToken"),
                    { Effect: "Deny", Action: "sts:*", Resource: "*" },
                ],
                { config: { allowedActions: ["ecr:GetAuthorizationToken"] } },
            ),
            [],
        );
        const exempted = await judgeDocument(policy, [statement("sts:AssumeRole")], {
            config: {
                exemptions: [{ resource: "fn-policy", reason: "Cross-account broker, SEC-12" }],
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
