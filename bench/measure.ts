/** What every benchmark script needs: flags, medians, and a module load in a fresh process. */
import { execFileSync } from "child_process";

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
