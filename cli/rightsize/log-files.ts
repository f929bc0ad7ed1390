/**
 * Reading the clouds' exported logs as streams (`perimeter rightsize --logs PATH...`): files,
 * directories (every file below, in name order), `-` for standard input, each gunzipped when its bytes
 * start with the gzip magic number (RFC 1952, 0x1f 0x8b), whatever its name. Nothing holds more than
 * one line, or one CloudTrail delivery file (./aws/cloudtrail.ts), at a time.
 */
import { isRecord } from "../../policypack/lib/values";
import { createReadStream } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import type { SkippedRecords } from "./skipped";

/** One log source: a file, or standard input (`-`). */
export interface LogFile {
    /** As reports name it: the path given or found, or `standard input`. */
    readonly name: string;
    readonly open: () => AsyncIterable<Buffer | string>;
}

/** Every log file the paths name, directories walked in name order; an unreadable path throws. */
export async function* logFiles(
    paths: readonly string[],
    stdin: AsyncIterable<Buffer | string>,
): AsyncGenerator<LogFile> {
    for (const given of paths) {
        if (given === "-") {
            yield { name: "standard input", open: () => stdin };
            continue;
        }
        yield* filesBelow(given);
    }
}

async function* filesBelow(file: string): AsyncGenerator<LogFile> {
    const stat = await fs.stat(file);
    if (!stat.isDirectory()) {
        yield { name: file, open: () => createReadStream(file) };
        return;
    }
    const entries = (await fs.readdir(file)).sort();
    for (const entry of entries) {
        yield* filesBelow(path.join(file, entry));
    }
}

/** Each chunk of a source as a Buffer. */
async function* chunksOf(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
        yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    }
}

/**
 * The bytes of a source as they were before compression: gunzipped when they start with the gzip
 * magic number (0x1f 0x8b), as they are otherwise. A truncated or corrupt gzip stream throws after
 * the bytes it could inflate.
 */
export async function* decompressed(
    source: AsyncIterable<Buffer | string>,
): AsyncGenerator<Buffer> {
    const chunks = chunksOf(source);
    let head = Buffer.alloc(0);
    while (head.length < 2) {
        const next = await chunks.next();
        if (next.done === true) {
            if (head.length > 0) yield head;
            return;
        }
        head = Buffer.concat([head, next.value]);
    }
    const first = head;
    async function* all(): AsyncGenerator<Buffer> {
        yield first;
        yield* chunks;
    }
    if (first[0] !== 0x1f || first[1] !== 0x8b) {
        yield* all();
        return;
    }
    const input = Readable.from(all());
    const gunzip = createGunzip();
    input.on("error", (error) => gunzip.destroy(error));
    input.pipe(gunzip);
    for await (const chunk of gunzip) {
        yield chunk as Buffer;
    }
}

/** The lines of a source, decompressed, without their line ends; the last one needs no newline. */
export async function* linesOf(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
    const decoder = new StringDecoder("utf8");
    let rest = "";
    for await (const chunk of decompressed(source)) {
        rest += decoder.write(chunk);
        let start = 0;
        for (let end = rest.indexOf("\n"); end >= 0; end = rest.indexOf("\n", start)) {
            const crlf = end > start && rest.charCodeAt(end - 1) === 13;
            yield rest.slice(start, crlf ? end - 1 : end);
            start = end + 1;
        }
        rest = rest.slice(start);
    }
    rest += decoder.end();
    if (rest !== "") yield rest;
}

/**
 * Whether a file's first line opens one whole JSON document rather than JSON Lines: a JSON array
 * (`gcloud logging read --format=json`, `az monitor activity-log list`), CloudTrail's
 * `{"Records": [...]}`, or a pretty-printed object.
 */
function opensDocument(line: string): boolean {
    const start = line.trimStart();
    return start.startsWith("[") || start === "{" || /^\{\s*"Records"\s*:/.test(start);
}

/**
 * The records of one log file, as JSON values, in order. JSON Lines are read line by line; a whole
 * document (see {@link opensDocument}) is read whole, one file at a time, and its records are the items
 * of its top-level array or of its `Records` array, or the document itself. What cannot be read is
 * counted in `skipped`: a line or a file that is not JSON, a file cut short (what came before counts).
 */
export async function* jsonRecords(
    file: LogFile,
    skipped: SkippedRecords,
): AsyncGenerator<unknown> {
    let document: string[] | undefined;
    let first = true;
    try {
        for await (const line of linesOf(file.open())) {
            if (first && line.trim() !== "") {
                first = false;
                if (opensDocument(line)) document = [];
            }
            if (document !== undefined) {
                document.push(line);
                continue;
            }
            if (line.trim() === "") continue;
            try {
                yield JSON.parse(line) as unknown;
            } catch {
                skipped.add("a line that is not JSON", file.name);
            }
        }
    } catch (error) {
        // A truncated gzip, say: what was read before it counts; a half document cannot.
        skipped.add(
            `an unreadable file (${error instanceof Error ? error.message : String(error)})`,
            file.name,
        );
        return;
    }
    if (document === undefined) return;
    let parsed: unknown;
    try {
        parsed = JSON.parse(document.join("\n"));
    } catch {
        skipped.add("a file that is not JSON", file.name);
        return;
    }
    if (Array.isArray(parsed)) {
        yield* parsed as unknown[];
    } else if (isRecord(parsed) && Array.isArray(parsed["Records"])) {
        yield* parsed["Records"] as unknown[];
    } else {
        yield parsed;
    }
}

/** What a reader makes of one record: what it holds, or why it holds nothing to use. */
export type RecordRead<T> = readonly T[] | { readonly skip: string };

/**
 * Every item the records of the files hold, as `read` finds them, from `since` (milliseconds since the
 * epoch) on: the one loop of every cloud's log reader. A record `read` cannot use, or one before
 * `since` (judged by its first item), is counted in `skipped` with why.
 */
export async function* itemsOfRecords<T extends { readonly time: number }>(
    files: AsyncIterable<LogFile>,
    skipped: SkippedRecords,
    read: (record: unknown) => RecordRead<T>,
    since?: number,
): AsyncGenerator<T> {
    for await (const file of files) {
        for await (const record of jsonRecords(file, skipped)) {
            const items = read(record);
            if ("skip" in items) {
                skipped.add(items.skip, file.name);
            } else if (since !== undefined && (items[0]?.time ?? since) < since) {
                skipped.add("before --since", file.name);
            } else {
                skipped.read();
                yield* items;
            }
        }
    }
}
