import * as fs from "node:fs/promises";
import { UsageError } from "../engine/errors";
import { runProgram } from "../engine/program";
import { readStackExport } from "../engine/stack-export";
import type { StackSnapshot } from "../engine/types";
import { renderGraph } from "../graph/render";
import { stackIdentityGraph } from "../graph/stack-graph";
import { STDIN_SOURCE } from "../report/input";
import type { Progress } from "../terminal";
import type { GraphArgs } from "./args";
import type { CommandIo } from "./context";
import { writeFileAtomic } from "./output";
import { describeError, readAll, readExportFile } from "./read-input";

/**
 * `perimeter graph FILE|DIR|-`: the identity graph of a stack export or of a program run under mocks,
 * in one format, to standard output or `--output`. Exit code 0; every failure is a UsageError (2).
 */
export async function runGraph(
    args: GraphArgs,
    io: CommandIo,
    progress: Progress,
): Promise<number> {
    const snapshot = await readSnapshot(args, io, progress);
    progress.update(`perimeter: drawing the identity graph of ${snapshot.source}`);
    const graph = stackIdentityGraph(snapshot.resources);
    const text = await renderGraph(args.format, graph);
    progress.clear();
    if (args.output === undefined) {
        io.stdout.write(text);
    } else {
        await writeFileAtomic(args.output, text);
        if (io.stderr.isTTY === true) {
            io.stderr.write(`perimeter: wrote the ${args.format} graph to ${args.output}\n`);
        }
    }
    return 0;
}

async function readSnapshot(
    args: GraphArgs,
    io: CommandIo,
    progress: Progress,
): Promise<StackSnapshot> {
    if (args.input === "-") {
        refuseProgramFlags(args, "standard input");
        return readStackExport(await readAll(io.stdin), STDIN_SOURCE);
    }
    const stat = await fs.stat(args.input).catch((error: unknown) => {
        throw new UsageError(`cannot read \`${args.input}\`: ${describeError(error)}`);
    });
    if (!stat.isDirectory()) {
        refuseProgramFlags(args, `the stack export \`${args.input}\``);
        return readStackExport(await readExportFile(args.input), args.input);
    }
    progress.update(`perimeter: running the program in ${args.input}`);
    return runProgram({
        dir: args.input,
        ...(args.stack === undefined ? {} : { stack: args.stack }),
        config: { ...args.config },
        preview: args.preview,
        transpileOnly: args.transpileOnly,
        ...(args.debug ? { onOutput: (line: string) => io.stderr.write(`${line}\n`) } : {}),
    });
}

/** `--stack`, `--config` and `--preview` shape a program run; an export was already deployed. */
function refuseProgramFlags(args: GraphArgs, what: string): void {
    const given = [
        ...(args.stack === undefined ? [] : ["--stack"]),
        ...(Object.keys(args.config).length > 0 ? ["--config"] : []),
        ...(args.preview ? ["--preview"] : []),
    ];
    if (given.length > 0) {
        throw new UsageError(
            `\`${given.join("`, `")}\` applies to a program directory, not to ${what}`,
        );
    }
}
