/**
 * The `perimeter` command end to end, as a user runs it. Most cases use a small fixture pack whose
 * findings never change (test/fixtures/cli/packs/test-pack); the acceptance cases use our own pack.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPORT_FORMATS } from "../../../cli/report/input";
import { assertValidSarif } from "../report/sarif-schema";
import { findAll, parseXml } from "../report/xml";
import {
    ADMIN_POLICY_URN,
    assertUsageError,
    audit,
    exportFile,
    perimeter,
    PROGRAMS,
    ROOT,
    TEST_PACK,
} from "./run-perimeter";

describe("perimeter (command line)", () => {
    describe("audit with perimeter's own pack", () => {
        for (const format of REPORT_FORMATS) {
            it(`reports the admin role policy of a hand-written export in ${format} and exits 1`, () => {
                const run = perimeter(["audit", exportFile("violating.json"), "--format", format]);
                assert.equal(run.status, 1, run.stderr);
                assert.equal(run.stderr, "");
                assert.ok(run.stdout.includes("api-policy"), run.stdout);
                if (format === "json") {
                    const report = JSON.parse(run.stdout);
                    const finding = report.findings.find(
                        (f: { urn: string }) => f.urn === ADMIN_POLICY_URN,
                    );
                    assert.equal(finding.policyPack, "perimeter-serverless-iam");
                    assert.equal(finding.enforcementLevel, "mandatory");
                }
                if (format === "sarif") assertValidSarif(run.stdout);
                if (format === "junit") {
                    assert.ok(findAll(parseXml(run.stdout), "failure").length >= 1);
                }
            });
        }

        it("passes a stack with only narrow grants", () => {
            const run = perimeter(["audit", exportFile("clean.json")]);
            assert.equal(run.status, 0, run.stdout + run.stderr);
        });
    });

    describe("reports and exit codes", () => {
        it("exits 0 and says so on a clean stack, printing nothing on stderr when piped", () => {
            const run = audit([exportFile("clean.json")]);
            assert.equal(run.status, 0, run.stderr);
            assert.equal(run.stderr, "");
            assert.match(run.stdout, /No findings in 5 resources\.\n$/);
        });

        it("fails on mandatory findings by default and not on advisory ones", () => {
            assert.equal(audit([exportFile("violating.json")]).status, 1);
            assert.equal(audit([exportFile("advisory.json")]).status, 0);
        });

        it("lets --fail-on choose the level that fails", () => {
            assert.equal(audit([exportFile("advisory.json")], "--fail-on", "advisory").status, 1);
            assert.equal(audit([exportFile("violating.json")], "--fail-on", "none").status, 0);
            assert.equal(audit([exportFile("clean.json")], "--fail-on", "advisory").status, 0);
        });

        it("writes the JSON contract with the pack's findings and escaped characters intact", () => {
            const run = audit([exportFile("violating.json")], "--format", "json");
            const report = JSON.parse(run.stdout);
            assert.deepEqual(report.policyPacks, [
                { name: "perimeter-cli-test-pack", version: "1.0.0" },
            ]);
            assert.deepEqual(report.summary, {
                resources: 5,
                findings: 1,
                mandatory: 1,
                advisory: 0,
            });
            assert.equal(report.findings[0].message, `allows '*' on '*' <&"|>`);
            assert.equal(report.findings[0].urn, ADMIN_POLICY_URN);
        });

        it("applies a policy config that lowers a policy to advisory", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-cli-"));
            const config = path.join(dir, "config.json");
            fs.writeFileSync(config, JSON.stringify({ "cli-test-no-wildcard-action": "advisory" }));
            const run = audit(
                [exportFile("violating.json")],
                "--policy-config",
                config,
                "--format",
                "json",
            );
            fs.rmSync(dir, { recursive: true });
            assert.equal(run.status, 0, run.stderr);
            assert.equal(JSON.parse(run.stdout).findings[0].enforcementLevel, "advisory");
        });

        it("never prints the plaintext of a secret, in any format", () => {
            for (const format of REPORT_FORMATS) {
                const run = audit([exportFile("secret.json")], "--format", format);
                assert.equal(run.status, 0, run.stderr);
                assert.ok(
                    run.stdout.includes("cli-test-echo-parameter"),
                    `${format}: ${run.stdout}`,
                );
                assert.ok(!run.stdout.includes("correct-horse-battery-staple"), format);
            }
        });

        it("reads a stack export from standard input", () => {
            const run = perimeter(["audit", "-", "--policy-pack", TEST_PACK, "--format", "json"], {
                input: fs.readFileSync(exportFile("violating.json"), "utf8"),
            });
            assert.equal(run.status, 1, run.stderr);
            assert.equal(JSON.parse(run.stdout).summary.findings, 1);
        });

        it("audits a directory of exports in name order into one combined report", () => {
            const run = audit([exportFile("batch")], "--format", "json");
            assert.equal(run.status, 1, run.stderr);
            const report = JSON.parse(run.stdout);
            assert.deepEqual(
                report.reports.map((r: { source: string }) => path.basename(r.source)),
                ["a-violating.json", "b-clean.json", "c-advisory.json"],
            );
            assert.deepEqual(report.summary, {
                resources: 15,
                findings: 2,
                mandatory: 1,
                advisory: 1,
            });
        });

        it("audits several files given on the command line, in the order given", () => {
            const run = audit(
                [exportFile("clean.json"), exportFile("advisory.json")],
                "--format",
                "sarif",
            );
            assert.equal(run.status, 0, run.stderr);
            assertValidSarif(run.stdout);
            const [result] = JSON.parse(run.stdout).runs[0].results;
            assert.equal(result.ruleId, "cli-test-bucket-tags");
            assert.match(
                result.locations[0].physicalLocation.artifactLocation.uri,
                /advisory\.json$/,
            );
        });
    });

    describe("--output", () => {
        let dir: string;
        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-cli-"));
        });
        afterEach(() => {
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("writes the report to the file, not to stdout, and keeps the exit code", () => {
            const file = path.join(dir, "report.junit.xml");
            const run = audit(
                [exportFile("violating.json")],
                "--format",
                "junit",
                "--output",
                file,
            );
            assert.equal(run.status, 1, run.stderr);
            assert.equal(run.stdout, "");
            assert.equal(run.stderr, "");
            assert.equal(parseXml(fs.readFileSync(file, "utf8")).attributes.failures, "1");
            assert.deepEqual(fs.readdirSync(dir), ["report.junit.xml"]);
        });

        it("leaves an existing report untouched when the audit fails", () => {
            const file = path.join(dir, "report.json");
            fs.writeFileSync(file, "previous report");
            const run = audit([exportFile("not-json.json")], "--format", "json", "--output", file);
            assert.equal(run.status, 2);
            assert.equal(fs.readFileSync(file, "utf8"), "previous report");
            assert.deepEqual(fs.readdirSync(dir), ["report.json"]);
        });

        it("fails with exit 2 and writes nothing when the directory does not exist", () => {
            const file = path.join(dir, "missing", "report.json");
            assertUsageError(
                audit([exportFile("clean.json")], "--output", file),
                /cannot write the report.*directory does not exist/,
            );
            assert.deepEqual(fs.readdirSync(dir), []);
        });
    });

    describe("preview", () => {
        it("runs a program offline and lists its resources and findings", () => {
            const run = perimeter([
                "preview",
                path.join(PROGRAMS, "aws-roles"),
                "--policy-pack",
                TEST_PACK,
                // Type checking is the runner's tests' subject; it costs seconds here.
                "--transpile-only",
            ]);
            assert.equal(run.status, 1, run.stderr);
            assert.match(run.stdout, /^Resources$/m);
            assert.match(run.stdout, /aws:iam\/role:Role {2}app/);
            assert.match(run.stdout, /cli-test-no-wildcard-action: allows '\*' on '\*'/);
        });
    });

    describe("help and version", () => {
        it("prints help for --help, -h and each command, exiting 0", () => {
            for (const args of [["--help"], ["-h"], ["audit", "--help"], ["help", "preview"]]) {
                const run = perimeter(args);
                assert.equal(run.status, 0);
                assert.match(run.stdout, /^Usage: perimeter/);
            }
        });

        it("prints the package version", () => {
            const { version } = JSON.parse(
                fs.readFileSync(path.join(ROOT, "package.json"), "utf8"),
            );
            assert.equal(perimeter(["--version"]).stdout, `perimeter ${version}\n`);
        });
    });
});
