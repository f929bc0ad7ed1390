/**
 * Secrets never leak, nor anything derived from them: canary values written into every kind of secret
 * position (canary-export.ts, and a program with secret Outputs) are grepped for in every format of
 * every command, standard output and standard error.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPORT_FORMATS } from "../../../cli/report/input";
import { perimeter, PROGRAMS, type Run } from "../commands/run-perimeter";
import { CANARIES, canaryExport } from "./canary-export";

const GRAPH_FORMATS = ["dot", "mermaid", "svg", "json"] as const;

function assertNoCanary(run: Run, what: string): void {
    assert.ok(run.status === 0 || run.status === 1, `${what}: exit ${run.status}\n${run.stderr}`);
    assert.ok(run.stdout.length > 0, `${what} wrote nothing`);
    for (const [kind, canary] of Object.entries(CANARIES)) {
        assert.ok(!run.stdout.includes(canary), `${what} shows the ${kind} canary on stdout`);
        assert.ok(!run.stderr.includes(canary), `${what} shows the ${kind} canary on stderr`);
    }
}

describe("secret canaries (every command, every format)", function () {
    this.timeout(300_000);
    let dir: string;
    let exportPath: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-canary-"));
        exportPath = path.join(dir, "canary.json");
        fs.writeFileSync(exportPath, JSON.stringify(canaryExport(), null, 2));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("the export holds every canary, and the pack and graph read them (a finding and an edge use each kind)", () => {
        const text = fs.readFileSync(exportPath, "utf8");
        for (const canary of Object.values(CANARIES)) assert.ok(text.includes(canary), canary);
        // What the outputs show in their place, so the test is not passing on an empty report.
        const report = perimeter(["audit", exportPath, "--format", "text"]);
        assert.match(report.stdout, /allows 's3:\*' on '\[secret\]'/);
        assert.match(report.stdout, /environment variable '\[secret\]'/);
        const graph = JSON.parse(perimeter(["graph", exportPath, "--format", "json"]).stdout);
        assert.ok(JSON.stringify(graph).includes("projects/_/buckets/[secret]"));
    });

    for (const format of REPORT_FORMATS) {
        it(`audit --format ${format}`, () => {
            assertNoCanary(perimeter(["audit", exportPath, "--format", format]), `audit ${format}`);
        });
    }

    for (const format of GRAPH_FORMATS) {
        it(`graph --format ${format}`, () => {
            assertNoCanary(perimeter(["graph", exportPath, "--format", format]), `graph ${format}`);
        });
    }

    for (const format of ["text", "json", "markdown", "sarif"]) {
        it(`diff --format ${format}, against the stack before its secret policy existed`, () => {
            const exported = canaryExport() as { deployment: { resources: { type: string }[] } };
            const before = {
                ...exported,
                deployment: {
                    ...exported.deployment,
                    resources: exported.deployment.resources.filter(
                        (r) => r.type !== "aws:iam/rolePolicy:RolePolicy",
                    ),
                },
            };
            const beforePath = path.join(dir, "before.json");
            fs.writeFileSync(beforePath, JSON.stringify(before));
            // The packs' findings once (text); the other formats compare permissions only.
            const packs = format === "text" ? [] : ["--no-policy"];
            const run = perimeter(["diff", beforePath, exportPath, "--format", format, ...packs]);
            assertNoCanary(run, `diff ${format}`);
            if (format === "text")
                assert.match(
                    run.stdout,
                    /s3:GetObject on \[secret\] if StringEquals aws:SourceVpce "\[secret\]"/,
                );
        });
    }

    it("audit from standard input, with --debug", () => {
        const run = perimeter(["audit", "-", "--format", "json", "--debug"], {
            input: fs.readFileSync(exportPath, "utf8"),
        });
        assertNoCanary(run, "audit -");
    });

    describe("a program whose secret Outputs hold the canaries", () => {
        const program = path.join(PROGRAMS, "secret-canary");

        it("preview reads the program, and the pack sees the secret policy (it reports it redacted)", () => {
            const run = perimeter(["preview", program, "--format", "text", "--transpile-only"]);
            assertNoCanary(run, "preview text");
            assert.match(run.stdout, /allows 's3:\*' on '\[secret\]'/);
        });

        // How a program's secrets are read differs from an export's; how each format renders does not
        // (every format is run over the export above). One format of each kind keeps CI short: a
        // machine-readable one, the page with the drawn graph, and a graph of the program.
        for (const format of ["json", "html"] as const) {
            it(`preview --format ${format}`, () => {
                const run = perimeter(["preview", program, "--format", format, "--transpile-only"]);
                assertNoCanary(run, `preview ${format}`);
            });
        }

        for (const format of ["mermaid"] as const) {
            it(`graph of the program --format ${format}`, () => {
                const run = perimeter(["graph", program, "--format", format, "--transpile-only"]);
                assertNoCanary(run, `graph program ${format}`);
            });
        }
    });
});
