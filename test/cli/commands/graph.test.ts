/** `perimeter graph`, run as a user runs it: on stack exports, standard input and a program. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertUsageError, perimeter, ROOT, type Run } from "./run-perimeter";

const STACK = "urn:pulumi:dev::shop::";
const ROLE = `${STACK}aws:iam/role:Role::api-role`;
const FUNCTION = `${STACK}aws:lambda/function:Function::api`;
const POLICY = (statement: object) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

/** A deployed function whose role may read objects of a bucket: a risky grant (data exfiltration). */
const EXPORT = {
    version: 3,
    deployment: {
        manifest: { time: "2025-01-01T00:00:00Z", magic: "", version: "v3.200.0" },
        resources: [
            {
                urn: ROLE,
                type: "aws:iam/role:Role",
                custom: true,
                id: "api-role",
                inputs: {},
                outputs: {
                    name: "api-role",
                    arn: "arn:aws:iam::123456789012:role/api-role",
                    assumeRolePolicy: POLICY({
                        Effect: "Allow",
                        Principal: { Service: "lambda.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    }),
                },
            },
            {
                urn: `${STACK}aws:iam/rolePolicy:RolePolicy::api-policy`,
                type: "aws:iam/rolePolicy:RolePolicy",
                custom: true,
                id: "api-role:api-policy",
                inputs: {},
                outputs: {
                    role: "api-role",
                    policy: POLICY({
                        Effect: "Allow",
                        Action: "s3:GetObject",
                        Resource: "arn:aws:s3:::reports/*",
                    }),
                },
                dependencies: [ROLE],
            },
            {
                urn: FUNCTION,
                type: "aws:lambda/function:Function",
                custom: true,
                id: "api",
                inputs: {},
                outputs: {
                    name: "api",
                    arn: "arn:aws:lambda:eu-west-1:123456789012:function:api",
                    role: "arn:aws:iam::123456789012:role/api-role",
                },
                dependencies: [ROLE],
            },
        ],
    },
};

interface GraphJson {
    nodes: { id: string; kind: string; label: string }[];
    edges: { kind: string; from: string; to: string }[];
    functions: { functionId: string; identityIds: string[] }[];
}

function parseGraph(run: Run): GraphJson {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    return JSON.parse(run.stdout) as GraphJson;
}

describe("perimeter graph", () => {
    let dir: string;
    let exportFile: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-graph-"));
        exportFile = path.join(dir, "stack.json");
        fs.writeFileSync(exportFile, JSON.stringify(EXPORT));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes the identity graph of a stack export as JSON", () => {
        const graph = parseGraph(perimeter(["graph", exportFile, "--format", "json"]));
        assert.deepEqual(
            graph.edges.find((e) => e.kind === "runs-as"),
            { kind: "runs-as", from: FUNCTION, to: ROLE },
        );
        assert.deepEqual(
            graph.functions.map((f) => [f.functionId, f.identityIds]),
            [[FUNCTION, [ROLE]]],
        );
    });

    it("draws DOT by default, and reads the export from standard input with -", () => {
        const run = perimeter(["graph", "-"], { input: JSON.stringify(EXPORT) });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^digraph identity \{/);
        assert.match(run.stdout, /label="data exfiltration\\ns3:GetObject".*#c62828/);
    });

    it("writes Mermaid, and SVG through Graphviz", () => {
        const mermaid = perimeter(["graph", exportFile, "--format=mermaid"]);
        assert.equal(mermaid.status, 0, mermaid.stderr);
        assert.match(mermaid.stdout, /^flowchart LR\n/);
        const svg = perimeter(["graph", exportFile, "--format", "svg"]);
        assert.equal(svg.status, 0, svg.stderr);
        assert.match(svg.stdout, /<svg [^]*class="node function risky"[^]*<\/svg>\s*$/);
    });

    it("writes --output whole, and nothing to standard output", () => {
        const out = path.join(dir, "graph.mmd");
        const run = perimeter(["graph", exportFile, "--format", "mermaid", "--output", out]);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, "");
        assert.match(fs.readFileSync(out, "utf8"), /^flowchart LR\n/);
        assert.deepEqual(
            fs.readdirSync(dir).filter((f) => f.startsWith(".perimeter-tmp")),
            [],
        );
    });

    it("has its own help", () => {
        const run = perimeter(["graph", "--help"]);
        assert.equal(run.status, 0);
        assert.match(run.stdout, /^Usage: perimeter graph FILE\|DIR\|-/);
        assert.match(run.stdout, /dot \| mermaid \| svg \| json/);
    });

    const bad: [string, () => string[], RegExp][] = [
        [
            "an unknown format",
            () => ["graph", exportFile, "--format", "html"],
            /unknown format `html`.*dot, mermaid, svg, json/,
        ],
        [
            "a flag of the evaluating commands",
            () => ["graph", exportFile, "--policy-pack", dir],
            /`--policy-pack` is not an option of `perimeter graph`/,
        ],
        ["no input", () => ["graph"], /takes one stack export file/],
        ["two inputs", () => ["graph", exportFile, exportFile], /takes one .* got 2/],
        [
            "a missing file",
            () => ["graph", path.join(dir, "nope.json")],
            /cannot read .*nope\.json.*no such file/,
        ],
        [
            "--preview with an export",
            () => ["graph", exportFile, "--preview"],
            /`--preview` applies to a program directory/,
        ],
        [
            "an export that is not JSON",
            () => ["graph", path.join(ROOT, "README.md")],
            /is not valid JSON/,
        ],
        ["a directory without Pulumi.yaml", () => ["graph", dir], /Pulumi\.yaml/],
    ];
    for (const [name, args, reason] of bad) {
        it(`exits 2 with one line on ${name}`, () => assertUsageError(perimeter(args()), reason));
    }
});

describe("perimeter graph on a program (examples/aws)", () => {
    it("yields the functions and the identities they run as, values known or not", () => {
        for (const flags of [[], ["--preview"]]) {
            const graph = parseGraph(
                perimeter([
                    "graph",
                    path.join(ROOT, "examples/aws"),
                    "--format",
                    "json",
                    // Type checking is the runner's tests' subject; it costs seconds a run here.
                    "--transpile-only",
                    ...flags,
                ]),
            );
            const functions = graph.nodes.filter((n) => n.kind === "function");
            assert.deepEqual(
                functions.map((n) => n.label).sort(),
                ["processor", "worker"],
                flags.join(),
            );
            for (const fn of functions) {
                const runsAs = graph.edges.filter((e) => e.kind === "runs-as" && e.from === fn.id);
                assert.equal(runsAs.length, 1, `${fn.label} ${flags.join()}`);
                const identity = graph.nodes.find((n) => n.id === runsAs[0]?.to);
                assert.equal(identity?.kind, "identity");
                assert.match(identity?.id ?? "", /aws:iam\/role:Role::/);
            }
        }
    });
});
