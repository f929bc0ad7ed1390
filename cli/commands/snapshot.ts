/**
 * One side of a command that reads a stack: a `pulumi stack export` file, `-` (standard input), or a
 * program directory run offline under mocks, as `perimeter preview` runs it.
 */
import * as fs from "node:fs/promises";
import { UsageError } from "../engine/errors";
import { runProgram } from "../engine/program";
import { readStackExport } from "../engine/stack-export";
import type { StackSnapshot } from "../engine/types";
import { STDIN_SOURCE } from "../report/input";
import type { Progress } from "../terminal";
import type { CommandIo } from "./context";
import { describeError, readAll, readExportFile } from "./read-input";

/** How a program directory is run; ignored (and refused when given) for an export. */
export interface ProgramOptions {
    readonly stack?: string;
    readonly config: Readonly<Record<string, string>>;
    readonly preview: boolean;
    readonly transpileOnly: boolean;
    readonly debug: boolean;
    /** The name reports give the program (default: the directory). */
    readonly source?: string;
}

export async function readSnapshot(
    input: string,
    program: ProgramOptions,
    io: CommandIo,
    progress: Progress,
): Promise<StackSnapshot> {
    if (input === "-") {
        refuseProgramFlags(program, "standard input");
        return readStackExport(await readAll(io.stdin), STDIN_SOURCE);
    }
    const stat = await fs.stat(input).catch((error: unknown) => {
        throw new UsageError(`cannot read \`${input}\`: ${describeError(error)}`);
    });
    if (!stat.isDirectory()) {
        refuseProgramFlags(program, `the stack export \`${input}\``);
        return readStackExport(await readExportFile(input), input);
    }
    progress.update(`perimeter: running the program in ${program.source ?? input}`);
    const snapshot = await runProgram({
        dir: input,
        ...(program.stack === undefined ? {} : { stack: program.stack }),
        config: { ...program.config },
        preview: program.preview,
        transpileOnly: program.transpileOnly,
        ...(program.debug ? { onOutput: (line: string) => io.stderr.write(`${line}\n`) } : {}),
    });
    return program.source === undefined ? snapshot : { ...snapshot, source: program.source };
}

/** `--stack`, `--config` and `--preview` shape a program run; an export was already deployed. */
function refuseProgramFlags(program: ProgramOptions, what: string): void {
    const given = [
        ...(program.stack === undefined ? [] : ["--stack"]),
        ...(Object.keys(program.config).length > 0 ? ["--config"] : []),
        ...(program.preview ? ["--preview"] : []),
    ];
    if (given.length > 0) {
        throw new UsageError(
            `\`${given.join("`, `")}\` applies to a program directory, not to ${what}`,
        );
    }
}
