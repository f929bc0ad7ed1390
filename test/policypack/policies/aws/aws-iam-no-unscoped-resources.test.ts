import * as assert from "assert";
import { awsIamNoUnscopedResources as policy } from "../../../../policypack/policies/aws/aws-iam-no-unscoped-resources";
import { runResourcePolicy, UNKNOWN } from "../../harness";
import { documentKeys, judgeDocument, statement } from "./document-rule";

describe("aws-iam-no-unscoped-resources", () => {
    it("passes wildcard-only actions such as xray:PutTraceSegments on '*' and scoped resources", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                statement(["xray:PutTraceSegments", "xray:PutTelemetryRecords"]),
                statement("s3:GetObject", "arn:aws:s3:::uploads/incoming/*"),
            ]),
            [],
        );
    });

    it("passes the network-interface actions a function in a VPC needs, by default", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                statement([
                    "ec2:CreateNetworkInterface",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DeleteNetworkInterface",
                ]),
            ]),
            [],
        );
    });

    it("reports an action that supports resource-level permissions on '*', one finding per action", async () => {
        const result = await judgeDocument(policy, [
            statement(["s3:GetObject", "dynamodb:Query", "xray:PutTraceSegments"]),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/policy:Policy 'fn-policy' allows 's3:GetObject' on '*', but it supports resource-level permissions [Action::s3:GetObject]",
                "aws:iam/policy:Policy 'fn-policy' allows 'dynamodb:Query' on '*', but it supports resource-level permissions [Action::dynamodb:Query]",
            ],
        );
    });

    it("names the conditions of a conditional statement, and never reports a Deny", async () => {
        const conditional = statement("s3:PutObject", "*", {
            Condition: { StringEquals: { "aws:ResourceTag/team": "a" } },
        });
        // A Deny of other actions leaves the Allow standing (issue 14: an Allow the same document
        // takes back entirely is not reported; see the Deny test in ../../lib/aws-deny.test.ts).
        const result = await judgeDocument(policy, [
            conditional,
            { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/policy:Policy 'fn-policy' allows 's3:PutObject' on '*' when conditions on 'aws:ResourceTag/team' hold, but it supports resource-level permissions [Action::s3:PutObject]",
            ],
        );
    });

    it("follows allowedActions from config and exemptions", async () => {
        assert.deepStrictEqual(
            await documentKeys(
                policy,
                [statement("s3:ListAllMyBuckets"), statement("sqs:SendMessage")],
                { config: { allowedActions: ["sqs:sendmessage"] } },
            ),
            [],
        );
        const exempted = await judgeDocument(policy, [statement("sqs:SendMessage")], {
            config: {
                exemptions: [{ resource: "fn-*", reason: "Queue ARN is unknown to this team" }],
            },
        });
        assert.deepStrictEqual(exempted.violations, []);
    });

    it("is not applicable to functions and cannot run while a document is unknown", async () => {
        const other = await runResourcePolicy(policy, {
            type: "aws:lambda/function:Function",
            name: "f",
            props: {},
        });
        assert.ok(other.notApplicable !== undefined);
        const unknown = await runResourcePolicy(policy, {
            type: "aws:iam/rolePolicy:RolePolicy",
            name: "p",
            props: { policy: UNKNOWN },
        });
        assert.match(unknown.unknown ?? "", /\.policy/);
    });
});
