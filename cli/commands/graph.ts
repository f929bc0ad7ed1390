import { renderGraph } from "../graph/render";
import { stackIdentityGraph } from "../graph/stack-graph";
import type { Progress } from "../terminal";
import type { GraphArgs } from "./args";
import type { CommandIo } from "./context";
import { writeOutput } from "./output";
import { readSnapshot } from "./snapshot";

/**
 * `perimeter graph FILE|DIR|-`: the identity graph of a stack export or of a program run under mocks,
 * in one format, to standard output or `--output`. Exit code 0; every failure is a UsageError (2).
 */
export async function runGraph(
    args: GraphArgs,
    io: CommandIo,
    progress: Progress,
): Promise<number> {
    const snapshot = await readSnapshot(args.input, args, io, progress);
    progress.update(`perimeter: drawing the identity graph of ${snapshot.source}`);
    const graph = stackIdentityGraph(snapshot.resources);
    const text = await renderGraph(args.format, graph);
    progress.clear();
    await writeOutput(io, args.output, text, `the ${args.format} graph`);
    return 0;
}
