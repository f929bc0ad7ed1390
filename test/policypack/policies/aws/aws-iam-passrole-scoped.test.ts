import * as assert from "assert";
import { awsIamPassroleScoped as policy } from "../../../../policypack/policies/aws/aws-iam-passrole-scoped";
import { runResourcePolicy, UNKNOWN } from "../../harness";
import { documentKeys, judgeDocument, statement } from "./document-rule";

const ROLE = "arn:aws:iam::111122223333:role/worker";
const TO_LAMBDA = {
    Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
};

describe("aws-iam-passrole-scoped", () => {
    it("passes PassRole on named roles with an iam:PassedToService condition", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                statement(
                    "iam:PassRole",
                    [ROLE, "arn:aws:iam::111122223333:role/app-*"],
                    TO_LAMBDA,
                ),
            ]),
            [],
        );
    });

    it("reports PassRole on '*' and without the condition, one finding each", async () => {
        const result = await judgeDocument(policy, [statement("iam:PassRole", "*")]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/policy:Policy 'fn-policy' allows 'iam:PassRole' on '*', which is not a role ARN naming the roles to pass [Resource::*]",
                "aws:iam/policy:Policy 'fn-policy' allows 'iam:PassRole' without an 'iam:PassedToService' condition, so the role can be passed to any service [Action::iam:PassRole]",
            ],
        );
    });

    it("reports PassRole reached through a wildcard and on every role of the account", async () => {
        const result = await judgeDocument(
            policy,
            [statement("iam:Pass*", "arn:aws:iam::111122223333:role/*", TO_LAMBDA)],
            {},
            "aws:iam/role:Role",
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/role:Role 'fn-policy' inline policy 'grants' allows 'iam:PassRole' (through 'iam:Pass*') on 'arn:aws:iam::111122223333:role/*', which is not a role ARN naming the roles to pass [Resource::arn:aws:iam::111122223333:role/*]",
            ],
        );
    });

    it("leaves Deny statements and statements without PassRole alone", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                { Effect: "Deny", Action: "iam:PassRole", Resource: "*" },
                statement("s3:GetObject"),
            ]),
            [],
        );
    });

    it("leaves '*' and Allow with NotAction to aws-iam-no-admin-access", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                statement("*"),
                { Effect: "Allow", NotAction: "s3:*", Resource: "*" },
            ]),
            [],
        );
    });

    it("honours an exemption of one finding and an enforcement level from config", async () => {
        const result = await judgeDocument(policy, [statement("iam:PassRole", ROLE)], {
            config: {
                enforcementLevel: "advisory",
                exemptions: [
                    {
                        resource: "fn-policy",
                        reason: "Deploy tool passes to many services",
                        finding: "Action::iam:PassRole",
                    },
                ],
            },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.enforcementLevel, "advisory");
        assert.strictEqual(result.exemptions.length, 1);
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
        const unknown = await runResourcePolicy(policy, {
            type: "aws:iam/policy:Policy",
            name: "p",
            props: { policy: UNKNOWN },
        });
        assert.match(unknown.unknown ?? "", /during preview/);
    });
});
