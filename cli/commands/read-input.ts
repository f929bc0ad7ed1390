/** Reading what a command is given (files, standard input), with errors a person can act on. */
import * as fs from "node:fs/promises";
import { UsageError } from "../engine/errors";

export async function readAll(stream: AsyncIterable<Buffer | string>): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
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

/** A stack export file's text; a usage error naming the file when it cannot be read. */
export async function readExportFile(file: string): Promise<string> {
    try {
        return await fs.readFile(file, "utf8");
    } catch (error) {
        throw new UsageError(`cannot read \`${file}\`: ${describeError(error)}`);
    }
}
