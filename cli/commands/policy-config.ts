import * as fs from "node:fs/promises";
import { UsageError } from "../engine/errors";
import type { PolicyConfigFile } from "../engine/types";

/**
 * Reads `--policy-config FILE`, the JSON `pulumi policy enable --config` takes. Only its shape is checked
 * here; whether it matches the pack's policies and their config schemas is the engine's judgement.
 */
export async function readPolicyConfig(file: string): Promise<PolicyConfigFile> {
    let text: string;
    try {
        text = await fs.readFile(file, "utf8");
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why =
            code === "ENOENT"
                ? "no such file"
                : code === "EISDIR"
                  ? "it is a directory"
                  : String(error);
        throw new UsageError(`cannot read \`--policy-config\` ${file}: ${why}`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw new UsageError(
            `\`--policy-config\` ${file} is not valid JSON: ${(error as Error).message}`,
        );
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new UsageError(
            `\`--policy-config\` ${file} must be a JSON object of policy names to enforcement levels or settings`,
        );
    }
    return parsed as PolicyConfigFile;
}
