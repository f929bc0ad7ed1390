/**
 * Runs a Pulumi TypeScript/JavaScript program offline under Pulumi's mock runtime and returns every
 * resource it registered. The program runs in a child process (./program-runner) with its own
 * `@pulumi/pulumi`, config from Pulumi.yaml, `Pulumi.<stack>.yaml` and `--config`.
 */
import { fork } from "child_process";
import { UsageError } from "./errors";
import type { RunnerReply, RunnerRequest } from "./program-runner";
import { programConfig, readProject, selectStack } from "./project";
import type { RecordedResource, StackSnapshot } from "./types";

export interface RunProgramOptions {
    /** The project directory (holds Pulumi.yaml). */
    dir: string;
    /** @default the only `Pulumi.<stack>.yaml` in `dir`, else "dev" */
    stack?: string;
    /** `--config` values, keyed `ns:key` or `key` (the project's namespace). */
    config?: Record<string, string>;
    /** Leave computed outputs (IDs, ARNs, emails) unknown, as `pulumi preview` does. @default false */
    preview?: boolean;
    /**
     * Compile TypeScript without type checking, as `PULUMI_NODEJS_TRANSPILE_ONLY=true` does for the
     * Pulumi CLI (which is also honoured). @default false: type errors fail the run, as in `pulumi preview`
     */
    transpileOnly?: boolean;
    /** Receives each line the program prints (stdout and stderr); by default they are dropped. */
    onOutput?: (line: string) => void;
}

/** How many trailing lines of program output an error message may quote. */
const OUTPUT_TAIL = 20;

export async function runProgram(options: RunProgramOptions): Promise<StackSnapshot> {
    const project = readProject(options.dir);
    const stack = selectStack(project, options.stack);
    const preview = options.preview ?? false;
    const request: RunnerRequest = {
        dir: project.dir,
        main: project.main,
        project: project.name,
        stack,
        preview,
        config: programConfig(project, stack, options.config),
        typescript: project.typescript,
        transpileOnly:
            options.transpileOnly === true || process.env.PULUMI_NODEJS_TRANSPILE_ONLY === "true",
    };
    const resources = await runInChild(request, options.onOutput);
    return { source: `${project.name}/${stack}`, project: project.name, stack, preview, resources };
}

function runInChild(
    request: RunnerRequest,
    onOutput?: (line: string) => void,
): Promise<RecordedResource[]> {
    const script = require.resolve("./program-runner");
    // From TypeScript sources (tests), the runner needs ts-node; the built CLI runs the compiled file.
    const execArgv = script.endsWith(".ts")
        ? ["-r", require.resolve("ts-node/register/transpile-only")]
        : [];
    const child = fork(script, [], {
        execArgv,
        env: programEnvironment(),
        stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const tail: string[] = [];
    const collect = (chunk: Buffer): void => {
        for (const line of chunk.toString("utf8").split(/\r?\n/)) {
            if (line.trim() !== "") {
                onOutput?.(line);
                tail.push(line);
                tail.splice(0, Math.max(0, tail.length - OUTPUT_TAIL));
            }
        }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);

    return new Promise<RecordedResource[]>((resolve, reject) => {
        let reply: RunnerReply | undefined;
        child.on("message", (message: RunnerReply) => {
            reply = message;
        });
        child.on("error", reject);
        child.on("exit", (code, signal) => {
            if (reply?.kind === "resources") {
                resolve(reply.resources);
            } else if (reply?.kind === "error") {
                reject(
                    new UsageError(`program '${request.project}' failed: ${reply.message.trim()}`),
                );
            } else {
                const last = tail[tail.length - 1];
                const how = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
                reject(
                    new UsageError(
                        `program '${request.project}' ${how} before it finished` +
                            (last ? `: ${oneLine(last)}` : ""),
                    ),
                );
            }
        });
        child.send(request);
    });
}

/** The CLI's environment without variables that would point the program's SDK at a real engine. */
function programEnvironment(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (!/^(PULUMI_NODEJS_|PULUMI_CONFIG|TS_NODE_)/.test(key)) {
            env[key] = value;
        }
    }
    return env;
}

/** The last line of the program's output, quoted on the error's first line. */
function oneLine(text: string): string {
    return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== "")
        .join(" ");
}
