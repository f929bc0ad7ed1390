import * as assert from "assert";
import { awsIamNoServiceWildcards as policy } from "../../../../policypack/policies/aws/aws-iam-no-service-wildcards";
import { runResourcePolicy, UNKNOWN } from "../../harness";
import { documentKeys, judgeDocument, statement } from "./document-rule";

describe("aws-iam-no-service-wildcards", () => {
    it("passes exact actions and read-only wildcards", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                statement(["s3:GetObject", "s3:Get*", "dynamodb:Describe*"]),
            ]),
            [],
        );
    });

    it("reports a service wildcard and a prefix wildcard that reach Write actions, one finding each", async () => {
        const result = await judgeDocument(policy, [
            statement(["s3:*", "sqs:Send*"], "arn:aws:sqs:eu-west-1:1:q"),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            [
                "aws-iam-no-service-wildcards[Action::s3:*]",
                "aws-iam-no-service-wildcards[Action::sqs:Send*]",
            ],
        );
        assert.match(
            result.violations[1]?.message ?? "",
            /^aws:iam\/policy:Policy 'fn-policy' allows 'sqs:Send\*' on 'arn:aws:sqs:eu-west-1:1:q', which reaches 1 Write action such as 'sqs:SendMessage' \[/,
        );
    });

    it("reports wildcards in a role's inline policy and leaves Deny statements and '*' alone", async () => {
        const result = await judgeDocument(
            policy,
            [
                statement("iam:Put*"),
                { Effect: "Deny", Action: "s3:*", Resource: "*" },
                statement("*"),
            ],
            {},
            "aws:iam/role:Role",
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/role:Role 'fn-policy' inline policy 'grants' allows 'iam:Put*' on '*', which reaches 6 Write and Permissions management actions such as 'iam:PutAccountProperties', 'iam:PutGroupPolicy' [Action::iam:Put*]",
            ],
        );
    });

    it("allows patterns listed in allowedPatterns and findings named in an exemption", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [statement("logs:*", "arn:aws:logs:*:*:log-group:app")], {
                config: { allowedPatterns: ["LOGS:*"] },
            }),
            [],
        );
        const exempted = await judgeDocument(
            policy,
            [statement(["logs:*", "s3:*"], "arn:aws:s3:::b")],
            {
                config: {
                    exemptions: [
                        {
                            resource: "fn-policy",
                            reason: "Log shipper needs it",
                            finding: "Action::logs:*",
                        },
                    ],
                },
            },
        );
        assert.deepStrictEqual(
            exempted.violations.map((v) => v.findingKey),
            ["aws-iam-no-service-wildcards[Action::s3:*]"],
        );
    });

    it("is not applicable to other resource types, and cannot run while the document is unknown", async () => {
        const other = await runResourcePolicy(policy, {
            type: "aws:s3/bucket:Bucket",
            name: "b",
            props: {},
        });
        assert.ok(other.notApplicable !== undefined);
        const unknown = await runResourcePolicy(policy, {
            type: "aws:iam/policy:Policy",
            name: "p",
            props: { policy: UNKNOWN },
        });
        assert.match(unknown.unknown ?? "", /during preview/);
        assert.strictEqual(
            (await judgeDocument(policy, [statement("s3:Put*")])).enforcementLevel,
            "advisory",
        );
    });
});
