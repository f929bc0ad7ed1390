import * as fs from "node:fs";
import * as path from "node:path";

/** What the reports say about the tool that wrote them. */
export interface ToolInfo {
    readonly name: string;
    readonly version: string;
    readonly informationUri?: string;
}

interface RootManifest {
    readonly name?: unknown;
    readonly version?: unknown;
    readonly homepage?: unknown;
}

/**
 * The directory of the `perimeter` package. The CLI runs both compiled (dist/cli/main.js) and from
 * source under ts-node (cli/main.ts), so walk up instead of assuming a fixed depth.
 */
export function findInstallRoot(from: string = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const manifest = readManifest(path.join(dir, "package.json"));
        if (manifest?.name === "perimeter") {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`cannot find the perimeter package above ${from}`);
        }
    }
}

/** Our own policy pack, the default of `--policy-pack`. */
export function defaultPolicyPackDir(): string {
    return path.join(findInstallRoot(), "policypack");
}

export function toolInfo(): ToolInfo {
    const manifest = readManifest(path.join(findInstallRoot(), "package.json"));
    const version = typeof manifest?.version === "string" ? manifest.version : "0.0.0";
    const homepage = typeof manifest?.homepage === "string" ? manifest.homepage : undefined;
    return homepage === undefined
        ? { name: "perimeter", version }
        : { name: "perimeter", version, informationUri: homepage };
}

function readManifest(file: string): RootManifest | undefined {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        // No package.json at this level: keep walking up.
        return undefined;
    }
    return JSON.parse(text) as RootManifest;
}
