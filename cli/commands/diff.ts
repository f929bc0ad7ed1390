import { functionAccessOf } from "../diff/access";
import { diffStacks, failureReasons } from "../diff/compare";
import { renderDiff } from "../diff/render";
import { evaluate } from "../engine/evaluate";
import type { Finding, StackSnapshot } from "../engine/types";
import { stackIdentityGraph } from "../graph/stack-graph";
import { defaultPolicyPackDir, toolInfo } from "../install-root";
import { redactSecrets } from "../report/redact";
import type { Progress } from "../terminal";
import type { DiffArgs, DiffSide } from "./args";
import type { CommandIo } from "./context";
import { checkoutAtRef } from "./git-ref";
import { writeOutput } from "./output";
import { readPolicyConfig } from "./policy-config";
import { readSnapshot } from "./snapshot";

/**
 * `perimeter diff OLD NEW`: each side read (and, unless --no-policy, evaluated by the packs) one after
 * the other, then compared function by function through the identity graph. Exit 1 when something at
 * or above `--fail-on` was added, 0 otherwise; a usage or input error is a UsageError (2).
 */
export async function runDiff(args: DiffArgs, io: CommandIo, progress: Progress): Promise<number> {
    const policyConfig =
        args.policyConfig === undefined ? undefined : await readPolicyConfig(args.policyConfig);
    const packDirs = args.policyPacks.length > 0 ? args.policyPacks : [defaultPolicyPackDir()];
    const read = async (
        side: DiffSide,
    ): Promise<{ source: string; snapshot: StackSnapshot; findings: Finding[] }> => {
        const checkout = side.ref === undefined ? undefined : checkoutAtRef(side.input, side.ref);
        try {
            const source = side.ref === undefined ? side.input : `${side.input}@${side.ref}`;
            const snapshot = await readSnapshot(
                checkout?.dir ?? side.input,
                {
                    ...(args.stack === undefined ? {} : { stack: args.stack }),
                    config: side.config,
                    preview: args.preview,
                    transpileOnly: args.transpileOnly,
                    debug: args.debug,
                    source,
                },
                io,
                progress,
            );
            if (!args.policy) return { source, snapshot, findings: [] };
            const evaluation = await evaluate(snapshot, {
                packDirs: [...packDirs],
                ...(policyConfig === undefined ? {} : { policyConfig }),
                protocol: args.protocol,
                onProgress: (done, total) =>
                    progress.update(`perimeter: evaluating ${source}: ${done}/${total}`),
            });
            return { source, snapshot, findings: [...redactSecrets(evaluation).findings] };
        } finally {
            checkout?.remove();
        }
    };
    const before = await read(args.before);
    const after = await read(args.after);
    progress.update("perimeter: comparing");
    const diff = diffStacks(
        functionAccessOf(stackIdentityGraph(before.snapshot.resources)),
        functionAccessOf(stackIdentityGraph(after.snapshot.resources)),
        { before: before.findings, after: after.findings },
    );
    const failures = failureReasons(diff, args.failOn);
    const text = renderDiff(args.format, {
        tool: toolInfo(),
        before: before.source,
        after: after.source,
        diff,
        failOn: args.failOn,
        failures,
    });
    progress.clear();
    await writeOutput(io, args.output, text, `the ${args.format} diff`);
    return failures.length > 0 ? 1 : 0;
}
