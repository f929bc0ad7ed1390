import { evaluate } from "../engine/evaluate";
import { runProgram } from "../engine/program";
import type { PreviewArgs } from "./args";
import type { EvaluationContext, EvaluationSet } from "./context";

/** `perimeter preview [DIR]`: run the program under mocks, then the packs over what it registered. */
export async function previewEvaluations(
    args: PreviewArgs,
    context: EvaluationContext,
): Promise<EvaluationSet> {
    context.progress.update(`perimeter: running the program in ${args.dir}`);
    const snapshot = await runProgram({
        dir: args.dir,
        ...(args.stack === undefined ? {} : { stack: args.stack }),
        config: { ...args.config },
        preview: args.preview,
        transpileOnly: args.transpileOnly,
        ...(context.debugLog === undefined ? {} : { onOutput: context.debugLog }),
    });
    const evaluation = await evaluate(snapshot, {
        packDirs: [...context.packDirs],
        ...(context.policyConfig === undefined ? {} : { policyConfig: context.policyConfig }),
        protocol: context.protocol,
        onProgress: (done, total) =>
            context.progress.update(`perimeter: evaluating ${done}/${total}`),
    });
    return { evaluations: [evaluation], combined: false };
}
