import * as fs from "fs";
import * as path from "path";

/**
 * The pack's source directory. Tests also run compiled from dist/, where `__dirname/../..` is a build
 * copy without package.json or .ts files, so look upwards for the real PulumiPolicy.yaml.
 */
export function sourcePackDir(from: string = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "policypack", "PulumiPolicy.yaml"))) {
            return path.join(dir, "policypack");
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`cannot find policypack/PulumiPolicy.yaml above ${from}`);
        }
    }
}
