/**
 * `perimeter rightsize` reading CloudTrail (issue 15): records per second and peak memory of the
 * reader and the per-role usage (cli/rightsize/aws/), over generated JSON Lines of assumed-role
 * records shaped as CloudTrail documents them (test/cli/rightsize/cloudtrail-fixtures.ts has the
 * cited shape), written to a file first and then read as `--logs FILE` reads it. Each size runs in a
 * fresh process, so its peak is its own.
 *
 *   node dist/bench/rightsize.js --sizes 100000,1000000
 *
 * Target: at least 50,000 records/s with a peak under 500 MB at 1,000,000 records; linear in records.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Readable } from "stream";
import { pipeline } from "stream/promises";
import { readUsage } from "../cli/rightsize/logs";
import { logFiles } from "../cli/rightsize/log-files";
import { SkippedRecords } from "../cli/rightsize/skipped";
import { option } from "./measure";

const ACCOUNT = "123456789012";
const ROLES = 20;
/** eventSource, eventName, and whether it names an S3 object. */
const CALLS: readonly (readonly [string, string, boolean])[] = [
    ["s3.amazonaws.com", "GetObject", true],
    ["s3.amazonaws.com", "HeadObject", true],
    ["s3.amazonaws.com", "PutObject", true],
    ["s3.amazonaws.com", "ListObjectsV2", false],
    ["sqs.amazonaws.com", "SendMessage", false],
    ["kms.amazonaws.com", "Decrypt", false],
    ["dynamodb.amazonaws.com", "GetItem", false],
    ["lambda.amazonaws.com", "Invoke", false],
];

/** Record `i` of a generated week: 20 roles, eight kinds of call, one call in 200 denied. */
function recordLine(i: number): string {
    const role = `fn-${i % ROLES}-role`;
    const [eventSource, eventName, object] = CALLS[i % CALLS.length] ?? CALLS[0]!;
    const time = new Date(Date.UTC(2026, 10, 23) + (i % 604_800) * 1000).toISOString();
    const bucket = `data-${i % ROLES}`;
    return JSON.stringify({
        eventVersion: "1.09",
        userIdentity: {
            type: "AssumedRole",
            principalId: `AROAEXAMPLE${i % ROLES}:${role}`,
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${role}`,
            accountId: ACCOUNT,
            sessionContext: {
                sessionIssuer: {
                    type: "Role",
                    principalId: `AROAEXAMPLE${i % ROLES}`,
                    arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
                    accountId: ACCOUNT,
                    userName: role,
                },
                attributes: { creationDate: time, mfaAuthenticated: "false" },
            },
        },
        eventTime: time,
        eventSource,
        eventName,
        awsRegion: "eu-west-1",
        sourceIPAddress: "192.0.2.10",
        userAgent: "aws-sdk-js/3.0.0",
        ...(i % 200 === 0 ? { errorCode: "AccessDenied" } : {}),
        requestParameters: object
            ? { bucketName: bucket, key: `in/${i % 5000}.json` }
            : eventSource === "s3.amazonaws.com"
              ? { bucketName: bucket, prefix: "in/" }
              : null,
        responseElements: null,
        requestID: `REQ${i}`,
        eventID: `EVT${i}`,
        readOnly: true,
        eventType: "AwsApiCall",
        managementEvent: !object,
        recipientAccountId: ACCOUNT,
        eventCategory: object ? "Data" : "Management",
    });
}

function* lines(count: number): Generator<string> {
    const batch: string[] = [];
    for (let i = 0; i < count; i++) {
        batch.push(recordLine(i));
        if (batch.length === 1000) {
            yield `${batch.join("\n")}\n`;
            batch.length = 0;
        }
    }
    if (batch.length > 0) yield `${batch.join("\n")}\n`;
}

/**
 * One size, in this process: writes `count` records to a JSON Lines file (not timed), then reads it
 * as `--logs FILE` does and prints what it measured.
 */
async function child(count: number): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-bench-rightsize-"));
    const file = path.join(dir, "trail.jsonl");
    await pipeline(Readable.from(lines(count)), fs.createWriteStream(file));
    const skipped = new SkippedRecords();
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const { usage } = await readUsage(logFiles([file], Readable.from([])), skipped);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    fs.rmSync(dir, { recursive: true, force: true });
    process.stdout.write(
        JSON.stringify({
            records: count,
            used: skipped.recordsUsed,
            roles: usage.principals.size,
            seconds,
            recordsPerSecond: Math.round(count / seconds),
            cpuSeconds: (used.user + used.system) / 1e6,
            peakMiB: process.resourceUsage().maxRSS / 1024,
        }),
    );
}

function main(): void {
    const sizes = option("sizes", "100000,1000000").split(",").map(Number);
    const rows = sizes.map((size) => {
        const run = spawnSync(process.execPath, [__filename, "--child", String(size)], {
            encoding: "utf8",
        });
        if (run.status !== 0) throw new Error(`rightsize bench at ${size} failed: ${run.stderr}`);
        return JSON.parse(run.stdout) as Record<string, number>;
    });
    console.log(
        JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2),
    );
}

const at = process.argv.indexOf("--child");
if (at >= 0) {
    void child(Number(process.argv[at + 1]));
} else {
    main();
}
