/**
 * Reads a JSON file the pack ships under data/. The compiled file sits at different depths
 * (policypack/bin/lib, dist/policypack/lib, or the sources under ts-node, a folder deeper for a cloud), so look upwards.
 * Callers cache the parsed result: a pack answers every Analyze call of a stack from one process.
 */
import * as fs from "fs";
import * as path from "path";

export function readPackDataFile(fileName: string): unknown {
    let dir = __dirname;
    for (let depth = 0; depth < 7; depth += 1) {
        const candidate = path.join(dir, "data", fileName);
        if (fs.existsSync(candidate)) {
            return JSON.parse(fs.readFileSync(candidate, "utf8")) as unknown;
        }
        dir = path.dirname(dir);
    }
    throw new Error(
        `cannot find data/${fileName} above ${__dirname}; the policy pack is incomplete`,
    );
}
