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
                            resource: "arn:aws:kms:us-east-1:123456789012:key/k",
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
});
