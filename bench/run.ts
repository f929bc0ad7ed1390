/**
 * Benchmarks of issue 2 (not tests: run with `npm run bench`, record the results in bench/README.md).
 *
 * - boot: a pack started as the Pulumi CLI starts it, until it has answered GetAnalyzerInfo; ours against
 *   an empty pack with no policies, alternating so both see the same machine state.
 * - audit: Configure + Analyze of every resource + AnalyzeStack over generated stack exports, after boot,
 *   ours against the empty pack in the same run; resources per second and peak memory of both processes.
 *   Then the shape pack and ours again, each loaded in this process (cli/engine/in-process.ts, every
 *   stack policy of a request reading the same resources): `cpuSeconds` is this process's CPU time.
 * - start: wall time of the `npm start` command's work (`perimeter preview .` on the starter stack).
 * - graph: buildIdentityGraph + callChains in-process over generated stacks (bench/graph.ts).
 *
 * `node dist/bench/run.js [boot|audit|start|graph]... [--sizes 1000,10000,50000] [--runs 7]
 *  [--installed <project>/node_modules/perimeter/policypack]`
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startAnalyzer, type Analyzer } from "../cli/engine/analyzer";
import { startInProcessAnalyzer } from "../cli/engine/in-process";
import { evaluateWith } from "../cli/engine/evaluate";
import { readStackExport } from "../cli/engine/stack-export";
import { generateStackExport } from "./generate-stack";
import { benchGraph } from "./graph";
import { median, option } from "./measure";

const root = path.resolve(__dirname, "..", "..");
const packs = {
    empty: path.join(root, "test", "fixtures", "packs", "empty"),
    /** Our policies with no-op bodies: what the SDK's server costs for a pack of our shape. */
    shape: path.join(root, "test", "fixtures", "packs", "shape"),
    perimeter: path.join(root, "policypack"),
};

/** Peak resident memory of a running process, in MiB (Linux). */
function peakMemoryMiB(pid: number | undefined): number {
    if (pid === undefined) {
        return NaN;
    }
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kib === undefined ? NaN : Number(kib) / 1024;
}

/** CPU seconds (user + system) a running process has used so far (Linux). */
function cpuSeconds(pid: number | undefined): number {
    if (pid === undefined) {
        return NaN;
    }
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
}

async function timeBoot(packDir: string): Promise<number> {
    const started = process.hrtime.bigint();
    const analyzer = await startAnalyzer(packDir);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    analyzer.close();
    return elapsed;
}

/**
 * `--installed DIR`: also time the pack as the installed package holds it
 * (`<project>/node_modules/perimeter/policypack`, compiled JavaScript only), against the same empty pack.
 */
async function benchBoot(runs: number, installed?: string): Promise<Record<string, unknown>> {
    const dirs: Record<string, string> = { empty: packs.empty, perimeter: packs.perimeter };
    if (installed !== undefined) dirs.installed = path.resolve(installed);
    const times: Record<string, number[]> = {};
    for (const dir of Object.values(dirs)) await timeBoot(dir); // warm the file cache
    for (let i = 0; i < runs; i++) {
        for (const [name, dir] of Object.entries(dirs)) {
            (times[name] ??= []).push(await timeBoot(dir));
        }
    }
    const empty = median(times.empty ?? []);
    const result: Record<string, unknown> = { runs, emptyMs: empty };
    for (const name of Object.keys(dirs).filter((n) => n !== "empty")) {
        const ms = median(times[name] ?? []);
        result[`${name}Ms`] = ms;
        result[`${name}Ratio`] = ms / empty;
    }
    return result;
}

/**
 * The analyzer with its AnalyzeStack call timed: the pack process's CPU over that one request, which
 * the CLI sends after every Analyze has answered (cli/engine/evaluate.ts).
 */
function timingAnalyzeStack(analyzer: Analyzer): { analyzer: Analyzer; cpu: () => number } {
    let cpu = NaN;
    const analyzeStack: Analyzer["analyzeStack"] = async (...args) => {
        const before = cpuSeconds(analyzer.pid);
        const result = await analyzer.analyzeStack(...args);
        cpu = cpuSeconds(analyzer.pid) - before;
        return result;
    };
    const timed = new Proxy(analyzer, {
        get(target, property) {
            if (property === "analyzeStack") return analyzeStack;
            const value: unknown = Reflect.get(target, property, target);
            return typeof value === "function" ? (value as () => unknown).bind(target) : value;
        },
    });
    return { analyzer: timed, cpu: () => cpu };
}

async function timeAudit(analyzer: Analyzer, size: number): Promise<Record<string, number>> {
    const snapshot = readStackExport(JSON.stringify(generateStackExport(size)), `bench-${size}`);
    const started = process.hrtime.bigint();
    const cpuBefore = cpuSeconds(analyzer.pid);
    const timed = timingAnalyzeStack(analyzer);
    const evaluation = await evaluateWith([timed.analyzer], snapshot);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
        seconds,
        resourcesPerSecond: size / seconds,
        packCpuSeconds: cpuSeconds(analyzer.pid) - cpuBefore,
        analyzeStackCpuSeconds: timed.cpu(),
        findings: evaluation.findings.length,
        packPeakMiB: peakMemoryMiB(analyzer.pid),
    };
}

/** The same audit with the pack loaded in this process: CPU time of this process over it. */
async function timeInProcess(packDir: string, size: number): Promise<Record<string, number>> {
    const snapshot = readStackExport(JSON.stringify(generateStackExport(size)), `bench-${size}`);
    const analyzer = await startInProcessAnalyzer(packDir);
    await evaluateWith(
        [analyzer],
        readStackExport(JSON.stringify(generateStackExport(10)), "warm"),
    );
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const evaluation = await evaluateWith([analyzer], snapshot);
    const used = process.cpuUsage(cpu);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    analyzer.close();
    return {
        seconds,
        cpuSeconds: (used.user + used.system) / 1e6,
        findings: evaluation.findings.length,
    };
}

/**
 * `--repeat N`: the audit N times per size (fresh packs each time), then the median CPU above the
 * shape pack both ways: one run on this machine varies by ±2 s.
 */
async function benchAudit(sizes: number[], repeat: number): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (const size of sizes) {
        const above: { analyzeStack: number; protocol: number; inProcess: number }[] = [];
        for (let i = 0; i < repeat; i++) {
            const row = await auditOnce(size);
            rows.push(row);
            above.push(row.cpuAboveShape);
        }
        if (repeat > 1) {
            const summary = {
                resources: size,
                runs: repeat,
                cpuAboveShapeMedian: {
                    analyzeStack: median(above.map((a) => a.analyzeStack)),
                    protocol: median(above.map((a) => a.protocol)),
                    inProcess: median(above.map((a) => a.inProcess)),
                },
                cpuAboveShapeRuns: above,
            };
            rows.push(summary);
            console.error(`audit ${size} x${repeat}: ${JSON.stringify(summary)}`);
        }
    }
    return rows;
}

async function auditOnce(size: number): Promise<
    Record<string, unknown> & {
        cpuAboveShape: { analyzeStack: number; protocol: number; inProcess: number };
    }
> {
    // A fresh pack per size and pack, so each peak memory belongs to one stack.
    const runs: Partial<Record<keyof typeof packs, Record<string, number>>> = {};
    for (const pack of ["empty", "shape", "perimeter"] as const) {
        const analyzer = await startAnalyzer(packs[pack]);
        runs[pack] = await timeAudit(analyzer, size);
        analyzer.close();
    }
    const inProcess: Record<string, Record<string, number>> = {};
    for (const pack of ["shape", "perimeter"] as const) {
        inProcess[pack] = await timeInProcess(packs[pack], size);
    }
    const rate = (pack: keyof typeof packs) => runs[pack]?.resourcesPerSecond ?? NaN;
    const row = {
        resources: size,
        ...runs,
        throughputRatio: rate("perimeter") / rate("empty"),
        shapeRatio: rate("shape") / rate("empty"),
        inProcess,
        cpuAboveShape: {
            analyzeStack:
                (runs.perimeter?.analyzeStackCpuSeconds ?? NaN) -
                (runs.shape?.analyzeStackCpuSeconds ?? NaN),
            protocol: (runs.perimeter?.packCpuSeconds ?? NaN) - (runs.shape?.packCpuSeconds ?? NaN),
            inProcess:
                (inProcess.perimeter?.cpuSeconds ?? NaN) - (inProcess.shape?.cpuSeconds ?? NaN),
        },
        cliPeakMiB: process.resourceUsage().maxRSS / 1024,
    };
    console.error(`audit ${size}: ${JSON.stringify(row)}`);
    return row;
}

function benchStart(runs: number): Record<string, unknown> {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const started = process.hrtime.bigint();
        const result = spawnSync(
            process.execPath,
            [path.join(root, "bin", "perimeter.js"), "preview", "."],
            {
                cwd: root,
                encoding: "utf8",
            },
        );
        if (result.status !== 0) {
            throw new Error(`perimeter preview failed: ${result.stderr}`);
        }
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return { runs, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
}

async function main(): Promise<void> {
    const benchmarks = ["boot", "audit", "start", "graph"];
    const selected = process.argv.slice(2).filter((a) => benchmarks.includes(a));
    const which = selected.length > 0 ? selected : benchmarks;
    const runs = Number(option("runs", "7"));
    const sizes = option("sizes", "1000,10000,50000").split(",").map(Number);
    const results: Record<string, unknown> = {
        date: new Date().toISOString(),
        node: process.version,
        cpus: (await import("os")).cpus().length,
    };
    if (which.includes("boot")) {
        const installed = option("installed", "");
        results.boot = await benchBoot(runs, installed === "" ? undefined : installed);
        console.error(`boot: ${JSON.stringify(results.boot)}`);
    }
    if (which.includes("audit")) {
        results.audit = await benchAudit(sizes, Number(option("repeat", "1")));
    }
    if (which.includes("start")) {
        results.start = benchStart(Math.min(runs, 5));
        console.error(`start: ${JSON.stringify(results.start)}`);
    }
    if (which.includes("graph")) {
        results.graph = benchGraph(sizes, runs);
    }
    const out = path.join(root, "bench", "results");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "latest.json"), JSON.stringify(results, null, 2) + "\n");
    console.log(JSON.stringify(results, null, 2));
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
