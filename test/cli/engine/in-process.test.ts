/**
 * Our own pack evaluated in process (cli/engine/in-process.ts), and in its own process with its own
 * AnalyzeStack handler (policypack/lib/serve/serve.ts), against the same pack over the analyzer
 * protocol with the SDK's handlers: identical findings, verdicts, not-evaluated reasons and
 * exemptions over every fixture stack, the fixture programs previewed with unknowns, with and without
 * a policy config. The example tests (test/examples) make the in-process comparison for every example
 * and scenario.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { startAnalyzer, type Analyzer } from "../../../cli/engine/analyzer";
import { evaluate, evaluateWith } from "../../../cli/engine/evaluate";
import { runProgram } from "../../../cli/engine/program";
import { readStackExport } from "../../../cli/engine/stack-export";
import type { PolicyConfigFile, RecordedResource, StackSnapshot } from "../../../cli/engine/types";
import { toReceivedWireMap } from "../../../cli/engine/wire";
import { builtGraphOf } from "../../../cli/engine/built-graph";
import { graphResourcesOf } from "../../../cli/graph/resources";
import { buildIdentityGraph } from "../../../policypack/lib/graph/build";
import type { IdentityGraph } from "../../../policypack/lib/graph/model";
import { defaultPolicyPackDir, findInstallRoot } from "../../../cli/install-root";
import { canaryExport } from "../secrets/canary-export";
import { evaluateBothWays, ownPackInProcess, startWithSdkHandlers } from "./differential";
import { fixture } from "./fixtures";

/** Every fixture stack export the tests use, except the one of an unsupported version. */
function fixtureExports(): string[] {
    const dirs = [fixture("exports"), fixture("stacks"), fixture("cli", "exports")];
    return dirs.flatMap((dir) =>
        fs
            .readdirSync(dir)
            .filter((name) => name.endsWith(".json"))
            .map((name) => path.join(dir, name))
            .filter((file) => {
                try {
                    readStackExport(fs.readFileSync(file, "utf8"), file);
                    return true;
                } catch {
                    return false; // not JSON, version 2 or 4: the readers' own tests
                }
            }),
    );
}

/**
 * Programs previewed on each cloud (a program run costs seconds; the examples are compared in
 * test/examples). The others (throws, type-error, ...) never reach a pack.
 */
const PROGRAMS = [
    ...["aws-roles", "azure-existing-identity", "gcp-internal-callee", "secret-canary"].map(
        (name) => fixture("programs", name),
    ),
    // The root starter stack (`npm start`: Pulumi.yaml at the root, main examples/starter).
    findInstallRoot(),
];

/** Levels changed both ways, one policy off, exemptions (one expired) and a rule's own property. */
const POLICY_CONFIG: PolicyConfigFile = {
    all: "mandatory",
    "aws-iam-no-service-wildcards": "disabled",
    "aws-audit-trail": "advisory",
    "aws-iam-no-admin-access": {
        exemptions: [
            { resource: "api-policy", reason: "Break-glass role reviewed in SEC-42" },
            {
                resource: "invoices-admin",
                reason: "Expired break-glass grant of SEC-7",
                expires: "2020-01-01",
            },
        ],
    },
    "stack-call-chain-escalation": { categories: ["privilegeEscalation"] },
};

function exported(file: string): StackSnapshot {
    return readStackExport(fs.readFileSync(file, "utf8"), file);
}

describe("our own pack in process, against the analyzer protocol", function () {
    this.timeout(300_000);
    let overProtocol: Analyzer;
    let servedReadOnce: Analyzer;
    before(async function () {
        overProtocol = await startWithSdkHandlers(defaultPolicyPackDir());
        servedReadOnce = await startAnalyzer(defaultPolicyPackDir());
    });
    after(function () {
        overProtocol.close();
        servedReadOnce.close();
    });

    it("judges every fixture stack export the same, with and without a policy config", async function () {
        const files = fixtureExports();
        assert.ok(files.length >= 8, `only ${files.length} fixture exports`);
        let findings = 0;
        let exempted = 0;
        for (const file of files) {
            for (const policyConfig of [undefined, POLICY_CONFIG]) {
                const evaluation = await evaluateBothWays(
                    overProtocol,
                    exported(file),
                    policyConfig === undefined ? {} : { policyConfig },
                );
                findings += evaluation.findings.length;
                exempted += evaluation.exempted.length;
            }
        }
        assert.ok(findings > 100, `the fixtures gave only ${findings} findings`);
        assert.ok(exempted > 0, "no exemption was applied: the config tests nothing");
    });

    it("serves Analyze and AnalyzeStack from the pack's own process as the SDK's handlers do, config or not", async function () {
        let compared = 0;
        for (const file of fixtureExports()) {
            for (const policyConfig of [undefined, POLICY_CONFIG]) {
                const options = policyConfig === undefined ? {} : { policyConfig };
                const expected = await evaluateWith([overProtocol], exported(file), options);
                const actual = await evaluateWith([servedReadOnce], exported(file), options);
                assert.deepStrictEqual(
                    JSON.parse(JSON.stringify(actual)),
                    JSON.parse(JSON.stringify(expected)),
                    file,
                );
                compared += expected.verdicts.length;
            }
        }
        assert.ok(compared > 100, `only ${compared} verdicts compared`);
    });

    it("judges several stacks evaluated at once as each alone over the protocol", async function () {
        // Several audit inputs are evaluated at once; in one process they must not share a pack's
        // per-request state (the exemption record stack-exemptions-valid judges).
        const snapshots = fixtureExports().map(exported);
        const options = { packDirs: [defaultPolicyPackDir()], policyConfig: POLICY_CONFIG };
        const together = await Promise.all(snapshots.map((s) => evaluate(s, options)));
        for (const [index, snapshot] of snapshots.entries()) {
            const alone = await evaluateWith([overProtocol], snapshot, {
                policyConfig: POLICY_CONFIG,
            });
            assert.deepStrictEqual(together[index], alone, snapshot.source);
        }
    });

    it("hands over the identity graph it built, the one the reports would build", async function () {
        let compared = 0;
        for (const file of fixtureExports()) {
            const snapshot = exported(file);
            const evaluation = await evaluate(snapshot, { packDirs: [defaultPolicyPackDir()] });
            const handed = builtGraphOf(evaluation);
            assert.ok(handed !== undefined, `no graph for ${file}`);
            const rebuilt = buildIdentityGraph(graphResourcesOf(snapshot.resources));
            const shape = (g: IdentityGraph): string =>
                JSON.stringify({ nodes: g.nodes, edges: g.edges, functions: g.functions });
            assert.equal(shape(handed), shape(rebuilt), file);
            compared += rebuilt.functions.length;
        }
        assert.ok(compared > 10, `only ${compared} functions compared`);
        const overProtocol = await evaluate(exported(fixtureExports()[0] ?? ""), {
            packDirs: [defaultPolicyPackDir()],
            protocol: true,
        });
        assert.equal(builtGraphOf(overProtocol), undefined, "a pack process hands nothing over");
    });

    it("judges the secret canaries' export the same", async function () {
        const snapshot = readStackExport(JSON.stringify(canaryExport()), "canary.json");
        await evaluateBothWays(overProtocol, snapshot);
    });

    it("judges the fixture programs and the starter previewed with unknown values the same", async function () {
        let notEvaluated = 0;
        for (const program of PROGRAMS) {
            const snapshot = await runProgram({
                dir: program,
                preview: true,
                transpileOnly: true,
            });
            const evaluation = await evaluateBothWays(overProtocol, snapshot);
            notEvaluated += evaluation.notEvaluated.length;
        }
        assert.ok(notEvaluated > 0, "no policy met an unknown value: the previews test nothing");
    });

    it("sees a resource as the protocol delivers it: sorted keys, no __proto__, UTF-8 strings", function () {
        const received = toReceivedWireMap({
            b: 1,
            a: { z: "x\ud800y", y: [{ d: 1, c: 2 }] },
            "10": null,
            ["__proto__"]: "dropped",
        });
        assert.equal(
            JSON.stringify(received),
            '{"10":null,"a":{"y":[{"c":2,"d":1}],"z":"xy"},"b":1}',
        );
        assert.deepEqual(Object.keys(toReceivedWireMap({ b: 1, a: 2, "2": 3 })), ["2", "a", "b"]);
    });

    it("judges odd property bags the same: lone surrogates, __proto__ keys, deep nesting", async function () {
        const base = exported(fixture("exports", "aws-violations.json"));
        let deep: Record<string, unknown> = { leaf: "x\udc00" };
        for (let i = 0; i < 200; i++) deep = { [`level${i}`]: deep };
        const odd = (r: RecordedResource): RecordedResource => {
            const props = { ...r.outputs, odd: deep as never, "name\ud800": "\ud83d" };
            Object.defineProperty(props, "__proto__", {
                value: { policy: '{"Statement":[]}' },
                enumerable: true,
            });
            return { ...r, outputs: props, inputs: { ...r.inputs, "k\udbff": "v" } };
        };
        await evaluateBothWays(overProtocol, { ...base, resources: base.resources.map(odd) });
    });

    it("is what evaluate() uses for our own pack, unless --protocol is given", async function () {
        const snapshot = exported(fixture("exports", "admin-role-policy.json"));
        const inProcess = await evaluate(snapshot, { packDirs: [defaultPolicyPackDir()] });
        const protocol = await evaluate(snapshot, {
            packDirs: [defaultPolicyPackDir()],
            protocol: true,
        });
        assert.deepStrictEqual(inProcess, protocol);
        assert.equal((await ownPackInProcess()).pid, undefined, "no process of its own");
    });
});
