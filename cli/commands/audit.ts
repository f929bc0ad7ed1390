import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError } from "../engine/errors";
import { evaluate } from "../engine/evaluate";
import { readStackExport } from "../engine/stack-export";
import type { Evaluation } from "../engine/types";
import { STDIN_SOURCE } from "../report/input";
import type { AuditArgs } from "./args";
import type { EvaluationContext, EvaluationSet } from "./context";
import { mapWithWorkers } from "./pool";
import { describeError, readAll, readExportFile } from "./read-input";

/**
 * Each evaluation starts a pack process (a node process of its own), so more workers than cores only
 * adds memory; and a handful is plenty even on large machines.
 */
const MAX_WORKERS = 4;

/**
 * `perimeter audit FILE|DIR|- ...`: every stack export is evaluated on its own, several at a time.
 * One file (or `-`) gives a single report; several files or a directory give a combined one.
 */
export async function auditEvaluations(
    args: AuditArgs,
    context: EvaluationContext,
): Promise<EvaluationSet> {
    const { sources, combined } = await expandInputs(args.inputs);
    // Standard input is read up front: it is one stream, not something a worker can open later.
    const stdinText = sources.includes(STDIN_SOURCE) ? await readAll(context.stdin) : "";
    const workers = Math.min(MAX_WORKERS, os.availableParallelism());
    const progress = new Map<string, { done: number; total: number }>();
    let filesDone = 0;
    const showProgress = (): void => {
        const counts = [...progress.values()];
        const done = counts.reduce((n, c) => n + c.done, 0);
        const total = counts.reduce((n, c) => n + c.total, 0);
        const files = combined ? `${filesDone}/${sources.length} files, ` : "";
        context.progress.update(`perimeter: ${files}evaluating ${done}/${total}`);
    };
    const evaluations = await mapWithWorkers(sources, workers, async (source) => {
        // The text is not kept while the stack is evaluated: the snapshot holds what it needs.
        const snapshot = readStackExport(
            source === STDIN_SOURCE ? stdinText : await readExportFile(source),
            source,
        );
        const evaluation: Evaluation = await evaluate(snapshot, {
            packDirs: [...context.packDirs],
            ...(context.policyConfig === undefined ? {} : { policyConfig: context.policyConfig }),
            protocol: context.protocol,
            onProgress: (done, total) => {
                progress.set(source, { done, total });
                showProgress();
            },
        });
        filesDone++;
        showProgress();
        return evaluation;
    });
    return { evaluations, combined };
}

/**
 * Files as given, directories as their `*.json` files in name order, `-` as standard input. The report
 * is combined when the command line names several inputs or any directory, even one holding a single
 * file: the JSON shape follows from how the command is written, not from what a directory holds today.
 */
async function expandInputs(
    inputs: readonly string[],
): Promise<{ sources: string[]; combined: boolean }> {
    const sources: string[] = [];
    let combined = inputs.length > 1;
    for (const input of inputs) {
        if (input === "-") {
            sources.push(STDIN_SOURCE);
            continue;
        }
        const stat = await fs.stat(input).catch((error: unknown) => {
            throw new UsageError(`cannot read \`${input}\`: ${describeError(error)}`);
        });
        if (!stat.isDirectory()) {
            sources.push(input);
            continue;
        }
        const entries = await fs.readdir(input, { withFileTypes: true });
        const exports = entries
            .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
            .map((entry) => path.join(input, entry.name))
            .sort();
        if (exports.length === 0) {
            throw new UsageError(`directory \`${input}\` holds no *.json stack exports`);
        }
        sources.push(...exports);
        combined = true;
    }
    return { sources, combined };
}
