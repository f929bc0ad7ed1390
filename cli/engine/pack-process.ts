/**
 * Starts a CrossGuard policy pack the way the Pulumi CLI does (its `pulumi-analyzer-policy` script):
 * `node <@pulumi/pulumi>/cmd/run-policy-pack <engine-address> <pack-dir>` with the pack directory as
 * working directory; the pack prints the port of its gRPC server as its first line on stdout.
 *
 * The pack's stderr is read line by line: `perimeter-exemption {json}` lines record exemptions the pack
 * applied; the last other lines explain a pack that fails.
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { atExit } from "../cleanup";
import { UsageError } from "./errors";
import { exemptionOfLine } from "./exemption-line";
import type { Exempted } from "./types";

const STDERR_TAIL = 20;
// Terminal colour codes: Node colours stack traces even into a pipe when FORCE_COLOR is set.
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;
const ERROR_LINE = /^([A-Z]\w*)?Error( \[\w+\])?: /;
const BOOT_TIMEOUT_MS = 60_000;
// run-policy-pack ignores the engine address; the Pulumi CLI passes its own host's address here.
const ENGINE_ADDRESS = "127.0.0.1:0";

export class PackProcess {
    private readonly tail: string[] = [];
    private readonly exempted: Exempted[] = [];
    private partialLine = "";
    private bytesRead = 0;

    private constructor(
        readonly packDir: string,
        private readonly child: ChildProcess,
    ) {
        child.stderr?.on("data", (chunk: Buffer) => this.readStderr(chunk));
        // No pack outlives the command that started it, however the command ends (../cleanup.ts).
        const forget = atExit(() => {
            if (child.exitCode === null && child.signalCode === null) {
                child.kill();
            }
        });
        child.once("exit", forget);
    }

    static async start(packDir: string): Promise<{ process: PackProcess; port: number }> {
        const dir = path.resolve(packDir);
        if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
            throw new UsageError(
                `policy pack directory '${packDir}' does not exist; pass a pack with --policy-pack`,
            );
        }
        if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
            throw new UsageError(
                `'${packDir}' is not a policy pack (no PulumiPolicy.yaml); pass a pack directory`,
            );
        }
        let runner: string;
        try {
            runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
        } catch {
            throw new UsageError(
                `policy pack '${packDir}' cannot load @pulumi/pulumi; run npm install in it`,
            );
        }
        const child = spawn(process.execPath, [runner, ENGINE_ADDRESS, dir], {
            cwd: dir,
            env: packEnvironment(),
            stdio: ["ignore", "pipe", "pipe"],
        });
        const pack = new PackProcess(dir, child);
        try {
            return { process: pack, port: await pack.readPort() };
        } catch (error) {
            pack.kill();
            throw error;
        }
    }

    /** The last lines the pack wrote to stderr that were not exemption records. */
    stderrTail(): readonly string[] {
        return [...this.tail];
    }

    /** Exemptions recorded since the last call. */
    takeExemptions(): Exempted[] {
        return this.exempted.splice(0, this.exempted.length);
    }

    /**
     * Reads whatever the pack has written to stderr so far. The pack writes stderr synchronously
     * before it answers a call, so after an answer the bytes are already in the pipe; a few turns of
     * the event loop (each polls the pipe) read them, until a turn brings nothing new.
     */
    async drain(): Promise<void> {
        let before: number;
        do {
            before = this.bytesRead;
            await new Promise((resolve) => setImmediate(resolve));
            await new Promise((resolve) => setImmediate(resolve));
        } while (this.bytesRead !== before);
    }

    /**
     * A one-line reason for a failure from the pack's stderr: the last error message line (Node prints
     * a stack trace after it), else the last line that is not a stack frame.
     */
    lastError(): string {
        const lines = this.tail
            .map((line) => line.replace(ANSI_ESCAPE, "").trim())
            .filter((line) => line !== "" && !line.startsWith("at "));
        const errorLine = lines.filter((line) => ERROR_LINE.test(line)).pop();
        return errorLine ?? lines.pop() ?? "it wrote nothing to stderr";
    }

    /** The pack's process id (benchmarks read its peak memory from /proc). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    kill(): void {
        if (this.child.exitCode === null && this.child.signalCode === null) {
            this.child.kill();
        }
    }

    private readPort(): Promise<number> {
        return new Promise<number>((resolve, reject) => {
            let stdout = "";
            const timer = setTimeout(() => {
                fail(`did not report its port within ${BOOT_TIMEOUT_MS / 1000} s`);
            }, BOOT_TIMEOUT_MS);
            const fail = (why: string): void => {
                clearTimeout(timer);
                reject(new UsageError(`policy pack '${this.packDir}' failed to start: ${why}`));
            };
            const onData = (chunk: Buffer): void => {
                stdout += chunk.toString("utf8");
                for (const line of stdout.split("\n").slice(0, -1)) {
                    if (/^\d+$/.test(line.trim())) {
                        clearTimeout(timer);
                        this.child.stdout?.off("data", onData);
                        this.child.off("close", onClose);
                        // Keep consuming stdout so a chatty pack never blocks on a full pipe.
                        this.child.stdout?.resume();
                        resolve(Number(line.trim()));
                        return;
                    }
                }
            };
            // "close" comes after stdout and stderr are fully read, so the last stderr line is there.
            const onClose = (code: number | null, signal: string | null): void => {
                fail(`${this.lastError()} (exited with ${signal ?? `code ${String(code)}`})`);
            };
            this.child.stdout?.on("data", onData);
            this.child.once("close", onClose);
            this.child.once("error", (error) => fail(error.message));
        });
    }

    private readStderr(chunk: Buffer): void {
        this.bytesRead += chunk.length;
        const lines = (this.partialLine + chunk.toString("utf8")).split("\n");
        this.partialLine = lines.pop() ?? "";
        for (const line of lines) {
            this.readLine(line.replace(/\r$/, ""));
        }
    }

    private readLine(line: string): void {
        const record = exemptionOfLine(line);
        if (record) {
            this.exempted.push(record);
            return;
        }
        if (line.trim() !== "") {
            this.tail.push(line);
            this.tail.splice(0, Math.max(0, this.tail.length - STDERR_TAIL));
        }
    }
}

function packEnvironment(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (!/^(PULUMI_NODEJS_|TS_NODE_)/.test(key)) {
            env[key] = value;
        }
    }
    return env;
}
