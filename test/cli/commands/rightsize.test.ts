/** `perimeter rightsize`, run as a user runs it: a stack export and CloudTrail files. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { ExportBuilder } from "../export-builder";
import { assumedRoleRecord } from "../rightsize/cloudtrail-fixtures";
import { perimeter } from "./run-perimeter";

const ROLE_ARN = "arn:aws:iam::123456789012:role/orders-fn-role";
const shop = new ExportBuilder("dev", "shop");
const EXPORT = shop.build([
    shop.lambdaRole("orders-fn-role", ROLE_ARN),
    shop.resource(
        "aws:iam/rolePolicy:RolePolicy",
        "orders-access",
        "orders-fn-role:orders-access",
        {
            role: "orders-fn-role",
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::orders/*" },
                    { Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt"], Resource: "*" },
                ],
            }),
        },
    ),
    shop.resource("aws:lambda/function:Function", "orders", "orders", {
        name: "orders",
        role: ROLE_ARN,
    }),
]);

/** A week of the function's calls, as CloudTrail delivers them (gzip, `{"Records": [...]}`). */
const TRAIL = gzipSync(
    JSON.stringify({
        Records: [
            assumedRoleRecord("kms.amazonaws.com", "Decrypt", { time: "2026-11-24T08:00:00Z" }),
            assumedRoleRecord("kms.amazonaws.com", "Decrypt", { time: "2026-11-30T08:00:00Z" }),
            {
                ...assumedRoleRecord("kms.amazonaws.com", "Encrypt", { role: "ci-deployer" }),
                managementEvent: true,
            },
            assumedRoleRecord("secretsmanager.amazonaws.com", "GetSecretValue", {
                errorCode: "AccessDenied",
            }),
        ],
    }),
);

describe("perimeter rightsize", () => {
    let dir: string;
    let exportFile: string;
    let trailDir: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-rightsize-cli-"));
        exportFile = path.join(dir, "stack.json");
        fs.writeFileSync(exportFile, JSON.stringify(EXPORT));
        trailDir = path.join(dir, "AWSLogs");
        fs.mkdirSync(trailDir);
        fs.writeFileSync(
            path.join(trailDir, "123456789012_CloudTrail_eu-west-1_20261130T0800Z_a1b2.json.gz"),
            TRAIL,
        );
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reports each function's used, unused, unobservable and refused actions as JSON", () => {
        const run = perimeter(["rightsize", exportFile, "--logs", trailDir, "--format", "json"]);
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout) as {
            version: number;
            records: { used: number };
            functions: {
                functions: string[];
                used: { action: string; count: number; first: string; last: string }[];
                unused: { action: string }[];
                unobservable: { action: string }[];
                denied: { action: string }[];
                suggestion: {
                    kind: string;
                    changes: string[];
                    documents?: { removed: string[]; document: unknown }[];
                };
            }[];
            summary: Record<string, number>;
        };
        assert.equal(report.version, 1);
        assert.equal(report.records.used, 4);
        const [orders] = report.functions;
        assert.deepEqual(orders?.functions, ["orders"]);
        assert.deepEqual(
            orders?.used.map((u) => [u.action, u.count, u.first, u.last]),
            [["kms:Decrypt", 2, "2026-11-24T08:00:00.000Z", "2026-11-30T08:00:00.000Z"]],
        );
        assert.deepEqual(
            orders?.unused.map((u) => u.action),
            ["kms:Encrypt"],
        );
        assert.deepEqual(
            orders?.unobservable.map((u) => u.action),
            ["s3:GetObject"],
        );
        assert.deepEqual(
            orders?.denied.map((u) => u.action),
            ["secretsmanager:GetSecretValue"],
        );
        // Not one of our components: the policy, narrowed, with its resources kept as written.
        assert.equal(orders?.suggestion.kind, "changes");
        const [narrowed, ...others] = orders?.suggestion.documents ?? [];
        assert.deepEqual(others, []);
        assert.deepEqual(narrowed?.removed, ["kms:Encrypt"]);
        assert.deepEqual(narrowed?.document, {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::orders/*" },
                { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" },
            ],
        });
        assert.deepEqual(report.summary, {
            granted: 3,
            used: 1,
            unused: 1,
            unobservable: 1,
            denied: 1,
        });
    });

    it("writes text a person reads, and honours --since", () => {
        const run = perimeter([
            "rightsize",
            exportFile,
            "--logs",
            trailDir,
            "--since",
            "2026-11-27",
        ]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(
            run.stdout,
            /^perimeter rightsize: .*stack\.json since 2026-11-27T00:00:00\.000Z\n/,
        );
        assert.match(run.stdout, /skipped 1 × before --since/);
        assert.match(run.stdout, /used {10}kms:Decrypt ×1 \(2026-11-30 to 2026-11-30\)/);
        assert.match(run.stdout, /unused {8}kms:Encrypt on \*\n/);
        assert.match(
            run.stdout,
            /unobservable {2}\(these logs cannot show whether these were used[^\n]*\n {16}s3:GetObject on arn:aws:s3:::orders\/\*\n/,
        );
        assert.match(
            run.stdout,
            /refused {7}secretsmanager:GetSecretValue ×1: the function asked for it and lacks it/,
        );
    });

    it("writes Markdown for a pull-request comment", () => {
        const run = perimeter([
            "rightsize",
            exportFile,
            "--logs",
            trailDir,
            "--format",
            "markdown",
        ]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^## perimeter rightsize: .*stack\.json\n/);
        assert.match(run.stdout, /\*\*1 used, 1 unused\*\*, 1 unobservable/);
        assert.match(
            run.stdout,
            /### `orders`\n\naws identity 'orders-fn-role' \(arn:aws:iam::123456789012:role\/orders-fn-role\): granted 3 actions/,
        );
        assert.match(run.stdout, /\| used \| `kms:Decrypt` \| ×2, 2026-11-24 to 2026-11-30 \|/);
        assert.match(run.stdout, /\| \*\*unused\*\* \| `kms:Encrypt` \| on \* \|/);
        // Not one of our components: the change names the policy and what to drop from it.
        assert.match(
            run.stdout,
            /- change: 'orders-access' on \*: drop kms:Encrypt \(provably unused\)/,
        );
        assert.match(
            run.stdout,
            /\| \*\*refused\*\* \| `secretsmanager:GetSecretValue` \| ×1: needs it and lacks it \|/,
        );
        assert.match(
            run.stdout,
            /\| unobservable \| `s3:GetObject` \| on arn:aws:s3:::orders\/\* \|/,
        );
    });

    it("exits 2 naming what to give when no record could be used", () => {
        const empty = path.join(dir, "not-a-trail.json");
        fs.writeFileSync(empty, '{"hello": "world"}');
        const run = perimeter(["rightsize", exportFile, "--logs", empty]);
        assert.equal(run.status, 2);
        assert.match(
            run.stderr,
            /no log record of a principal's call could be read from .*not-a-trail\.json \(1 × not a record of CloudTrail, Cloud Audit Logs or an Azure activity or resource log\); give CloudTrail files/,
        );
    });

    it("refuses a missing --logs, a bad --since and two standard inputs, naming the fix", () => {
        const bad: [string[], RegExp][] = [
            [["rightsize", exportFile], /needs `--logs PATH`/],
            [
                ["rightsize", exportFile, "--logs", trailDir, "--since", "last week"],
                /`--since last week` is not a date; give one as 2026-11-27/,
            ],
            [
                ["rightsize", "-", "--logs", "-"],
                /standard input \(`-`\) can be the stack or the logs, not both/,
            ],
            [
                ["rightsize", exportFile, "--logs", trailDir, "--format", "sarif"],
                /unknown format `sarif` for `perimeter rightsize --format`; use one of text, json, markdown/,
            ],
        ];
        for (const [args, message] of bad) {
            const run = perimeter(args);
            assert.equal(run.status, 2, args.join(" "));
            assert.match(run.stderr, message);
        }
    });

    it("has its own help", () => {
        const run = perimeter(["rightsize", "--help"]);
        assert.equal(run.status, 0);
        assert.match(run.stdout, /^Usage: perimeter rightsize STACK --logs PATH\.\.\./);
    });
});
