import { randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { UsageError } from "../engine/errors";
import type { Finding } from "../engine/types";
import { isMandatory } from "../report/summary";
import type { FailOn } from "./args";

/**
 * Writes `--output FILE` whole or not at all: the report goes to a temporary file in the same directory
 * (so the rename cannot cross file systems), is flushed to disk, then renamed over FILE. A reader never
 * sees half a report, and a failure leaves FILE as it was and no temporary file behind.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
    const target = path.resolve(file);
    const temp = path.join(
        path.dirname(target),
        `.perimeter-tmp-${process.pid}-${randomBytes(6).toString("hex")}`,
    );
    try {
        const handle = await fs.open(temp, "wx");
        try {
            await handle.writeFile(content, "utf8");
            await handle.sync();
        } finally {
            await handle.close();
        }
        await fs.rename(temp, target);
    } catch (error) {
        await fs.rm(temp, { force: true });
        throw new UsageError(`cannot write the report to \`${file}\`: ${reason(error)}`);
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
