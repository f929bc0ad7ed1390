import { strict as assert } from "assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { iamActionOf } from "../../../cli/rightsize/aws/actions";
import { isAccessDenied, type RoleCall, roleCallOf } from "../../../cli/rightsize/aws/cloudtrail";
import { itemsOfRecords, type LogFile, linesOf, logFiles } from "../../../cli/rightsize/log-files";
import type { SkippedRecords } from "../../../cli/rightsize/skipped";
import { logDir, readLogs } from "./log-fixtures";
import { assumedRoleRecord, iamUserRecord, roleArn } from "./cloudtrail-fixtures";

const tempDir = logDir;

/** Every role call in the files, through the loop every cloud's reader shares. */
function roleCalls(
    files: AsyncIterable<LogFile>,
    skipped: SkippedRecords,
    since?: number,
): AsyncGenerator<RoleCall> {
    return itemsOfRecords(
        files,
        skipped,
        (record) => {
            const call = roleCallOf(record);
            return "skip" in call ? call : [call];
        },
        since,
    );
}

async function callsIn(
    paths: readonly string[],
    options: { since?: number; stdin?: Readable } = {},
): Promise<{ calls: RoleCall[]; skipped: SkippedRecords }> {
    const { items, skipped } = await readLogs(roleCalls, paths, options);
    return { calls: items, skipped };
}

const delivery = (records: unknown[]): string => JSON.stringify({ Records: records });

describe("perimeter rightsize: reading CloudTrail", () => {
    describe("log files", () => {
        it("reads gzip by its magic number whatever the name, and plain text as it is", async () => {
            const dir = tempDir();
            fs.writeFileSync(path.join(dir, "a.json"), gzipSync("one\ntwo\n"));
            fs.writeFileSync(path.join(dir, "b.gz"), "three\r\nfour");
            const lines: string[] = [];
            for await (const file of logFiles([dir], Readable.from([]))) {
                for await (const line of linesOf(file.open())) lines.push(line);
            }
            assert.deepEqual(lines, ["one", "two", "three", "four"]);
        });

        it("walks directories in name order and reads standard input for '-'", async () => {
            const dir = tempDir();
            fs.mkdirSync(path.join(dir, "2026", "11"), { recursive: true });
            fs.writeFileSync(path.join(dir, "2026", "11", "b.json"), "x");
            fs.writeFileSync(path.join(dir, "2026", "11", "a.json"), "x");
            const names: string[] = [];
            for await (const file of logFiles([dir, "-"], Readable.from([]))) {
                names.push(path.relative(dir, file.name));
            }
            assert.deepEqual(names.slice(0, 2), ["2026/11/a.json", "2026/11/b.json"]);
            assert.equal(names[2] !== undefined && path.basename(names[2]), "standard input");
        });
    });

    describe("records", () => {
        it("reads a delivery file and JSON Lines, one call per assumed-role record, by the session's role", async () => {
            const dir = tempDir();
            fs.writeFileSync(
                path.join(dir, "delivery.json.gz"),
                gzipSync(
                    delivery([
                        assumedRoleRecord("s3.amazonaws.com", "GetObject", {
                            role: "orders-fn-role",
                            category: "Data",
                            resources: [
                                { ARN: "arn:aws:s3:::orders/in/1.json", type: "AWS::S3::Object" },
                                { ARN: "arn:aws:s3:::orders", type: "AWS::S3::Bucket" },
                            ],
                        }),
                        iamUserRecord(),
                    ]),
                ),
            );
            fs.writeFileSync(
                path.join(dir, "lake.jsonl"),
                [
                    JSON.stringify(
                        assumedRoleRecord("sqs.amazonaws.com", "SendMessage", {
                            role: "billing-fn-role",
                        }),
                    ),
                    "",
                    "not json",
                ].join("\n"),
            );
            const { calls, skipped } = await callsIn([dir]);
            assert.deepEqual(
                calls.map((c) => [c.roleArn, c.eventSource, c.eventName, c.resources]),
                [
                    [
                        roleArn("orders-fn-role"),
                        "s3.amazonaws.com",
                        "GetObject",
                        ["arn:aws:s3:::orders/in/1.json", "arn:aws:s3:::orders"],
                    ],
                    [roleArn("billing-fn-role"), "sqs.amazonaws.com", "SendMessage", []],
                ],
            );
            assert.equal(skipped.recordsUsed, 2);
            assert.deepEqual(
                skipped.reasons().map((r) => [r.reason, r.count]),
                [
                    ["a line that is not JSON", 1],
                    ["not an assumed-role session", 1],
                ],
            );
        });

        it("reads a pretty-printed delivery file from standard input", async () => {
            const text = JSON.stringify(
                { Records: [assumedRoleRecord("kms.amazonaws.com", "Decrypt")] },
                null,
                2,
            );
            const { calls } = await callsIn(["-"], { stdin: Readable.from([Buffer.from(text)]) });
            assert.deepEqual(
                calls.map((c) => c.eventName),
                ["Decrypt"],
            );
        });

        it("keeps what a truncated gzip held before it broke, and says the file was cut short", async () => {
            const dir = tempDir();
            const lines = Array.from({ length: 200 }, (_, i) =>
                JSON.stringify(
                    assumedRoleRecord("dynamodb.amazonaws.com", "GetItem", {
                        time: `2026-11-30T09:${String(i % 60).padStart(2, "0")}:00Z`,
                    }),
                ),
            ).join("\n");
            const whole = gzipSync(lines);
            fs.writeFileSync(
                path.join(dir, "cut.jsonl.gz"),
                whole.subarray(0, Math.floor(whole.length * 0.6)),
            );
            const { calls, skipped } = await callsIn([dir]);
            assert.ok(calls.length > 0 && calls.length < 200, `${calls.length} calls`);
            assert.match(
                skipped.reasons()[0]?.reason ?? "",
                /^an unreadable file \(unexpected end of file\)$/,
            );
        });

        it("takes S3's bucket and key from the request when the record lists no resources", async () => {
            const dir = tempDir();
            fs.writeFileSync(
                path.join(dir, "s3.json"),
                delivery([
                    assumedRoleRecord("s3.amazonaws.com", "PutObject", {
                        requestParameters: { bucketName: "orders", key: "out/1.json" },
                    }),
                    assumedRoleRecord("s3.amazonaws.com", "ListObjectsV2", {
                        requestParameters: { bucketName: "orders", prefix: "in/" },
                    }),
                ]),
            );
            const { calls } = await callsIn([dir]);
            assert.deepEqual(
                calls.map((c) => c.resources),
                [["arn:aws:s3:::orders/out/1.json"], ["arn:aws:s3:::orders"]],
            );
        });

        it("marks a denied call, and keeps the service that called on the session's behalf", async () => {
            const dir = tempDir();
            fs.writeFileSync(
                path.join(dir, "x.json"),
                delivery([
                    assumedRoleRecord("secretsmanager.amazonaws.com", "GetSecretValue", {
                        errorCode: "AccessDenied",
                    }),
                    assumedRoleRecord("kms.amazonaws.com", "Decrypt", {
                        invokedBy: "s3.amazonaws.com",
                    }),
                    assumedRoleRecord("s3.amazonaws.com", "GetObject", { errorCode: "NoSuchKey" }),
                ]),
            );
            const { calls } = await callsIn([dir]);
            assert.deepEqual(
                calls.map((c) => [c.eventName, c.denied, c.invokedBy]),
                [
                    ["GetSecretValue", true, undefined],
                    ["Decrypt", false, "s3.amazonaws.com"],
                    ["GetObject", false, undefined],
                ],
            );
            assert.ok(isAccessDenied("AccessDeniedException"));
            assert.ok(isAccessDenied("Client.UnauthorizedOperation"));
            assert.ok(!isAccessDenied("ThrottlingException"));
        });

        it("leaves out what came before --since, counted", async () => {
            const dir = tempDir();
            fs.writeFileSync(
                path.join(dir, "x.json"),
                delivery([
                    assumedRoleRecord("sqs.amazonaws.com", "ReceiveMessage", {
                        time: "2026-11-20T00:00:00Z",
                    }),
                    assumedRoleRecord("sqs.amazonaws.com", "DeleteMessage", {
                        time: "2026-11-28T00:00:00Z",
                    }),
                ]),
            );
            const { calls, skipped } = await callsIn([dir], {
                since: Date.parse("2026-11-27T00:00:00Z"),
            });
            assert.deepEqual(
                calls.map((c) => c.eventName),
                ["DeleteMessage"],
            );
            assert.deepEqual(
                skipped.reasons().map((r) => [r.reason, r.count]),
                [["before --since", 1]],
            );
        });

        it("never throws on odd records", async () => {
            const dir = tempDir();
            fs.writeFileSync(
                path.join(dir, "odd.jsonl"),
                [
                    "1",
                    "null",
                    "[]",
                    '{"userIdentity":"x"}',
                    '{"userIdentity":{"type":"AssumedRole"}}',
                    JSON.stringify({
                        ...assumedRoleRecord("s3.amazonaws.com", "GetObject"),
                        eventTime: "yesterday",
                    }),
                    JSON.stringify({
                        ...assumedRoleRecord("s3.amazonaws.com", "GetObject"),
                        resources: [1, { ARN: 2 }],
                    }),
                ].join("\n"),
            );
            const { calls, skipped } = await callsIn([dir]);
            assert.equal(calls.length, 1);
            assert.deepEqual(calls[0]?.resources, []);
            assert.equal(
                skipped.reasons().reduce((n, r) => n + r.count, 0),
                6,
            );
        });
    });

    describe("the action an event needs", () => {
        it("is the event's name under the service prefix, as the action index spells it", () => {
            assert.equal(iamActionOf("kms.amazonaws.com", "Decrypt"), "kms:Decrypt");
            assert.equal(iamActionOf("sqs.amazonaws.com", "SendMessage"), "sqs:SendMessage");
            assert.equal(iamActionOf("dynamodb.amazonaws.com", "GetItem"), "dynamodb:GetItem");
        });

        it("follows the documented exceptions: S3's HEAD and list operations, Lambda's Invoke and versioned names", () => {
            assert.equal(iamActionOf("s3.amazonaws.com", "HeadObject"), "s3:GetObject");
            assert.equal(iamActionOf("s3.amazonaws.com", "ListObjectsV2"), "s3:ListBucket");
            assert.equal(iamActionOf("s3.amazonaws.com", "ListObjects"), "s3:ListBucket");
            assert.equal(
                iamActionOf("s3.amazonaws.com", "ListObjectVersions"),
                "s3:ListBucketVersions",
            );
            assert.equal(iamActionOf("s3.amazonaws.com", "HeadBucket"), "s3:ListBucket");
            assert.equal(iamActionOf("lambda.amazonaws.com", "Invoke"), "lambda:InvokeFunction");
            assert.equal(iamActionOf("sqs.amazonaws.com", "SendMessageBatch"), "sqs:SendMessage");
            assert.equal(
                iamActionOf("sqs.amazonaws.com", "DeleteMessageBatch"),
                "sqs:DeleteMessage",
            );
            assert.equal(
                iamActionOf("lambda.amazonaws.com", "GetFunction20150331v2"),
                "lambda:GetFunction",
            );
        });

        it("is unknown, not guessed, for an event the index has no action for", () => {
            assert.equal(iamActionOf("s3.amazonaws.com", "NoSuchOperation"), undefined);
            assert.equal(iamActionOf("example.com", "GetObject"), undefined);
            assert.equal(iamActionOf("s3.amazonaws.com", "Get*"), undefined);
        });
    });
});
