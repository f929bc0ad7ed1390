/** What every benchmark script needs: flags, medians, and a module load in a fresh process. */
import { execFileSync, spawnSync } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");

/**
 * `perimeter ARGS` as a user runs it, under GNU time: wall seconds and the CLI process's peak
 * resident memory (a pack process it starts, with --protocol, is a child GNU time does not count).
 */
export function runPerimeter(args: readonly string[]): {
    seconds: number;
    peakMiB: number;
    status: number | null;
} {
    const result = spawnSync(
        "/usr/bin/time",
        ["-f", "%e %M", process.execPath, path.join(root, "bin/perimeter.js"), ...args],
        { encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 },
    );
    const [seconds, kib] = (result.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
    return { seconds: seconds ?? NaN, peakMiB: (kib ?? NaN) / 1024, status: result.status };
}

/** The value after `--name` on the command line, or the fallback. */
export function option(name: string, fallback: string): string {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

export function median(values: number[]): number {
    return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

/** Loads the entry point in a fresh process; returns the time and the @pulumi packages it loaded. */
export function loadOnce(entry: string): { ms: number; sdks: string[] } {
    const script = `
        const started = process.hrtime.bigint();
        require(${JSON.stringify(entry)});
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const sdks = new Set();
        for (const file of Object.keys(require.cache)) {
            const m = /node_modules[\\\\/](@pulumi[\\\\/][^\\\\/]+)/.exec(file);
            if (m) sdks.add(m[1].replace("\\\\", "/"));
        }
        process.stdout.write(JSON.stringify({ ms, sdks: [...sdks].sort() }));`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as {
        ms: number;
        sdks: string[];
    };
}
