/**
 * Where things are in a checkout, from sources or from a compiled copy under dist/: the repository root
 * (the directory holding policypack/PulumiPolicy.yaml) and ../shared/data beside it, the reference data
 * the generators read (present on developer machines and in CI).
 */
import * as fs from "fs";
import * as path from "path";

export function repositoryRoot(from: string = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "policypack", "PulumiPolicy.yaml"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`cannot find policypack/PulumiPolicy.yaml above ${from}`);
        }
    }
}

/** ../shared/data next to the checkout. */
export function sharedDataDir(): string {
    return path.join(repositoryRoot(), "..", "shared", "data");
}

/** A checked-in data file of the pack, in the source tree. */
export function packDataPath(file: string): string {
    return path.join(repositoryRoot(), "policypack", "data", file);
}
