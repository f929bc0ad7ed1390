import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { atExit } from "../cleanup";
import { UsageError } from "../engine/errors";
import type { Finding } from "../engine/types";
import { isMandatory } from "../report/summary";
import type { FailOn } from "./args";

/** Where a report goes: a regular file to replace, or a device or pipe to write into. */
type Destination =
    | { readonly kind: "file"; readonly path: string; readonly mode?: number }
    | { readonly kind: "stream"; readonly path: string };

/**
 * What `--output FILE` names, checked before anything is written. A symbolic link is followed (the
 * report replaces the file it points to; the link stays); a character device or a pipe is written into,
 * as a shell redirection would (`-o /dev/null`), never replaced; a directory, socket, block device or a
 * read-only file is refused.
 */
async function destinationOf(file: string): Promise<Destination> {
    const given = path.resolve(file);
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    let target = given;
    try {
        stat = await fs.lstat(given);
        if (stat.isSymbolicLink()) {
            target = await fs.realpath(given);
            stat = await fs.stat(target);
        }
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
            if (target === given && (await isDanglingLink(given))) {
                throw new UsageError(
                    `cannot write the report to \`${file}\`: it is a symbolic link to a file that does not exist; name the file itself`,
                );
            }
            return { kind: "file", path: target };
        }
        throw new UsageError(`cannot write the report to \`${file}\`: ${reason(error)}`);
    }
    if (stat.isCharacterDevice() || stat.isFIFO()) {
        return { kind: "stream", path: target };
    }
    if (!stat.isFile()) {
        throw new UsageError(
            `cannot write the report to \`${file}\`: it is ${stat.isDirectory() ? "a directory" : "not a regular file"}; name a file, or \`-\` for standard output`,
        );
    }
    // Checked on the mode bits, not access(2): as root every file is writable.
    if ((stat.mode & 0o222) === 0) {
        throw new UsageError(
            `cannot write the report to \`${file}\`: it is read-only; make it writable or choose another file`,
        );
    }
    return { kind: "file", path: target, mode: stat.mode & 0o7777 };
}

async function isDanglingLink(file: string): Promise<boolean> {
    try {
        return (await fs.lstat(file)).isSymbolicLink();
    } catch {
        return false;
    }
}

/**
 * A command's output: to standard output, or to `--output FILE` whole or not at all, saying where it
 * went when a person is at the terminal (a pipeline does not want to know).
 */
export async function writeOutput(
    io: {
        readonly stdout: { write(text: string): unknown };
        readonly stderr: { readonly isTTY?: boolean; write(text: string): unknown };
    },
    output: string | undefined,
    text: string,
    what: string,
): Promise<void> {
    if (output === undefined) {
        io.stdout.write(text);
        return;
    }
    await writeFileAtomic(output, text);
    if (io.stderr.isTTY === true) io.stderr.write(`perimeter: wrote ${what} to ${output}\n`);
}

/**
 * Writes `--output FILE` whole or not at all: the report goes to a temporary file in the same directory
 * (so the rename cannot cross file systems), is flushed to disk, given the replaced file's mode, then
 * renamed over FILE. A reader never sees half a report, and a failure leaves FILE as it was and no
 * temporary file behind. A device or pipe is written into instead (see `destinationOf`).
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
    const destination = await destinationOf(file);
    if (destination.kind === "stream") {
        try {
            await fs.writeFile(destination.path, content, { encoding: "utf8", flag: "w" });
        } catch (error) {
            throw new UsageError(`cannot write the report to \`${file}\`: ${reason(error)}`);
        }
        return;
    }
    const target = destination.path;
    const temp = path.join(
        path.dirname(target),
        `.perimeter-tmp-${process.pid}-${randomBytes(6).toString("hex")}`,
    );
    // A signal during the write must not leave the temporary file behind (../cleanup.ts).
    const forget = atExit(() => rmSync(temp, { force: true }));
    try {
        const handle = await fs.open(temp, "wx");
        try {
            await handle.writeFile(content, "utf8");
            if (destination.mode !== undefined) {
                await handle.chmod(destination.mode);
            }
            await handle.sync();
        } finally {
            await handle.close();
        }
        await fs.rename(temp, target);
    } catch (error) {
        await fs.rm(temp, { force: true });
        throw new UsageError(`cannot write the report to \`${file}\`: ${reason(error)}`);
    } finally {
        forget();
    }
}

function reason(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
        case "ENOENT":
            return "its directory does not exist";
        case "EISDIR":
        case "ENOTEMPTY":
        case "EEXIST":
            return "it is a directory";
        case "EACCES":
        case "EPERM":
            return "permission denied";
        case "ENOTDIR":
            return "a part of the path is not a directory";
        case "ENOSPC":
            return "no space left on the device";
        default:
            return error instanceof Error ? error.message : String(error);
    }
}

/** 1 when any finding is at or above the `--fail-on` level, else 0. */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): 0 | 1 {
    const failing = findings.some((f) =>
        failOn === "mandatory"
            ? isMandatory(f.enforcementLevel)
            : failOn === "advisory"
              ? f.enforcementLevel !== "disabled"
              : false,
    );
    return failing ? 1 : 0;
}
