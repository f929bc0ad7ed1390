import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PropertyValue } from "../../../cli/engine/types";

/** A path under test/fixtures, found from this file whether tests run from sources or from dist/. */
export function fixture(...parts: string[]): string {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "test", "fixtures"))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`no test/fixtures above ${__dirname}`);
        }
        dir = parent;
    }
    return path.join(dir, "test", "fixtures", ...parts);
}

/** A recorded property that must be a string, for `assert.match`. */
export function text(value: PropertyValue | undefined): string {
    assert.equal(typeof value, "string", `expected a string, got ${JSON.stringify(value)}`);
    return value as string;
}
