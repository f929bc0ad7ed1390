/** Reading what a command is given (files, standard input), with errors a person can act on. */
import { constants } from "node:buffer";
import * as fs from "node:fs/promises";
import { UsageError } from "../engine/errors";

/**
 * The largest stack export perimeter reads, from a file or standard input alike: the longest string
 * this Node can hold (`buffer.constants.MAX_STRING_LENGTH`, 2^29 - 24 on 64-bit Node 20), since a longer
 * export could not become the text `JSON.parse` reads anyway. Saying so before reading it all keeps
 * `audit -` from reading /dev/zero until memory runs out.
 */
export const MAX_INPUT_BYTES = constants.MAX_STRING_LENGTH;

function tooLarge(source: string, limit: number): UsageError {
    return new UsageError(
        `${source} is larger than ${limit.toLocaleString("en-US")} bytes, the largest stack export perimeter reads; audit the stack in parts or trim its outputs`,
    );
}

/** Standard input, whole, up to `limit` bytes; a usage error as soon as it is longer. */
export async function readAll(
    stream: AsyncIterable<Buffer | string>,
    source = "standard input",
    limit = MAX_INPUT_BYTES,
): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
        const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        size += buffer.length;
        if (size > limit) {
            throw tooLarge(source, limit);
        }
        chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
}

/** Why a file could not be read, in words. */
export function describeError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "no such file or directory";
    if (code === "EACCES") return "permission denied";
    if (code === "EISDIR") return "it is a directory";
    return error instanceof Error ? error.message : String(error);
}

/** A stack export file's text; a usage error naming the file when it cannot be read or is too large. */
export async function readExportFile(file: string, limit = MAX_INPUT_BYTES): Promise<string> {
    let size: number;
    try {
        size = (await fs.stat(file)).size;
    } catch (error) {
        throw new UsageError(`cannot read \`${file}\`: ${describeError(error)}`);
    }
    if (size > limit) {
        throw tooLarge(`\`${file}\``, limit);
    }
    try {
        return await fs.readFile(file, "utf8");
    } catch (error) {
        throw new UsageError(`cannot read \`${file}\`: ${describeError(error)}`);
    }
}
