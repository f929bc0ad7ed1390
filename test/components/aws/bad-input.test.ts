import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AwsAuditTrail, AwsFunction, type AwsFunctionArgs } from "../../../components/aws";
import { failureOf, runComponents } from "../harness";

const zip: AwsFunctionArgs = {
    code: new pulumi.asset.AssetArchive({}),
    handler: "index.handler",
    runtime: "nodejs20.x",
};

/** Arguments with one of each mistake the issue lists, in the form a user could write them. */
const everythingWrong = {
    ...zip,
    existingRoleArn: "arn:aws:iam::123456789012:role/legacy",
    permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
    grants: [
        { name: "uploads", access: "s3:raed", resource: "arn:aws:s3:::uploads" },
        { name: "orders", access: "dynamodb:readwrite" },
        { name: "uploads", access: "sqs:send", resource: "arn:aws:sqs:us-east-1:123456789012:q" },
        { name: "files", access: "s3:read", resource: "arn:aws:s3:::files", prefix: "" },
        {
            name: "topic",
            access: "sns:publish",
            resource: "arn:aws:sns:us-east-1:123456789012:t",
            conditions: {
                objectPrefix: ["a/"],
                custom: [{ test: "StringEquals", variable: "aws:Nope", values: ["x"] }],
            },
        },
    ],
} as unknown as AwsFunctionArgs;

describe("AwsFunction with bad arguments", function () {
    it("lists every problem by argument in one error", async function () {
        const { message } = await failureOf(() => new AwsFunction("fn", everythingWrong));
        assert.match(message, /AwsFunction 'fn' has 7 problems with its arguments/);
        for (const expected of [
            /`permissionsBoundary` applies to the role the component creates/,
            /`grants\[0\]\.access` 's3:raed' is not an access level; did you mean 's3:read'\?/,
            /`grants\[1\]\.resource` is missing/,
            /`grants\[2\]\.name` 'uploads' is used by another grant/,
            /`grants\[3\]\.prefix` '' is empty/,
            /`grants\[4\]\.conditions\.objectPrefix` is not a condition AWS grants can express/,
            /`grants\[4\]\.conditions\.custom\[0\]\.variable` 'aws:Nope' is not a known condition key/,
        ]) {
            assert.match(message, expected);
        }
    });

    it("creates nothing when the arguments are wrong", async function () {
        const r = await runComponents(() => {
            try {
                new AwsFunction("fn", everythingWrong);
            } catch {
                // The error is the subject of the test above; here only what was registered counts.
            }
        });
        assert.deepEqual(
            r.resources.filter((x) => x.type.startsWith("aws:")).map((x) => x.type),
            [],
        );
    });

    it("rejects a grant target of the wrong service, a prefix outside S3 and a service key of another service", async function () {
        const { message } = await failureOf(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    grants: [
                        { name: "t", access: "dynamodb:read", resource: "arn:aws:s3:::bucket" },
                        {
                            name: "q",
                            access: "sqs:send",
                            resource: "arn:aws:sqs:us-east-1:123456789012:q",
                            prefix: "a/",
                        },
                        {
                            name: "k",
                            access: "kms:decrypt",
                            resource:
                                "arn:aws:kms:us-east-1:123456789012:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa",
                            conditions: {
                                custom: [
                                    { test: "StringLike", variable: "s3:prefix", values: ["a"] },
                                ],
                            },
                        },
                    ],
                }),
        );
        assert.match(
            message,
            /`grants\[0\]\.resource` 'arn:aws:s3:::bucket' is not the table's ARN/,
        );
        assert.match(message, /`grants\[1\]\.prefix` does not apply to 'sqs:send'/);
        assert.match(
            message,
            /`grants\[2\]\.conditions\.custom\[0\]\.variable` 's3:prefix' is not a known condition key/,
        );
    });

    it("rejects callers that are not service principals or name no source, and missing code", async function () {
        const { message } = await failureOf(
            () =>
                new AwsFunction("fn", {
                    allowInvokeFrom: [
                        { name: "any", principal: "*", sourceArn: "arn:aws:s3:::b" },
                        { name: "sns", principal: "sns.amazonaws.com" },
                    ],
                } as unknown as AwsFunctionArgs),
        );
        assert.match(message, /`code` is missing/);
        assert.match(message, /`allowInvokeFrom\[0\]\.principal` '\*' is not a service principal/);
        assert.match(message, /`allowInvokeFrom\[1\]\.sourceArn` is missing/);
    });

    it("rejects an audit trail with no functions to record", async function () {
        const { message } = await failureOf(() => new AwsAuditTrail("audit", {}));
        assert.match(message, /AwsAuditTrail 'audit' has 1 problem.*\n.*`functions` is empty/);
    });

    it("fails the update when a target given as an Output resolves to the wrong kind of ARN", async function () {
        for (const [access, resource, wanted] of [
            ["s3:read", "arn:aws:dynamodb:us-east-1:123456789012:table/orders", "the bucket's ARN"],
            ["dynamodb:read", "*", "the table's ARN"],
            ["sqs:send", "arn:aws:sqs:us-east-1:123456789012:*", "the queue's ARN"],
        ] as const) {
            const { message, resources } = await failureOf(
                () =>
                    new AwsFunction("fn", {
                        ...zip,
                        grants: [{ name: "data", access, resource: pulumi.output(resource) }],
                    }),
            );
            assert.match(
                message,
                new RegExp(
                    `^AwsFunction 'fn' has a problem with its arguments once its targets are known:\\n  - \`grants\` 'data' \\(${access}\\): the resource '${resource.replace(/[*]/g, "\\*")}' is not ${wanted}`,
                ),
            );
            assert.ok(
                !resources.some((r) => r.name === "fn-grants"),
                "the grant's policy was not created",
            );
        }
    });

    it("rejects a condition whose key no action of the grant carries, which would allow nothing", async function () {
        const { message } = await failureOf(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    grants: [
                        {
                            name: "out",
                            access: "s3:write",
                            resource: "arn:aws:s3:::uploads",
                            conditions: {
                                custom: [
                                    { test: "StringLike", variable: "s3:prefix", values: ["a/*"] },
                                ],
                            },
                        },
                    ],
                }),
        );
        assert.match(
            message,
            /`grants\[0\]\.conditions` puts 's3:prefix' on grant 'out', but no action of 's3:write' \(s3:PutObject, s3:AbortMultipartUpload\) carries that key, so the grant would allow nothing/,
        );
    });

    it("rejects sourceVpce on a function outside a VPC, where it can never hold", async function () {
        const { message } = await failureOf(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    defaultConditions: { sourceVpce: ["vpce-0abc"] },
                    grants: [
                        {
                            name: "in",
                            access: "s3:read",
                            resource: "arn:aws:s3:::uploads",
                            conditions: { sourceVpce: ["vpce-0def"] },
                        },
                    ],
                }),
        );
        assert.match(
            message,
            /`defaultConditions\.sourceVpce` \["vpce-0abc"\] can never hold: the function has no `vpc`/,
        );
        assert.match(
            message,
            /`grants\[0\]\.conditions\.sourceVpce` \["vpce-0def"\] can never hold/,
        );
        const inVpc = await runComponents(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    vpc: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] },
                    defaultConditions: { sourceVpce: ["vpce-0abc"] },
                    grants: [{ name: "in", access: "s3:read", resource: "arn:aws:s3:::uploads" }],
                }),
        );
        assert.ok(inVpc.resources.some((r) => r.name === "fn-grants"));
    });

    it("rejects lambda:invoke-url on a function that has no URL", async function () {
        const { message } = await failureOf(() => {
            const callee = new AwsFunction("callee", zip);
            return new AwsFunction("caller", {
                ...zip,
                grants: [{ name: "callee", access: "lambda:invoke-url", resource: callee }],
            });
        });
        assert.match(
            message,
            /`grants\[0\]\.resource` is a function without a URL; give it `functionUrl: true`/,
        );
    });

    it("rejects a key on a level whose calls use none, and a key that is not a KMS key's ARN", async function () {
        const { message } = await failureOf(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    grants: [
                        {
                            name: "orders",
                            access: "dynamodb:read",
                            resource: "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
                            key: "arn:aws:kms:us-east-1:123456789012:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa",
                        },
                        {
                            name: "jobs",
                            access: "sqs:send",
                            resource: "arn:aws:sqs:us-east-1:123456789012:jobs",
                            key: "alias/jobs",
                        },
                    ],
                }),
        );
        assert.match(message, /`grants\[0\]\.key` does not apply to 'dynamodb:read'/);
        assert.match(message, /`grants\[1\]\.key` 'alias\/jobs' is not the key's ARN/);
    });
});
