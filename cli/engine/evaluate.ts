/**
 * Evaluates a stack snapshot against one or more policy packs with the analyzer protocol's requests:
 * Configure with the reconciled policy config, Analyze every resource (many calls in flight), then
 * AnalyzeStack, and collect findings, policies that could not run, and exemptions. Packs run in
 * processes of their own over gRPC, except our own pack, which answers the same requests in process
 * unless `protocol` is set.
 */
import * as fs from "fs";
import {
    providerUrn,
    startAnalyzer,
    type AnalyzeResult,
    type Analyzer,
    type PolicyConfigEntry,
} from "./analyzer";
import { defaultPolicyPackDir } from "../install-root";
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import { rememberBuiltGraph } from "./built-graph";
import { droppedKeyNotices } from "./dropped-keys";
import { inTurn, startInProcessAnalyzer } from "./in-process";
import { sortDiagnostics, type SortedDiagnostics } from "./findings";
import { readPolicyConfigFile, reconcilePolicyConfig } from "./policy-config";
import type {
    EnforcementLevel,
    Evaluation,
    Exempted,
    Finding,
    NotEvaluated,
    PolicyConfigFile,
    PolicyDescriptor,
    PolicyPackDescriptor,
    PolicyVerdict,
    RecordedResource,
    StackSnapshot,
} from "./types";

export interface EvaluateOptions {
    /** Policy pack directories (each holds PulumiPolicy.yaml). */
    packDirs: string[];
    /** Parsed JSON of a `pulumi policy enable --config` file. */
    policyConfig?: PolicyConfigFile;
    /**
     * Drive every pack over the analyzer protocol, in a process of its own. Without it, our own pack
     * is evaluated in this process (./in-process.ts): same handlers, no gRPC.
     */
    protocol?: boolean;
    /** Analyze calls kept in flight. @default 64 */
    concurrency?: number;
    /** Called as calls complete: `done` of `total` analyzer calls. */
    onProgress?: (done: number, total: number) => void;
}

const DEFAULT_CONCURRENCY = 64;

export async function evaluate(
    snapshot: StackSnapshot,
    options: EvaluateOptions,
): Promise<Evaluation> {
    const started = await Promise.allSettled(
        options.packDirs.map((dir) =>
            options.protocol !== true && isOwnPack(dir)
                ? startInProcessAnalyzer(dir)
                : startAnalyzer(dir),
        ),
    );
    const analyzers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    try {
        const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
        if (failed) {
            throw failed.reason;
        }
        // A pack keeps per-process state between its policies (the exemption record that
        // stack-exemptions-valid judges): evaluations in this process take turns, as each would
        // have a pack process of its own over the protocol.
        return analyzers.some((a) => a.pid === undefined)
            ? await inTurn(() => evaluateWith(analyzers, snapshot, options))
            : await evaluateWith(analyzers, snapshot, options);
    } finally {
        for (const analyzer of analyzers) {
            analyzer.close();
        }
    }
}

/** As {@link evaluate}, with packs already started (tests and batch runs reuse them). */
export async function evaluateWith(
    analyzers: readonly Analyzer[],
    snapshot: StackSnapshot,
    options: Omit<EvaluateOptions, "packDirs"> = {},
): Promise<Evaluation> {
    const levels: Record<string, PolicyConfigEntry>[] = [];
    const overrides = readPolicyConfigFile(
        options.policyConfig,
        analyzers.map((a) => a.info),
    );
    for (const analyzer of analyzers) {
        const config = reconcilePolicyConfig(analyzer.info, analyzer.initialConfig, overrides);
        await analyzer.configure(config);
        await analyzer.configureStack(snapshot);
        levels.push(config);
    }

    const resources = snapshot.resources;
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const total = analyzers.length * (resources.length + 1);
    let done = 0;
    const progress = (): void => options.onProgress?.(++done, total);

    const packs = analyzers.map((analyzer, index) => {
        const stack: SortedDiagnostics = { findings: [], notEvaluated: [] };
        const judged = new PolicyTally(analyzer.info, levels[index] ?? {});
        return {
            analyzer,
            perResource: new Array<SortedDiagnostics>(resources.length),
            stack,
            judged,
        };
    });
    const calls = packs.flatMap((pack) =>
        resources.map((resource, index) => async () => {
            const result = await pack.analyzer.analyze(resource, providerOf(resource, byUrn));
            pack.judged.count("resource", result.notApplicable);
            pack.perResource[index] = sortDiagnostics(
                result.diagnostics,
                resource.urn,
                byUrn,
                pack.analyzer.info,
            );
            progress();
        }),
    );
    await runWithLimit(calls, options.concurrency ?? DEFAULT_CONCURRENCY);

    const exempted: Exempted[] = [];
    let graph: IdentityGraph | undefined;
    for (const pack of packs) {
        const result = await pack.analyzer.analyzeStack(resources);
        graph ??= pack.analyzer.takeGraph?.();
        pack.judged.count("stack", result.notApplicable);
        pack.stack = sortDiagnostics(result.diagnostics, null, byUrn, pack.analyzer.info);
        progress();
        exempted.push(...(await pack.analyzer.takeExemptions()));
    }

    const sorted = packs.flatMap((pack) => [...pack.perResource, pack.stack]);
    const findings = sorted.flatMap((s) => s.findings);
    const notEvaluated = [
        ...droppedKeyNotices(resources),
        ...sorted.flatMap((s) => s.notEvaluated),
    ];
    const evaluation: Evaluation = {
        source: snapshot.source,
        packs: analyzers.map((a) => a.info),
        resources,
        findings,
        notEvaluated,
        exempted: unique(exempted),
        verdicts: packs.flatMap((pack) => pack.judged.verdicts(findings, notEvaluated)),
    };
    if (graph !== undefined) rememberBuiltGraph(evaluation, graph);
    return evaluation;
}

function providerOf(
    resource: RecordedResource,
    byUrn: ReadonlyMap<string, RecordedResource>,
): RecordedResource | undefined {
    return resource.provider ? byUrn.get(providerUrn(resource.provider)) : undefined;
}

/**
 * Counts, per policy, the calls it judged: the SDK skips disabled policies and policies of the other
 * kind silently, and names every other policy that did not apply in `notApplicable`.
 */
class PolicyTally {
    private readonly judged = new Map<string, number>();

    constructor(
        private readonly pack: PolicyPackDescriptor,
        private readonly config: Readonly<Record<string, PolicyConfigEntry>>,
    ) {}

    count(call: "resource" | "stack", notApplicable: AnalyzeResult["notApplicable"]): void {
        const skipped = new Set(notApplicable.map((n) => n.policy));
        for (const policy of this.pack.policies) {
            if (
                policy.kind === call &&
                !skipped.has(policy.name) &&
                this.level(policy) !== "disabled"
            ) {
                this.judged.set(policy.name, (this.judged.get(policy.name) ?? 0) + 1);
            }
        }
    }

    verdicts(findings: readonly Finding[], notEvaluated: readonly NotEvaluated[]): PolicyVerdict[] {
        const mine = (f: { policy: string; policyPack?: string }, name: string): boolean =>
            f.policy === name && (f.policyPack === undefined || f.policyPack === this.pack.name);
        return this.pack.policies.map((policy) => ({
            policyPack: this.pack.name,
            policy: policy.name,
            kind: policy.kind,
            enforcementLevel: this.level(policy),
            judged: this.judged.get(policy.name) ?? 0,
            findings: findings.filter((f) => mine(f, policy.name)).length,
            notEvaluated: notEvaluated.filter((n) => mine(n, policy.name)).length,
        }));
    }

    private level(policy: PolicyDescriptor): EnforcementLevel {
        return this.config[policy.name]?.enforcementLevel ?? policy.enforcementLevel;
    }
}

/** Runs the calls with at most `limit` in flight; the first failure stops new calls and is thrown. */
async function runWithLimit(calls: readonly (() => Promise<void>)[], limit: number): Promise<void> {
    // Workers share one iterator, so each call is taken exactly once.
    const queue = calls[Symbol.iterator]();
    let failed = false;
    const worker = async (): Promise<void> => {
        for (let item = queue.next(); !item.done && !failed; item = queue.next()) {
            try {
                await item.value();
            } catch (error) {
                failed = true;
                throw error;
            }
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, calls.length)) }, worker);
    await Promise.all(workers);
}

/** A pack may report the same exemption from several calls; each is listed once. */
function unique(records: readonly Exempted[]): Exempted[] {
    const seen = new Set<string>();
    return records.filter((r) => {
        const key = JSON.stringify([r.policy, r.urn, r.findingKey, r.reason, r.expires]);
        return seen.has(key) ? false : (seen.add(key), true);
    });
}

/** Our own pack, the one this package ships: the only pack evaluated in process. */
function isOwnPack(dir: string): boolean {
    try {
        return fs.realpathSync(dir) === fs.realpathSync(defaultPolicyPackDir());
    } catch {
        return false;
    }
}
