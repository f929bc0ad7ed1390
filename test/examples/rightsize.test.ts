/**
 * `perimeter rightsize` on every example stack and a week of its logs (./rightsize/*-weeks.ts): the
 * suggestion for each function built with a component is the grants it declares (they are already what
 * its code needs), and each unsafe scenario comes out narrower: what it added is suggested away, as far
 * as the logs can prove.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { graphResourcesOf } from "../../cli/graph/resources";
import type { StackSnapshot } from "../../cli/engine/types";
import { findInstallRoot } from "../../cli/install-root";
import { stackResourcesOf } from "../../policypack/lib/stack-view";
import { gcpAccessEntry } from "../../components/gcp/grants";
import type { FunctionComparison } from "../../cli/rightsize/report";
import type { SuggestedGrant } from "../../cli/rightsize/suggest";
import { perimeter } from "../cli/commands/run-perimeter";
import { rightsized } from "../cli/rightsize/compare-fixtures";
import { auditEntry } from "../cli/rightsize/gcp-fixtures";
import { awsExampleWeek, chainAwsWeek, starterWeek } from "./rightsize/aws-weeks";
import { azureExampleWeek, chainAzureWeek } from "./rightsize/azure-weeks";
import { chainGcpWeek, gcpExampleWeek } from "./rightsize/gcp-weeks";
import { writeAzureLogs, writeCloudAuditLogs, writeCloudTrail } from "./rightsize/week";
import { exampleRun } from "./runs";

const ROOT = findInstallRoot();

interface Example {
    readonly dir: string;
    /** The week's logs, written as the cloud delivers them: the directory to read. */
    readonly logs: (snapshot: StackSnapshot) => string;
    /** What each component function's grants should be: today's, which its code needs. */
    readonly grants: Readonly<Record<string, readonly Omit<SuggestedGrant, "resource">[]>>;
    /** Some of what each function is seen using, by the permission each call checked. */
    readonly used?: Readonly<Record<string, readonly string[]>>;
    /** Functions whose only grants are calls these logs do not record (Cloud Run, Easy Auth). */
    readonly silent?: readonly string[];
    /** The unsafe scenario: per function, what the suggestion must take away. */
    readonly unsafe?: Readonly<Record<string, readonly RegExp[]>>;
}

const EXAMPLES: readonly Example[] = [
    {
        dir: "examples/aws",
        logs: (s) => writeCloudTrail(awsExampleWeek(s)),
        grants: {
            processor: [
                { name: "uploads", access: "s3:read", prefix: "incoming/" },
                { name: "orders", access: "dynamodb:readwrite" },
                { name: "jobs", access: "sqs:send" },
            ],
            worker: [{ name: "jobs", access: "sqs:consume" }],
        },
        used: { processor: ["s3:GetObject", "dynamodb:PutItem", "sqs:SendMessage"] },
        unsafe: { processor: [/^remove 'processor-admin' \(\* \(\d+ actions\)\)/] },
    },
    {
        dir: ".",
        logs: (s) => writeCloudTrail(starterWeek(s)),
        grants: { hello: [{ name: "reports", access: "s3:read", prefix: "daily/" }] },
    },
    {
        dir: "examples/chain/aws",
        logs: (s) => writeCloudTrail(chainAwsWeek(s)),
        grants: {
            api: [{ name: "worker", access: "lambda:invoke" }],
            worker: [{ name: "admin", access: "lambda:invoke" }],
            admin: [{ name: "audits", access: "sqs:send" }],
        },
        unsafe: {
            admin: [
                /^remove grant 'secret' \(secretsmanager:read\)/,
                /^remove grant 'key' \(kms:decrypt\)/,
                /^remove 'admin-passrole' \(iam:PassRole\)/,
            ],
        },
    },
    {
        dir: "examples/gcp",
        logs: (s) => writeCloudAuditLogs(gcpExampleWeek(s)),
        grants: {
            ingest: [
                { name: "incoming", access: "storage:read", prefix: "incoming/" },
                { name: "events", access: "pubsub:publish" },
            ],
            worker: [
                { name: "work", access: "pubsub:consume" },
                { name: "store", access: "run:invoke" },
            ],
            store: [{ name: "processed", access: "storage:create", prefix: "processed/" }],
        },
        unsafe: { worker: [/^remove 'worker-editor' \(roles\/editor\)/] },
    },
    {
        dir: "examples/chain/gcp",
        logs: (s) => writeCloudAuditLogs(chainGcpWeek(s)),
        grants: {
            api: [{ name: "worker", access: "run:invoke" }],
            worker: [{ name: "admin", access: "run:invoke" }],
            admin: [{ name: "audits", access: "pubsub:publish" }],
        },
        silent: ["api", "worker"],
        unsafe: {
            admin: [
                /^remove 'admin-impersonates-deployer' \(roles\/iam.serviceAccountTokenCreator\)/,
            ],
        },
    },
    {
        dir: "examples/azure",
        logs: (s) => {
            const w = azureExampleWeek(s);
            return writeAzureLogs(w.resourceLogs, w.activity);
        },
        grants: {
            ingest: [
                { name: "uploads", access: "blob:trigger" },
                { name: "jobs", access: "queue:send" },
            ],
            worker: [
                { name: "jobs", access: "queue:trigger" },
                { name: "api-token", access: "keyvault-secret:read" },
            ],
        },
        // Blob reads found by the requester's object ID, the identity's principal ID.
        used: { ingest: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] },
        unsafe: { ingest: [/^remove 'ingest-contributor' \(Contributor\)/] },
    },
    {
        dir: "examples/chain/azure",
        logs: (s) => {
            const w = chainAzureWeek(s);
            return writeAzureLogs(w.resourceLogs, w.activity);
        },
        grants: {
            api: [{ name: "worker", access: "function:invoke" }],
            worker: [
                { name: "jobs", access: "queue:send" },
                { name: "admin", access: "function:invoke" },
            ],
            admin: [{ name: "audit", access: "table:readwrite" }],
        },
        silent: ["api"],
        unsafe: {
            admin: [/^remove 'admin-access-admin' \(User Access Administrator\)/],
        },
    },
];

async function rightsize(subject: Example, scenario: "safe" | "unsafe") {
    const snapshot = await exampleRun(subject.dir, scenario);
    const stack = graphResourcesOf(snapshot.resources);
    return rightsized(stack, { paths: [subject.logs(snapshot)] });
}

/** Grants without their resources (names differ per stack), by name. */
const shape = (grants: readonly Omit<SuggestedGrant, "resource">[] | undefined) =>
    (grants ?? [])
        .map((g) => ({
            name: g.name,
            access: g.access,
            ...(g.prefix === undefined ? {} : { prefix: g.prefix }),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));

function component(report: Map<string, FunctionComparison>, name: string): FunctionComparison {
    const fn = report.get(name);
    assert.ok(fn, `no function '${name}' among ${[...report.keys()].join(", ")}`);
    assert.equal(fn.suggestion.kind, "grants", `'${name}' is not read as a component's function`);
    return fn;
}

describe("examples: perimeter rightsize on a week of logs", function () {
    this.timeout(120_000);
    for (const example of EXAMPLES) {
        describe(example.dir === "." ? "the starter stack" : example.dir, () => {
            it("suggests for each function the grants it declares, and finds every use", async () => {
                const report = await rightsize(example, "safe");
                for (const [name, grants] of Object.entries(example.grants)) {
                    const fn = component(report, name);
                    assert.deepEqual(shape(fn.suggestion.grants), shape(grants), name);
                    assert.deepEqual(
                        fn.suggestion.changes,
                        [],
                        `${name}: ${fn.suggestion.changes.join("; ")}`,
                    );
                    const silent = example.silent?.includes(name) === true;
                    assert.equal(fn.summary.used > 0, !silent, `${name}: ${fn.summary.used} used`);
                    assert.ok(fn.principals.length > 0, `${name}: no principal`);
                    for (const action of example.used?.[name] ?? []) {
                        assert.ok(
                            fn.used.some((u) => u.action === action && u.granted),
                            `${name} did not use ${action}`,
                        );
                    }
                }
            });

            if (example.unsafe !== undefined) {
                const unsafe = example.unsafe;
                it("comes out narrower in the unsafe scenario", async () => {
                    const report = await rightsize(example, "unsafe");
                    for (const [name, expected] of Object.entries(unsafe)) {
                        const changes = component(report, name).suggestion.changes;
                        for (const change of expected) {
                            assert.ok(
                                changes.some((c) => change.test(c)),
                                `${name}: no change like ${change} among:\n${changes.join("\n")}`,
                            );
                        }
                    }
                });
            }
        });
    }
});

describe("examples/gcp: perimeter rightsize narrows a level the logs prove too wide", function () {
    this.timeout(120_000);
    it("suggests storage:get for ingest when every other permission of storage:read is logged and unused", async () => {
        const snapshot = await exampleRun("examples/gcp");
        const bucketName = snapshot.resources.find(
            (r) => r.name === "uploads" && r.type === "gcp:storage/bucket:Bucket",
        )?.outputs["name"];
        assert.ok(typeof bucketName === "string");
        const bucket = bucketName;
        // Resource Manager and Cloud Storage Data Access logs on: an auditor uses every permission of
        // storage:read but the one ingest uses (components/gcp/grants), all of it recorded.
        const others = (gcpAccessEntry("storage:read")?.permissions ?? [])
            .filter((permission) => permission !== "storage.objects.get")
            .map((permission) =>
                auditEntry({
                    principal: "auditor@example.com",
                    service:
                        permission.split(".")[0] === "storage"
                            ? "storage.googleapis.com"
                            : "cloudresourcemanager.googleapis.com",
                    method: permission,
                    permission,
                    resource: permission.startsWith("resourcemanager")
                        ? "projects/mock-project"
                        : `projects/_/buckets/${bucket}`,
                    granted: true,
                    time: "2026-11-25T10:00:00Z",
                    project: "mock-project",
                }),
            );
        const logs = writeCloudAuditLogs([...gcpExampleWeek(snapshot), ...others]);
        const report = await rightsized(graphResourcesOf(snapshot.resources), { paths: [logs] });
        const ingest = component(report, "ingest");
        assert.deepEqual(shape(ingest.suggestion.grants), [
            { name: "events", access: "pubsub:publish" },
            { name: "incoming", access: "storage:get", prefix: "incoming/" },
        ]);
        assert.match(
            ingest.suggestion.changes.join(),
            /grant 'incoming': storage:read → storage:get/,
        );
        // store asked to replace a record and was refused: what it needs and lacks.
        const store = component(report, "store");
        assert.deepEqual(
            store.denied.map((d) => d.action),
            ["storage.objects.delete"],
        );
    });
});

describe("examples/gcp: perimeter rightsize and an identity exempted from Data Access logs", function () {
    this.timeout(120_000);
    it("calls nothing of it unused, and says why", async () => {
        const snapshot = await exampleRun("examples/gcp");
        const ingest = snapshot.resources.find(
            (r) => r.name === "ingest" && r.type === "gcp:serviceaccount/account:Account",
        )?.outputs["email"];
        assert.ok(typeof ingest === "string");
        const [exemption] = stackResourcesOf([
            {
                urn: "urn:pulumi:dev::perimeter-gcp::gcp:projects/iAMAuditConfig:IAMAuditConfig::quiet",
                type: "gcp:projects/iAMAuditConfig:IAMAuditConfig",
                name: "quiet",
                props: {
                    project: "mock-project",
                    service: "storage.googleapis.com",
                    auditLogConfigs: [
                        { logType: "DATA_READ", exemptedMembers: [`serviceAccount:${ingest}`] },
                    ],
                },
                propertyDependencies: {},
            },
        ]);
        assert.ok(exemption);
        const logs = writeCloudAuditLogs(gcpExampleWeek(snapshot));
        const report = await rightsized([...graphResourcesOf(snapshot.resources), exemption], {
            paths: [logs],
        });
        const fn = component(report, "ingest");
        assert.deepEqual(fn.unused, []);
        assert.match(fn.incomplete.join(), /exempted from Data Access logs/);
    });
});

describe("examples/gcp unsafe: a role the pack knows only in part", function () {
    this.timeout(120_000);
    it("is not suggested away while the function used what no grant is known to give", async () => {
        const snapshot = await exampleRun("examples/gcp", "unsafe");
        const worker = snapshot.resources.find(
            (r) => r.name === "worker" && r.type === "gcp:serviceaccount/account:Account",
        )?.outputs["email"];
        assert.ok(typeof worker === "string");
        // roles/editor gives compute.instances.list; the pack lists only editor's risky permissions.
        const listing = auditEntry({
            principal: worker,
            service: "compute.googleapis.com",
            method: "v1.compute.instances.list",
            permission: "compute.instances.list",
            resource: "projects/mock-project/zones/us-central1-a",
            granted: true,
            time: "2026-11-25T10:00:00Z",
            log: "data_access",
            project: "mock-project",
        });
        const logs = writeCloudAuditLogs([...gcpExampleWeek(snapshot), listing]);
        const report = await rightsized(graphResourcesOf(snapshot.resources), { paths: [logs] });
        const suggestion = component(report, "worker").suggestion;
        assert.ok(
            !suggestion.changes.some((c) => c.includes("worker-editor")),
            suggestion.changes.join("\n"),
        );
        assert.match(
            suggestion.notes.join("\n"),
            /'worker-editor' \(roles\/editor\) is outside the component's grants, and the pack knows only part of what it gives: check whether it gives compute\.instances\.list/,
        );
    });
});

describe("perimeter rightsize examples/aws --preview, as a user runs it", function () {
    this.timeout(120_000);
    it("calls nothing unused while the roles' ARNs are unknown, and says why", async () => {
        // The week as the deployed stack's logs hold it; the preview cannot know which role is whose.
        const trail = writeCloudTrail(awsExampleWeek(await exampleRun("examples/aws")));
        const run = perimeter([
            "rightsize",
            path.join(ROOT, "examples/aws"),
            "--preview",
            "--transpile-only",
            "--logs",
            trail,
            "--format",
            "json",
        ]);
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout) as {
            functions: {
                functions: string[];
                principals: string[];
                unused: unknown[];
                incomplete: string[];
                suggestion: { changes: string[] };
            }[];
        };
        assert.deepEqual(report.functions.map((f) => f.functions[0]).sort(), [
            "processor",
            "worker",
        ]);
        for (const fn of report.functions) {
            assert.deepEqual(fn.principals, []);
            assert.deepEqual(fn.unused, []);
            assert.deepEqual(fn.suggestion.changes, []);
            assert.match(fn.incomplete.join(), /is not known \(a preview leaves it unknown/);
        }
    });
});

describe("perimeter rightsize examples/azure, as a user runs it", function () {
    this.timeout(120_000);
    it("reads a program directory and the Azure logs of a week, mixed with a trail of another cloud", async () => {
        const snapshot = await exampleRun("examples/azure");
        const week = azureExampleWeek(snapshot);
        const logs = writeAzureLogs(week.resourceLogs, week.activity);
        const trail = writeCloudTrail(starterWeek(await exampleRun(".")));
        const run = perimeter([
            "rightsize",
            path.join(ROOT, "examples/azure"),
            "--transpile-only",
            "--logs",
            logs,
            "--logs",
            trail,
            "--format",
            "json",
        ]);
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout) as {
            records: { used: number; skipped: { reason: string }[] };
            functions: {
                functions: string[];
                cloud: string;
                used: { action: string; resources: string[] }[];
                suggestion: { kind: string; changes: string[] };
            }[];
            notCovered: string[];
        };
        const ingest = report.functions.find((f) => f.functions.includes("ingest"));
        assert.equal(ingest?.cloud, "azure");
        const blobReads = ingest?.used.find((u) => u.action.endsWith("/blobs/read"));
        assert.match(
            blobReads?.resources[0] ?? "",
            /^https:\/\/data[0-9a-f]+\.blob\.core\.windows\.net\/uploads\//,
        );
        assert.equal(ingest?.suggestion.kind, "grants");
        assert.deepEqual(ingest?.suggestion.changes, []);
        // The trail's records are read too (no Lambda function here to judge), the digest file is skipped.
        assert.deepEqual(report.notCovered, []);
        assert.ok(
            report.records.skipped.some((s) => s.reason.startsWith("not a record of CloudTrail")),
            JSON.stringify(report.records.skipped),
        );
    });
});
