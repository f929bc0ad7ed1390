/**
 * Evaluates a stack snapshot against one or more policy packs over the real analyzer protocol:
 * Configure with the reconciled policy config, Analyze every resource (many calls in flight), then
 * AnalyzeStack, and collect findings, policies that could not run, and exemptions.
 */
import { providerUrn, startAnalyzer, type Analyzer } from "./analyzer";
import { sortDiagnostics, type SortedDiagnostics } from "./findings";
import { readPolicyConfigFile, reconcilePolicyConfig } from "./policy-config";
import type {
    Evaluation,
    Exempted,
    PolicyConfigFile,
    RecordedResource,
    StackSnapshot,
} from "./types";

export interface EvaluateOptions {
    /** Policy pack directories (each holds PulumiPolicy.yaml). */
    packDirs: string[];
    /** Parsed JSON of a `pulumi policy enable --config` file. */
    policyConfig?: PolicyConfigFile;
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
    const started = await Promise.allSettled(options.packDirs.map((dir) => startAnalyzer(dir)));
    const analyzers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    try {
        const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
        if (failed) {
            throw failed.reason;
        }
        return await evaluateWith(analyzers, snapshot, options);
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
    const overrides = readPolicyConfigFile(
        options.policyConfig,
        analyzers.map((a) => a.info),
    );
    for (const analyzer of analyzers) {
        await analyzer.configure(
            reconcilePolicyConfig(analyzer.info, analyzer.initialConfig, overrides),
        );
        await analyzer.configureStack(snapshot);
    }

    const resources = snapshot.resources;
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const total = analyzers.length * (resources.length + 1);
    let done = 0;
    const progress = (): void => options.onProgress?.(++done, total);

    const packs = analyzers.map((analyzer) => {
        const stack: SortedDiagnostics = { findings: [], notEvaluated: [] };
        return { analyzer, perResource: new Array<SortedDiagnostics>(resources.length), stack };
    });
    const calls = packs.flatMap((pack) =>
        resources.map((resource, index) => async () => {
            const result = await pack.analyzer.analyze(resource, providerOf(resource, byUrn));
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
    for (const pack of packs) {
        const result = await pack.analyzer.analyzeStack(resources);
        pack.stack = sortDiagnostics(result.diagnostics, null, byUrn, pack.analyzer.info);
        progress();
        exempted.push(...(await pack.analyzer.takeExemptions()));
    }

    const sorted = packs.flatMap((pack) => [...pack.perResource, pack.stack]);
    return {
        source: snapshot.source,
        packs: analyzers.map((a) => a.info),
        resources,
        findings: sorted.flatMap((s) => s.findings),
        notEvaluated: sorted.flatMap((s) => s.notEvaluated),
        exempted: unique(exempted),
    };
}

function providerOf(
    resource: RecordedResource,
    byUrn: ReadonlyMap<string, RecordedResource>,
): RecordedResource | undefined {
    return resource.provider ? byUrn.get(providerUrn(resource.provider)) : undefined;
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
