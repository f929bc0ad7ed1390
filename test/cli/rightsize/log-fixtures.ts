/** Log files written in a test, and what a reader finds in them. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";
import { type LogFile, logFiles } from "../../../cli/rightsize/log-files";
import { SkippedRecords } from "../../../cli/rightsize/skipped";

/** A fresh directory for one test's log files. */
export function logDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-rightsize-"));
}

/** A log file with this content, in a fresh directory unless one is given; its path. */
export function writeLog(content: string | Buffer, name = "log.json", dir = logDir()): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
}

export type Reader<T> = (
    files: AsyncIterable<LogFile>,
    skipped: SkippedRecords,
    since?: number,
) => AsyncIterable<T>;

/** Everything `reader` finds in the paths (`-` reads `stdin`), and what it skipped. */
export async function readLogs<T>(
    reader: Reader<T>,
    paths: readonly string[],
    options: { since?: number; stdin?: Readable } = {},
): Promise<{ items: T[]; skipped: SkippedRecords }> {
    const skipped = new SkippedRecords();
    const items: T[] = [];
    const files = logFiles(paths, options.stdin ?? Readable.from([]));
    for await (const item of reader(files, skipped, options.since)) items.push(item);
    return { items, skipped };
}

/** Records as JSON Lines. */
export function jsonLines(records: readonly unknown[]): string {
    return records.map((record) => JSON.stringify(record)).join("\n");
}

/** Why records were skipped, sorted, each reason once. */
export function skipReasons(skipped: SkippedRecords): string[] {
    return skipped
        .reasons()
        .map((r) => r.reason)
        .sort();
}
