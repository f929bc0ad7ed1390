import { strict as assert } from "assert";
import { stackResourcesOf } from "../../../policypack/lib/stack-view";
import { grantedPermissions, grantsOf } from "./compare-fixtures";
import { ordersStack, resource, ROLE_ARN } from "./stack-fixtures";

describe("perimeter rightsize: what each function is granted, from the identity graph", () => {
    it("lists exact actions with their resources, by the role CloudTrail will name", () => {
        const [orders] = grantsOf(
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
        assert.ok(orders);
        assert.deepEqual(orders.principals, [ROLE_ARN]);
        assert.equal(orders.cloud, "aws");
        assert.deepEqual(
            orders.functions.map((f) => f.name),
            ["orders"],
        );
        // `sqs:Send*` reaches what the action index has: SendMessage (it lists no SendMessageBatch).
        assert.deepEqual([...grantedPermissions(orders)].sort(), [
            ["s3:GetObject", ["arn:aws:s3:::orders/*"]],
            ["s3:PutObject", ["arn:aws:s3:::orders/*"]],
            ["sqs:SendMessage", ["arn:aws:sqs:eu-west-1:123456789012:jobs"]],
        ]);
        assert.deepEqual(orders.incomplete, []);
    });

    it("applies Deny once, as the rules do, and keeps what only a condition allows with it", () => {
        const [orders] = grantsOf(
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
        assert.ok(orders);
        const granted = grantedPermissions(orders);
        assert.ok(granted.has("s3:GetObject"));
        assert.ok(!granted.has("s3:DeleteObject"));
        const kms = orders.grants.find((g) =>
            g.permissions.some((p) => p.action === "kms:Decrypt"),
        );
        assert.match(kms?.conditions.join() ?? "", /kms:ViaService/);
    });

    it("says when a role is outside the stack, instead of granting nothing silently", () => {
        const grants = grantsOf(
            stackResourcesOf([
                resource("aws:lambda/function:Function", "legacy", {
                    name: "legacy",
                    role: "arn:aws:iam::123456789012:role/shared",
                }),
            ]),
        );
        assert.deepEqual(
            grants.map((g) => [g.principals, g.grants.length, g.incomplete]),
            [
                [
                    ["arn:aws:iam::123456789012:role/shared"],
                    0,
                    ["the role arn:aws:iam::123456789012:role/shared is outside the stack"],
                ],
            ],
        );
    });
});
