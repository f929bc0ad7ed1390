import { strict as assert } from "assert";
import { awsFunctionGrants } from "../../../cli/rightsize/aws/granted";
import { stackResourcesOf, type StackResourceInput } from "../../../policypack/lib/stack-view";

const urn = (type: string, name: string) => `urn:pulumi:dev::shop::${type}::${name}`;

function resource(type: string, name: string, props: Record<string, unknown>): StackResourceInput {
    return { urn: urn(type, name), type, name, props, propertyDependencies: {} };
}

const ROLE_ARN = "arn:aws:iam::123456789012:role/orders-fn-role";

function ordersStack(policy: unknown, extra: StackResourceInput[] = []) {
    return stackResourcesOf([
        resource("aws:iam/role:Role", "orders-fn-role", {
            name: "orders-fn-role",
            arn: ROLE_ARN,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "lambda.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ],
            }),
        }),
        resource("aws:iam/rolePolicy:RolePolicy", "orders-access", {
            role: "orders-fn-role",
            policy: JSON.stringify(policy),
        }),
        resource("aws:lambda/function:Function", "orders", { name: "orders", role: ROLE_ARN }),
        ...extra,
    ]);
}

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
