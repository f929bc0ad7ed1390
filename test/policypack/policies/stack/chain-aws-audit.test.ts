/**
 * End to end through the command, over the real analyzer protocol with perimeter's own pack: a
 * hand-written `pulumi stack export` of a chain api → worker → admin on AWS (test/fixtures/stacks/
 * chain-aws.json), where api has a public function URL and admin can pass roles to new functions and
 * read a secret; with a policy config file whose exemptions the stack-wide check judges.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { perimeter, ROOT } from "../../../cli/commands/run-perimeter";

const CHAIN_AWS = path.join(ROOT, "test/fixtures/stacks/chain-aws.json");

/** Exemptions of two other policies: one names no resource, the other has expired. */
const POLICY_CONFIG = {
    "aws-audit-trail": {
        exemptions: [{ resource: "legacy-*", reason: "Trail lives in the org account" }],
    },
    "aws-lambda-url-auth": {
        exemptions: [
            { resource: "api-url", reason: "Public webhook, SEC-7", expires: "2024-01-31" },
        ],
    },
};

interface JsonReport {
    findings: {
        policy: string;
        resourceName: string | null;
        message: string;
        findingKey: string;
    }[];
}

function auditWithConfig(): JsonReport {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-chain-"));
    try {
        const config = path.join(dir, "policy-config.json");
        fs.writeFileSync(config, JSON.stringify(POLICY_CONFIG));
        const run = perimeter(["audit", CHAIN_AWS, "--format", "json", "--policy-config", config]);
        assert.equal(run.status, 1, run.stderr);
        return JSON.parse(run.stdout) as JsonReport;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("perimeter audit of a call chain (test/fixtures/stacks/chain-aws.json)", function () {
    this.timeout(120_000);
    let report: JsonReport;
    before(() => {
        report = auditWithConfig();
    });

    const findingsOf = (policy: string) =>
        report.findings
            .filter((f) => f.policy === policy)
            .map((f) => `${f.resourceName ?? "stack"}: ${f.findingKey}`)
            .sort();

    it("reports every caller that can borrow admin's permissions, with the path", () => {
        const policy = "stack-call-chain-escalation";
        assert.deepEqual(findingsOf(policy), [
            `api: ${policy}[Path::anyone->admin]`,
            `api: ${policy}[Path::api->admin]`,
            `worker: ${policy}[Path::worker->admin]`,
        ]);
        const messages = report.findings.filter((f) => f.policy === policy).map((f) => f.message);
        const expected = [
            "Function 'api' can reach 'admin' (path: api → worker → admin) and borrow 4 permissions " +
                "it does not hold: privilege escalation 3 (iam:PassRole on *, ...), data exfiltration 1 " +
                "(secretsmanager:GetSecretValue on ",
            "Anyone can reach 'admin' (path: anyone → api → worker → admin) and borrow 4 permissions: ",
        ];
        for (const start of expected) {
            assert.ok(
                messages.some((m) => m.startsWith(start)),
                `${start}\nmissing from:\n${messages.join("\n")}`,
            );
        }
    });

    it("reports exemptions of other policies that name nothing or have expired", () => {
        const policy = "stack-exemptions-valid";
        assert.deepEqual(findingsOf(policy), [
            `stack: ${policy}[Exemption::aws-audit-trail/legacy-*]`,
            `stack: ${policy}[Exemption::aws-lambda-url-auth/api-url]`,
        ]);
    });
});
