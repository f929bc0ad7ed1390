/**
 * Runs the `perimeter` command as a user does: `node bin/perimeter.js` in a child process, over the
 * compiled CLI in dist/ (build first: `npx tsc -b tsconfig.json policypack/tsconfig.json`).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { findInstallRoot } from "../../../cli/install-root";

export const ROOT = findInstallRoot();
export const FIXTURES = path.join(ROOT, "test/fixtures/cli");
const EXPORTS = path.join(FIXTURES, "exports");
export const TEST_PACK = path.join(FIXTURES, "packs/test-pack");
export const PROGRAMS = path.join(ROOT, "test/fixtures/programs");
export const ADMIN_POLICY_URN = "urn:pulumi:dev::shop::aws:iam/rolePolicy:RolePolicy::api-policy";

export interface Run {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

export function perimeter(
    args: readonly string[],
    options: { input?: string; cwd?: string } = {},
): Run {
    const result = spawnSync(process.execPath, [path.join(ROOT, "bin/perimeter.js"), ...args], {
        cwd: options.cwd ?? ROOT,
        input: options.input ?? "",
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "" },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function exportFile(name: string): string {
    return path.join(EXPORTS, name);
}

/** Audits with the fixture pack, relative paths so reports name the files as a user typed them. */
export function audit(files: readonly string[], ...flags: string[]): Run {
    return perimeter(["audit", ...files, "--policy-pack", TEST_PACK, ...flags]);
}

/** Exit code 2, nothing on stdout, and exactly one line `perimeter: <reason>` on stderr. */
export function assertUsageError(run: Run, reason: RegExp): void {
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stdout, "");
    const lines = run.stderr.split("\n").filter((line) => line !== "");
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0] ?? "", /^perimeter: /);
    assert.match(lines[0] ?? "", reason);
}
