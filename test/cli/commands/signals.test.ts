/**
 * A terminating signal to `perimeter` (SIGINT, SIGTERM, SIGHUP) stops the policy pack it started and
 * leaves no temporary file: Node ends on these signals without an `exit` event, so the CLI cleans up
 * itself (cli/cleanup.ts) and exits with the shell's code for the signal. Our own pack runs in the
 * CLI's process unless `--protocol` is given, so the pack-process cases ask for it; in process, the
 * evaluation yields to the event loop between calls, so a signal is answered at once. Linux only
 * (reads /proc).
 */
import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateStackExport } from "../../../bench/generate-stack";
import { ROOT } from "./run-perimeter";

/** The pids whose parent is `pid`, from /proc/<pid>/stat (field 4 is the parent's pid). */
function childrenOf(pid: number): number[] {
    return fs.readdirSync("/proc").flatMap((entry) => {
        if (!/^\d+$/.test(entry)) {
            return [];
        }
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            return parent === pid ? [Number(entry)] : [];
        } catch {
            return [];
        }
    });
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/** `perimeter audit INPUT -o DIR/r.json [FLAGS]`, started, with the promise of its exit code. */
function auditInto(
    dir: string,
    input: string,
    ...flags: string[]
): { cli: ChildProcess; exited: Promise<number | null> } {
    const cli = spawn(
        process.execPath,
        [
            path.join(ROOT, "bin/perimeter.js"),
            "audit",
            input,
            "-o",
            path.join(dir, "r.json"),
            ...flags,
        ],
        { cwd: ROOT, stdio: "ignore" },
    );
    return { cli, exited: new Promise((resolve) => cli.once("exit", resolve)) };
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
        if (Date.now() > end) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

describe("perimeter and terminating signals", function () {
    this.timeout(120_000);
    if (process.platform !== "linux") {
        return;
    }
    const EXPORT = path.join(ROOT, "test/fixtures/exports/aws-violations.json");

    for (const [signal, code] of [
        ["SIGTERM", 143],
        ["SIGINT", 130],
        ["SIGHUP", 129],
    ] as const) {
        it(`${signal}: stops the pack, leaves no temporary file, exits ${code}`, async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-signal-"));
            // Our pack runs in process by default; the pack process is what may be orphaned.
            const { cli, exited } = auditInto(dir, EXPORT, "--protocol");
            const cliPid = cli.pid ?? 0;
            let packs: number[] = [];
            await until(() => {
                packs = childrenOf(cliPid);
                return packs.length > 0;
            }, "the policy pack to start");
            cli.kill(signal);
            assert.equal(await exited, code);
            await until(() => packs.every((pid) => !alive(pid)), "the pack to stop", 10_000);
            assert.deepEqual(fs.readdirSync(dir), []);
            fs.rmSync(dir, { recursive: true, force: true });
        });
    }

    it("SIGINT during an audit with our pack in process: exits 130 at once, no temporary file", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-signal-"));
        const input = path.join(os.tmpdir(), `perimeter-signal-${process.pid}.json`);
        // Some 15 s of evaluation on this machine: the signal lands in the middle of it.
        fs.writeFileSync(input, JSON.stringify(generateStackExport(20_000)));
        try {
            const { cli, exited } = auditInto(dir, input);
            await new Promise((resolve) => setTimeout(resolve, 4_000));
            const signalled = Date.now();
            cli.kill("SIGINT");
            assert.equal(await exited, 130);
            // Answered between two calls to the pack, not once the whole stack is judged.
            assert.ok(Date.now() - signalled < 3_000, `${Date.now() - signalled} ms to exit`);
            assert.deepEqual(fs.readdirSync(dir), []);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
            fs.rmSync(input, { force: true });
        }
    });
});
