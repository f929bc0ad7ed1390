/**
 * Each example program run once per scenario for the whole test run (mocha loads every file in one
 * process): a run takes a second or two, and several files judge the same stack. Runs are offline under
 * mocks, transpiled only: the build type-checks the examples (the root tsconfig includes examples/),
 * and the consumer test type-checks them as installed templates. Snapshots are shared: read them, never
 * change them.
 */
import * as path from "path";
import { runProgram } from "../../cli/engine/program";
import type { StackSnapshot } from "../../cli/engine/types";
import { findInstallRoot } from "../../cli/install-root";

const runs = new Map<string, Promise<StackSnapshot>>();

/** The example at `dir` (from the repository root; `.` is the starter stack), in `scenario`. */
export function exampleRun(
    dir: string,
    scenario: "safe" | "unsafe" = "safe",
): Promise<StackSnapshot> {
    const key = `${dir} ${scenario}`;
    let run = runs.get(key);
    if (run === undefined) {
        run = runProgram({
            dir: path.join(findInstallRoot(), dir),
            transpileOnly: true,
            ...(scenario === "unsafe" ? { config: { scenario } } : {}),
        });
        runs.set(key, run);
    }
    return run;
}
