import { strict as assert } from "assert";
import { awsFunctionGrants } from "../../../cli/rightsize/aws/granted";
import { stackResourcesOf } from "../../../policypack/lib/stack-view";
import { ordersStack, resource, ROLE_ARN } from "./stack-fixtures";

describe("perimeter rightsize: what each function is granted, from the pack's model", () => {
    it("lists exact actions with their resources, by the role CloudTrail will name", () => {
        const [orders] = awsFunctionGrants(
            ordersStack({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Action: ["s3:GetObject", "s3:PutObject"],
                        Resource: "arn:aws:s3:::orders/*",
                    },
                    {
                        Effect: "Allow",
                        Action: "sqs:Send*",
                        Resource: "arn:aws:sqs:eu-west-1:123456789012:jobs",
                    },
                ],
            }),
        );
        assert.equal(orders?.roleArn, ROLE_ARN);
        // `sqs:Send*` reaches what the action index has: SendMessage (it lists no SendMessageBatch).
        assert.deepEqual(
            orders?.functions.map((f) => f.name),
            ["orders"],
        );
        assert.deepEqual(
            [...(orders?.granted.values() ?? [])].map((g) => [g.action, g.resources]),
            [
                ["s3:GetObject", ["arn:aws:s3:::orders/*"]],
                ["s3:PutObject", ["arn:aws:s3:::orders/*"]],
                ["sqs:SendMessage", ["arn:aws:sqs:eu-west-1:123456789012:jobs"]],
            ],
        );
        assert.deepEqual(orders?.incomplete, []);
    });

    it("applies Deny once, as the rules do, and marks what only a condition allows", () => {
        const [orders] = awsFunctionGrants(
            ordersStack({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "s3:*Object", Resource: "*" },
                    { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
                    {
                        Effect: "Allow",
                        Action: "kms:Decrypt",
                        Resource: "*",
                        Condition: {
                            StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                        },
                    },
                ],
            }),
        );
        const granted = orders?.granted;
        assert.ok(granted?.has("s3:getobject"));
        assert.ok(!granted?.has("s3:deleteobject"));
        assert.equal(granted?.get("kms:decrypt")?.conditional, true);
        assert.equal(granted?.get("s3:getobject")?.conditional, false);
    });

    it("says when a role is outside the stack, instead of granting nothing silently", () => {
        const grants = awsFunctionGrants(
            stackResourcesOf([
                resource("aws:lambda/function:Function", "legacy", {
                    name: "legacy",
                    role: "arn:aws:iam::123456789012:role/shared",
                }),
            ]),
        );
        assert.deepEqual(
            grants.map((g) => [g.roleArn, g.granted.size, g.incomplete]),
            [
                [
                    "arn:aws:iam::123456789012:role/shared",
                    0,
                    ["the role arn:aws:iam::123456789012:role/shared is outside the stack"],
                ],
            ],
        );
    });
});
