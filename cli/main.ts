import { exitCleanlyOnSignals } from "./cleanup";
import { parseCommandLine, type AuditArgs, type PreviewArgs } from "./commands/args";
import type { CommandIo, EvaluationContext } from "./commands/context";
import { helpText } from "./commands/help";
import { exitCodeFor, writeFileAtomic } from "./commands/output";
import { readPolicyConfig } from "./commands/policy-config";
import { UsageError } from "./engine/errors";
import { defaultPolicyPackDir, toolInfo } from "./install-root";
import { renderReportWithGraphs } from "./report/render";
import { colorEnabled, createProgress, type Progress } from "./terminal";

/** Entry point of bin/perimeter.js: `argv` is process.argv, so the arguments start at index 2. */
export async function main(argv: readonly string[]): Promise<void> {
    exitCleanlyOnSignals();
    // `perimeter audit x.json | head` closes the pipe early; that is not an error worth a stack trace.
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE") throw error;
    });
    const io: CommandIo = {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
    };
    process.exitCode = await runCli(argv.slice(2), io);
}

/**
 * Runs one command line and returns its exit code: 0 clean, 1 findings at or above `--fail-on`, 2 a
 * usage or input error, reported as one line `perimeter: <reason>` (with the stack under `--debug`).
 */
export async function runCli(args: readonly string[], io: CommandIo): Promise<number> {
    const progress = createProgress(io.stderr);
    try {
        const commandLine = parseCommandLine(args);
        switch (commandLine.command) {
            case "help":
                io.stdout.write(helpText(commandLine.topic));
                return 0;
            case "version":
                io.stdout.write(`perimeter ${toolInfo().version}\n`);
                return 0;
            case "preview":
            case "audit":
                return await evaluateAndReport(commandLine, io, progress);
            case "graph":
                // Loaded on demand, like the engine: the graph reads properties through the Pulumi SDK.
                return await (await import("./commands/graph")).runGraph(commandLine, io, progress);
            case "diff":
                return await (await import("./commands/diff")).runDiff(commandLine, io, progress);
            case "rightsize":
                return await (
                    await import("./commands/rightsize")
                ).runRightsize(commandLine, io, progress);
        }
    } catch (error) {
        progress.clear();
        io.stderr.write(`perimeter: ${errorText(error)}\n`);
        if (args.includes("--debug") && error instanceof Error && error.stack !== undefined) {
            io.stderr.write(`${error.stack}\n`);
        }
        return 2;
    }
}

async function evaluateAndReport(
    args: PreviewArgs | AuditArgs,
    io: CommandIo,
    progress: Progress,
): Promise<number> {
    const policyConfig =
        args.policyConfig === undefined ? undefined : await readPolicyConfig(args.policyConfig);
    const context: EvaluationContext = {
        packDirs: args.policyPacks.length > 0 ? args.policyPacks : [defaultPolicyPackDir()],
        ...(policyConfig === undefined ? {} : { policyConfig }),
        protocol: args.protocol,
        progress,
        stdin: io.stdin,
        ...(args.debug ? { debugLog: (line: string) => io.stderr.write(`${line}\n`) } : {}),
    };
    // Loaded on demand: the engine pulls in gRPC and the Pulumi SDK, which `--help` does not need.
    const { evaluations, combined } =
        args.command === "preview"
            ? await (await import("./commands/preview")).previewEvaluations(args, context)
            : await (await import("./commands/audit")).auditEvaluations(args, context);
    progress.clear();
    const input = { tool: toolInfo(), command: args.command, evaluations, combined };
    if (args.output === undefined) {
        const color = args.format === "text" && colorEnabled(io.stdout, io.env);
        io.stdout.write(await renderReportWithGraphs(args.format, input, { color }));
    } else {
        await writeFileAtomic(args.output, await renderReportWithGraphs(args.format, input));
        // A person at a terminal wants to know where the report went; a pipeline does not.
        if (io.stderr.isTTY === true) {
            io.stderr.write(`perimeter: wrote the ${args.format} report to ${args.output}\n`);
        }
    }
    return exitCodeFor(
        evaluations.flatMap((e) => e.findings),
        args.failOn,
    );
}

/**
 * The reason, first line first. A UsageError is the user's to fix and says so itself; anything else is
 * unexpected, so point at --debug for the details. A message of several lines (a component's list of
 * argument problems, the compiler's type errors) keeps its lines and their order, indented under the
 * first; colour codes and other control characters of quoted tool output are dropped.
 */
function errorText(error: unknown): string {
    const [first = "", ...rest] = (error instanceof Error ? error.message : String(error))
        .replace(/\u001b\[[0-9;]*[A-Za-z]/g, "")
        .split(/\r?\n|\r/)
        .map((line) => line.replace(/[\u0000-\u001f\u007f]/g, "").trim())
        .filter((line) => line !== "");
    const reason =
        error instanceof UsageError ? first : `${first} (run with --debug for the stack trace)`;
    return [reason, ...rest.map((line) => `  ${line}`)].join("\n");
}
