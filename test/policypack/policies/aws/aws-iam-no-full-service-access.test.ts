import * as assert from "assert";
import { awsIamNoFullServiceAccess as policy } from "../../../../policypack/policies/aws/aws-iam-no-full-service-access";
import { awsIamNoServiceWildcards } from "../../../../policypack/policies/aws/aws-iam-no-service-wildcards";
import { runResourcePolicy, UNKNOWN } from "../../harness";
import { documentKeys, judgeDocument, statement } from "./document-rule";

describe("aws-iam-no-full-service-access", () => {
    it("reports a whole service allowed on every resource, as a mandatory finding", async () => {
        const result = await judgeDocument(policy, [statement(["s3:*", "s3:GetObject"])]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/policy:Policy 'fn-policy' allows every 's3' action ('s3:*') on '*' [Action::s3:*]",
            ],
        );
        assert.strictEqual(result.enforcementLevel, "mandatory");
    });

    it("counts NotResource as every resource, and a condition does not narrow the resources", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                { Effect: "Allow", Action: "sqs:*", NotResource: "arn:aws:sqs:*:*:private" },
                statement("dynamodb:*", "*", {
                    Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } },
                }),
            ]),
            [
                "aws-iam-no-full-service-access[Action::sqs:*]",
                "aws-iam-no-full-service-access[Action::dynamodb:*]",
            ],
        );
    });

    it("leaves a service wildcard on named resources, prefix wildcards, '*' and Deny to the other rules", async () => {
        const statements = [
            statement("s3:*", "arn:aws:s3:::uploads/*"),
            statement("s3:Put*"),
            statement("*"),
            { Effect: "Deny", Action: "iam:*", Resource: "*" },
        ];
        assert.deepStrictEqual(await documentKeys(policy, statements), []);
        // The advisory rule still reports the scoped one, and only it: one finding per value.
        assert.deepStrictEqual(await documentKeys(awsIamNoServiceWildcards, statements), [
            "aws-iam-no-service-wildcards[Action::s3:*]",
            "aws-iam-no-service-wildcards[Action::s3:Put*]",
        ]);
        assert.deepStrictEqual(
            await documentKeys(awsIamNoServiceWildcards, [statement("s3:*")]),
            [],
        );
    });

    it("takes an exemption for one finding, and cannot run while the document is unknown", async () => {
        const exempted = await judgeDocument(policy, [statement(["logs:*", "s3:*"])], {
            config: {
                exemptions: [
                    {
                        resource: "fn-policy",
                        reason: "Log shipper, reviewed",
                        finding: "Action::logs:*",
                    },
                ],
            },
        });
        assert.deepStrictEqual(
            exempted.violations.map((v) => v.findingKey),
            ["aws-iam-no-full-service-access[Action::s3:*]"],
        );
        const unknown = await runResourcePolicy(policy, {
            type: "aws:iam/policy:Policy",
            name: "p",
            props: { policy: UNKNOWN },
        });
        assert.match(unknown.unknown ?? "", /during preview/);
        const other = await runResourcePolicy(policy, {
            type: "aws:s3/bucket:Bucket",
            name: "b",
            props: {},
        });
        assert.ok(other.notApplicable !== undefined);
    });
});
