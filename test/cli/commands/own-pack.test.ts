/**
 * Acceptance cases with perimeter's own pack, end to end through the command: exemptions from a policy
 * config file, and a preview whose policy documents are still unknown.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ADMIN_POLICY_URN, exportFile, perimeter, ROOT } from "./run-perimeter";

interface JsonReport {
    findings: { policy: string; urn: string | null; message: string; findingKey: string }[];
    exempted: { policy: string; urn: string | null; reason: string; expires: string | null }[];
    notEvaluated: { policy: string; urn: string | null; reason: string }[];
}

function withPolicyConfig(config: unknown, run: (file: string) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-config-"));
    try {
        const file = path.join(dir, "policy-config.json");
        fs.writeFileSync(file, JSON.stringify(config));
        run(file);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function auditWithExemption(exemption: Record<string, string>): {
    status: number | null;
    report: JsonReport;
} {
    let result: { status: number | null; report: JsonReport } | undefined;
    withPolicyConfig({ "aws-iam-no-admin-access": { exemptions: [exemption] } }, (file) => {
        const run = perimeter([
            "audit",
            exportFile("violating.json"),
            "--policy-config",
            file,
            "--format",
            "json",
        ]);
        assert.ok(run.status === 0 || run.status === 1, run.stderr);
        result = { status: run.status, report: JSON.parse(run.stdout) as JsonReport };
    });
    return result!;
}

describe("perimeter with its own policy pack", () => {
    const reason = "Break-glass role reviewed by security in SEC-42";

    it("hides exactly the finding an exemption names and lists it as exempted", () => {
        const { status, report } = auditWithExemption({
            resource: "api-policy",
            reason,
            finding: "Action::*",
        });
        assert.equal(status, 0);
        assert.deepEqual(report.findings, []);
        assert.deepEqual(report.exempted, [
            { policy: "aws-iam-no-admin-access", urn: ADMIN_POLICY_URN, reason, expires: null },
        ]);
    });

    it("keeps a finding whose key the exemption does not name", () => {
        const { status, report } = auditWithExemption({
            resource: "api-policy",
            reason,
            finding: "Action::s3:*",
        });
        assert.equal(status, 1);
        assert.deepEqual(
            report.findings.map((f) => f.findingKey),
            ["aws-iam-no-admin-access[Action::*]"],
        );
        assert.deepEqual(report.exempted, []);
    });

    it("reports the finding again once the exemption has expired, saying so", () => {
        const { status, report } = auditWithExemption({
            resource: ADMIN_POLICY_URN,
            reason,
            expires: "2020-01-31",
        });
        assert.equal(status, 1);
        const admin = report.findings.filter((f) => f.policy === "aws-iam-no-admin-access");
        assert.equal(admin.length, 1);
        assert.match(admin[0]?.message ?? "", /expired on 2020-01-31/);
        // The expired exemption is itself reported, once, by the stack-wide check of exemptions.
        assert.deepEqual(
            report.findings
                .filter((f) => f.policy !== "aws-iam-no-admin-access")
                .map((f) => f.policy),
            ["stack-exemptions-valid"],
        );
        assert.deepEqual(report.exempted, []);
    });

    it("previews the starter stack with policies on unknown documents not evaluated, not failed", () => {
        // The other run of the starter type-checks it.
        const run = perimeter([
            "preview",
            ROOT,
            "--preview",
            "--transpile-only",
            "--format",
            "json",
        ]);
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout) as JsonReport;
        assert.deepEqual(report.findings, []);
        // The role policies are rendered from ARNs that a preview does not know yet.
        const skipped = new Set(
            report.notEvaluated.map((n) => n.urn?.split("::").pop() ?? "stack"),
        );
        assert.deepEqual([...skipped].sort(), ["hello-grants", "hello-runtime", "stack"]);
        assert.ok(
            report.notEvaluated.some(
                (n) => n.policy === "aws-iam-no-admin-access" && n.urn?.endsWith("::hello-grants"),
            ),
        );
        for (const item of report.notEvaluated) {
            assert.match(item.reason, /can't run .* during preview/);
        }
    });

    it("previews the starter stack with computed outputs known and finds nothing", () => {
        // Type checking is the runner's tests' subject (and `npm start` type-checks the starter).
        const run = perimeter(["preview", ROOT, "--transpile-only", "--format", "json"]);
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout) as JsonReport;
        assert.deepEqual(report.findings, []);
        assert.deepEqual(report.notEvaluated, []);
    });
});

describe("perimeter audit with its own pack, by default", function () {
    this.timeout(120_000);

    /** The admin-role-policy export with the admin statement replaced by `statement`. */
    function auditWithStatement(statement: object): { status: number | null; report: JsonReport } {
        const source = path.join(ROOT, "test/fixtures/exports/admin-role-policy.json");
        const stack = JSON.parse(fs.readFileSync(source, "utf8")) as {
            deployment: {
                resources: {
                    urn: string;
                    inputs?: Record<string, unknown>;
                    outputs?: Record<string, unknown>;
                }[];
            };
        };
        const document = JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
        for (const resource of stack.deployment.resources) {
            if (resource.urn.endsWith("::invoices-admin")) {
                resource.inputs = { ...resource.inputs, policy: document };
                resource.outputs = { ...resource.outputs, policy: document };
            }
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-wildcard-"));
        try {
            const file = path.join(dir, "stack.json");
            fs.writeFileSync(file, JSON.stringify(stack));
            const run = perimeter(["audit", file, "--format", "json"]);
            return { status: run.status, report: JSON.parse(run.stdout) as JsonReport };
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }

    it("fails on a whole service allowed on every resource, and only warns when it is scoped", function () {
        const everywhere = auditWithStatement({ Effect: "Allow", Action: "s3:*", Resource: "*" });
        assert.equal(everywhere.status, 1);
        assert.ok(
            everywhere.report.findings.some(
                (f) => f.findingKey === "aws-iam-no-full-service-access[Action::s3:*]",
            ),
        );
        const scoped = auditWithStatement({
            Effect: "Allow",
            Action: "s3:*",
            Resource: "arn:aws:s3:::invoices-archive/*",
        });
        assert.equal(scoped.status, 0);
        assert.deepEqual(
            scoped.report.findings.map((f) => f.findingKey),
            ["aws-iam-no-service-wildcards[Action::s3:*]"],
        );
    });
});

describe("the newer AWS access levels with perimeter's own pack", function () {
    this.timeout(120_000);

    it("previews stream reads, write-only items and an encrypted queue with no findings", () => {
        const run = perimeter([
            "preview",
            path.join(ROOT, "test/fixtures/programs/aws-levels"),
            "--transpile-only",
            "--format",
            "json",
        ]);
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout) as JsonReport;
        // ListStreams, on "*" because it takes no resource, is not an unscoped-resource finding.
        assert.deepEqual(report.findings, []);
    });
});
