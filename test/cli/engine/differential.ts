/**
 * The differential check of the in-process path: our own pack evaluated over the analyzer protocol
 * (a pack process, gRPC) and in process must give the same evaluation, to the last field: findings,
 * verdicts, not-evaluated reasons, exemptions.
 */
import { strict as assert } from "assert";
import type { Analyzer } from "../../../cli/engine/analyzer";
import { evaluateWith, type EvaluateOptions } from "../../../cli/engine/evaluate";
import { startInProcessAnalyzer } from "../../../cli/engine/in-process";
import type { Evaluation, StackSnapshot } from "../../../cli/engine/types";
import { defaultPolicyPackDir } from "../../../cli/install-root";
import { startAnalyzer } from "../../../cli/engine/analyzer";
import { SDK_HANDLERS_VARIABLE } from "../../../policypack/lib/serve/serve";

/**
 * A pack process that keeps the SDK's own handlers (policypack/lib/serve/serve.ts): the reference our
 * handlers, in process and in the pack's own process, are compared with.
 */
export async function startWithSdkHandlers(packDir: string): Promise<Analyzer> {
    const saved = process.env[SDK_HANDLERS_VARIABLE];
    process.env[SDK_HANDLERS_VARIABLE] = "1";
    try {
        return await startAnalyzer(packDir);
    } finally {
        if (saved === undefined) delete process.env[SDK_HANDLERS_VARIABLE];
        else process.env[SDK_HANDLERS_VARIABLE] = saved;
    }
}

let inProcess: Promise<Analyzer> | undefined;

/** Our own pack, loaded into this process once for every test that needs it. */
export function ownPackInProcess(): Promise<Analyzer> {
    inProcess ??= startInProcessAnalyzer(defaultPolicyPackDir());
    return inProcess;
}

/**
 * Evaluates `snapshot` with `overProtocol` (our pack, started with startAnalyzer) and in process,
 * asserts the two evaluations are equal, and returns the protocol's.
 */
export async function evaluateBothWays(
    overProtocol: Analyzer,
    snapshot: StackSnapshot,
    options: Omit<EvaluateOptions, "packDirs"> = {},
): Promise<Evaluation> {
    const expected = await evaluateWith([overProtocol], snapshot, options);
    const actual = await evaluateWith([await ownPackInProcess()], snapshot, options);
    assert.deepStrictEqual(plain(actual), plain(expected), "in process and over the protocol");
    return expected;
}

/** As a report would write it: no functions, no undefined fields. */
function plain(evaluation: Evaluation): unknown {
    return JSON.parse(JSON.stringify(evaluation));
}
