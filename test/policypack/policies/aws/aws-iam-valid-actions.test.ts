import * as assert from "assert";
import { awsIamValidActions as policy } from "../../../../policypack/policies/aws/aws-iam-valid-actions";
import { runResourcePolicy, UNKNOWN } from "../../harness";
import { documentKeys, judgeDocument, statement } from "./document-rule";

describe("aws-iam-valid-actions", () => {
    it("passes existing actions and patterns in any case", async () => {
        assert.deepStrictEqual(
            await documentKeys(policy, [
                statement(["s3:getobject", "dynamodb:Query", "sqs:Send*", "*"]),
            ]),
            [],
        );
    });

    it("reports a misspelt action, an unknown service and a malformed name, in Action and NotAction", async () => {
        const result = await judgeDocument(policy, [
            statement(["s3:GetObjekt", "lambada:InvokeFunction", "GetObject"]),
            { Effect: "Deny", NotAction: "s3:Gett*", Resource: "*" },
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/policy:Policy 'fn-policy' Action 's3:GetObjekt' matches no AWS action [Action::s3:GetObjekt]",
                "aws:iam/policy:Policy 'fn-policy' Action 'lambada:InvokeFunction' names service 'lambada', which AWS does not have [Action::lambada:InvokeFunction]",
                "aws:iam/policy:Policy 'fn-policy' Action 'GetObject' is not of the form 'service:Action' [Action::GetObject]",
                "aws:iam/policy:Policy 'fn-policy' NotAction 's3:Gett*' matches no AWS action [Action::s3:Gett*]",
            ],
        );
    });

    it("honours exemptions and the configured enforcement level", async () => {
        const result = await judgeDocument(
            policy,
            [statement("bedrock-agentcore:BrandNewAction")],
            {
                config: {
                    enforcementLevel: "mandatory",
                    exemptions: [
                        { resource: "fn-policy", reason: "Action newer than the bundled index" },
                    ],
                },
            },
        );
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.enforcementLevel, "mandatory");
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
