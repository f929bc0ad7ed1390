/**
 * `perimeter diff`, as a user runs it: a pull request's base and head programs, an export before and
 * after `pulumi refresh` (drift in an inline policy, a policy attached in the console), and the
 * formats' contracts.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ExportBuilder } from "../export-builder";
import { assertValidSarif } from "../report/sarif-schema";
import { assertUsageError, perimeter, PROGRAMS } from "./run-perimeter";

interface Line {
    action: string;
    resource: string;
    categories: string[];
}
interface FunctionJson {
    label: string;
    change: string;
    permissionsAdded: Line[];
    permissionsRemoved: Line[];
    invokersAdded: { label: string; public: boolean }[];
    invokersRemoved: unknown[];
    nowSharesIdentityWith: string[];
    identities: unknown;
}

const base = path.join(PROGRAMS, "diff-base");
const head = path.join(PROGRAMS, "diff-head");
const ACCOUNT = "123456789012";

/** `action on resource`, the resource's random suffix dropped, sorted. */
function lines(list: readonly Line[]): string[] {
    return list.map((l) => `${l.action} on ${l.resource.replace(/-[0-9a-f]{7,8}\b/g, "")}`).sort();
}

function diffJson(...args: string[]): {
    status: number | null;
    json: { functions: FunctionJson[]; summary: Record<string, unknown>; failures: string[] };
} {
    const run = perimeter(["diff", ...args, "--format", "json"]);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return { status: run.status, json: JSON.parse(run.stdout) };
}

const shop = new ExportBuilder("prod", "shop");

function lambdaExport(extra: { policy: object; exclusiveArns?: string[] }): object {
    const res = shop.resource.bind(shop);
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/api-role`;
    return shop.build([
        shop.lambdaRole("api-role", roleArn),
        res("aws:iam/rolePolicy:RolePolicy", "api-grants", "api-role:api-grants", {
            name: "api-grants",
            role: "api-role",
            policy: JSON.stringify(extra.policy),
        }),
        res("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "api-inline", "api-role", {
            roleName: "api-role",
            policyNames: ["api-grants"],
        }),
        // The provider's state of RolePolicyAttachmentsExclusive: roleName and policyArns
        // (@pulumi/aws 7.48.0, iam/rolePolicyAttachmentsExclusive.d.ts); after `pulumi refresh`
        // policyArns lists every managed policy attached to the role, declared or not.
        res(
            "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
            "api-attached",
            "api-role",
            { roleName: "api-role", policyArns: extra.exclusiveArns ?? [] },
        ),
        res("aws:lambda/function:Function", "api", "api", {
            name: "api",
            arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:api`,
            role: roleArn,
            runtime: "nodejs20.x",
        }),
    ]);
}

const READ_ORDERS = {
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Action: ["dynamodb:GetItem"],
            Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
        },
    ],
};

describe("perimeter diff", function () {
    this.timeout(300_000);
    let dir: string;
    const write = (name: string, content: object): string => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, JSON.stringify(content, null, 2));
        return file;
    };
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-diff-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("a pull request: s3:read widened to s3:readwrite, a new caller, a removed grant", () => {
        let result: ReturnType<typeof diffJson>;
        before(() => {
            result = diffJson(base, head, "--transpile-only", "--no-policy");
        });

        it("gives exactly those lines", () => {
            const byLabel = new Map(result.json.functions.map((f) => [f.label, f]));
            assert.deepEqual([...byLabel.keys()], ["api", "worker"]);
            const api = byLabel.get("api");
            assert.equal(api?.change, "changed");
            assert.deepEqual(lines(api?.permissionsAdded ?? []), [
                `lambda:InvokeFunction on arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker`,
                `lambda:InvokeFunction on arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker:*`,
                "s3:AbortMultipartUpload on arn:aws:s3:::uploads/*",
                "s3:DeleteObject on arn:aws:s3:::uploads/*",
                "s3:PutObject on arn:aws:s3:::uploads/*",
            ]);
            assert.deepEqual(lines(api?.permissionsRemoved ?? []), [
                `sqs:GetQueueUrl on arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
                `sqs:SendMessage on arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
            ]);
            assert.deepEqual(api?.invokersAdded, []);
            const worker = byLabel.get("worker");
            assert.deepEqual(worker?.permissionsAdded, []);
            assert.deepEqual(worker?.permissionsRemoved, []);
            assert.deepEqual(
                worker?.invokersAdded.map((i) => [i.label, i.public]),
                [["api", false]],
            );
            for (const f of result.json.functions) {
                assert.equal(f.identities, null);
                assert.deepEqual(f.nowSharesIdentityWith, []);
            }
        });

        it("names the risk of each added permission, and exits by --fail-on", () => {
            const added = result.json.functions.flatMap((f) => f.permissionsAdded);
            assert.ok(
                added.every((p) => p.categories[0] === "write"),
                JSON.stringify(added),
            );
            assert.equal(
                result.status,
                0,
                "no dangerous category, no public invoker: passes the default",
            );
            // At --fail-on write the same change fails: see the text test below, run at that level.
        });

        it("writes the same lines as text and Markdown", () => {
            const run = perimeter([
                "diff",
                base,
                head,
                "--transpile-only",
                "--no-policy",
                "--fail-on",
                "write",
            ]);
            assert.equal(run.status, 1, "write permissions were added");
            const text = run.stdout;
            assert.match(text, /^Fails --fail-on write: 5 write permissions added\.$/m);
            assert.match(text, /^~ api \(aws:lambda\/function:Function, changed\)$/m);
            assert.match(
                text,
                /^ {4}\+ s3:AbortMultipartUpload, s3:DeleteObject, s3:PutObject on arn:aws:s3:::uploads-\w+\/\* {2}\[write\]$/m,
            );
            assert.match(
                text,
                /^ {4}- sqs:SendMessage on arn:aws:sqs:us-east-1:\d+:jobs-\w+ {2}\[write\]$/m,
            );
            assert.match(text, /^ {4}\+ invoker api$/m);
            const markdown = perimeter([
                "diff",
                base,
                head,
                "--transpile-only",
                "--no-policy",
                "--format",
                "markdown",
            ]).stdout;
            assert.match(markdown, /^## Perimeter: permission changes$/m);
            assert.match(markdown, /^\| ➕ \| invoker api \| {2}\|$/m);
        });

        it("--base REF reads the program as committed at a git ref", function () {
            const repo = path.join(dir, "repo");
            fs.mkdirSync(path.join(repo, "app"), { recursive: true });
            const git = (...args: string[]) => {
                const run = spawnSync(
                    "git",
                    ["-C", repo, "-c", "user.email=t@example.com", "-c", "user.name=t", ...args],
                    { encoding: "utf8" },
                );
                assert.equal(run.status, 0, run.stderr);
            };
            const copy = (from: string) => {
                for (const file of ["Pulumi.yaml", "index.ts"])
                    fs.copyFileSync(path.join(from, file), path.join(repo, "app", file));
            };
            copy(base);
            fs.symlinkSync(path.join(ROOT_NODE_MODULES), path.join(repo, "node_modules"), "dir");
            fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules\n");
            git("init", "-q");
            git("add", ".");
            git("commit", "-qm", "base");
            copy(head);
            const run = perimeter([
                "diff",
                "--base",
                "HEAD",
                path.join(repo, "app"),
                "--transpile-only",
                "--no-policy",
                "--format",
                "json",
            ]);
            assert.equal(run.status, 0, run.stderr);
            const json = JSON.parse(run.stdout);
            assert.equal(json.before, `${path.join(repo, "app")}@HEAD`);
            assert.deepEqual(
                json.functions.map((f: FunctionJson) => f.label),
                ["api", "worker"],
            );
            assertUsageError(
                perimeter(["diff", "--base", "no-such-ref", path.join(repo, "app")]),
                /git ref `no-such-ref` does not name a commit/,
            );
        });
    });

    describe("drift: an export against the one taken after `pulumi refresh`", () => {
        it("reports a statement added to a managed inline policy", () => {
            const deployed = write("deployed.json", lambdaExport({ policy: READ_ORDERS }));
            const refreshed = write(
                "refreshed.json",
                lambdaExport({
                    policy: {
                        ...READ_ORDERS,
                        Statement: [
                            ...READ_ORDERS.Statement,
                            { Effect: "Allow", Action: "dynamodb:*", Resource: "*" },
                        ],
                    },
                }),
            );
            const { status, json } = diffJson(deployed, refreshed, "--no-policy");
            assert.equal(
                status,
                1,
                "dynamodb:* reaches data exfiltration and permissions management",
            );
            assert.deepEqual(
                json.functions.map((f) => f.label),
                ["api"],
            );
            const added = lines(json.functions[0]?.permissionsAdded ?? []);
            assert.ok(added.includes("dynamodb:DeleteTable on *"), added.join("\n"));
            assert.ok(
                !added.includes(
                    `dynamodb:GetItem on arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
                ),
            );
        });

        it("reports a policy attached in the console, seen as a change of the exclusive attachments", () => {
            const deployed = write("deployed.json", lambdaExport({ policy: READ_ORDERS }));
            const refreshed = write(
                "console.json",
                lambdaExport({
                    policy: READ_ORDERS,
                    exclusiveArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
                }),
            );
            const { status, json } = diffJson(deployed, refreshed);
            assert.equal(status, 1);
            const added = lines(json.functions[0]?.permissionsAdded ?? []);
            assert.ok(added.includes("s3:GetObject on *"), added.slice(0, 20).join("\n"));
            assert.ok(added.includes("s3:PutBucketPolicy on *"));
            const text = perimeter(["diff", deployed, refreshed, "--no-policy"]).stdout;
            assert.match(
                text,
                /Fails --fail-on data-exfiltration: .*permissions management permissions? added/,
            );
        });

        it("reports a customer-managed policy from outside the stack attached in the console: its content is unknown, so it fails", () => {
            const deployed = write("deployed.json", lambdaExport({ policy: READ_ORDERS }));
            const arn = `arn:aws:iam::${ACCOUNT}:policy/added-in-console`;
            const refreshed = write(
                "customer.json",
                lambdaExport({ policy: READ_ORDERS, exclusiveArns: [arn] }),
            );
            const run = perimeter([
                "diff",
                deployed,
                refreshed,
                "--no-policy",
                "--format",
                "json",
                "--fail-on",
                "privilege-escalation",
            ]);
            assert.equal(run.status, 1, run.stderr);
            const json = JSON.parse(run.stdout);
            assert.deepEqual(json.functions[0].permissionsAdded, []);
            assert.deepEqual(json.functions[0].unreadableAdded, [
                `policy '${arn}' attached by aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive 'api-attached': it is a customer-managed policy outside this stack, so its document is unknown`,
            ]);
            assert.match(json.failures.join("\n"), /1 grant whose content cannot be read added/);
        });

        it("a pure narrowing exits 0, even at --fail-on any", () => {
            const wide = write(
                "wide.json",
                lambdaExport({
                    policy: READ_ORDERS,
                    exclusiveArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
                }),
            );
            const narrow = write("narrow.json", lambdaExport({ policy: READ_ORDERS }));
            const { status, json } = diffJson(wide, narrow, "--no-policy", "--fail-on", "any");
            assert.equal(status, 0);
            assert.equal(json.summary.narrowingOnly, true);
            assert.ok((json.summary.permissionsRemoved as number) > 100);
        });
    });

    describe("formats and errors", () => {
        it("writes SARIF that passes the official schema, one result per risk group", () => {
            const run = perimeter([
                "diff",
                base,
                head,
                "--transpile-only",
                "--no-policy",
                "--format",
                "sarif",
                "--fail-on",
                "none",
            ]);
            assert.equal(run.status, 0, run.stderr);
            assertValidSarif(run.stdout);
            const results = JSON.parse(run.stdout).runs[0].results as { ruleId: string }[];
            assert.deepEqual([...new Set(results.map((r) => r.ruleId))].sort(), [
                "perimeter-diff/added-write",
                "perimeter-diff/new-invoker",
            ]);
        });

        it("refuses a wrong number of sides, both sides on standard input, and unknown levels", () => {
            assertUsageError(perimeter(["diff", base]), /compares two stacks: OLD NEW/);
            assertUsageError(perimeter(["diff", "-", "-"]), /not both/);
            assertUsageError(
                perimeter(["diff", base, head, "--fail-on", "mandatory"]),
                /unknown level `mandatory` for `perimeter diff --fail-on`/,
            );
            assertUsageError(
                perimeter(["diff", base, head, "--format", "html"]),
                /unknown format `html`/,
            );
        });
    });
});

const ROOT_NODE_MODULES = path.join(__dirname, "../../../../node_modules");
