/**
 * `perimeter diff --base REF DIR`: the program directory as committed at a git ref, written to a
 * temporary directory (`git archive`), with the working tree's `node_modules` linked in so the program
 * resolves the same packages. The directory is removed when the command ends, however it ends.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { atExit } from "../cleanup";
import { UsageError } from "../engine/errors";

export interface RefCheckout {
    /** The program directory inside the checkout. */
    readonly dir: string;
    readonly remove: () => void;
}

export function checkoutAtRef(dir: string, ref: string): RefCheckout {
    const top = git(
        dir,
        ["rev-parse", "--show-toplevel"],
        `\`${dir}\` is not inside a git repository, so \`--base\` cannot read it at a ref`,
    ).trim();
    git(
        top,
        ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`],
        `git ref \`${ref}\` does not name a commit in ${top}; use a branch, tag or commit that \`git log\` shows`,
    );
    const relative = path.relative(top, fs.realpathSync(path.resolve(dir)));
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-base-"));
    const remove = (): void => fs.rmSync(root, { recursive: true, force: true });
    const forget = atExit(remove);
    try {
        const archive = spawnSync(
            "git",
            ["-C", top, "archive", "--format=tar", ref, "--", relative === "" ? "." : relative],
            {
                maxBuffer: 1024 * 1024 * 1024,
            },
        );
        if (archive.status !== 0) {
            throw new UsageError(
                `\`git archive ${ref} -- ${relative || "."}\` failed: ${archive.stderr.toString().trim() || `exit ${archive.status}`}; is \`${relative || "."}\` in the tree at \`${ref}\`?`,
            );
        }
        const untar = spawnSync("tar", ["-x", "-C", root], { input: archive.stdout });
        if (untar.status !== 0) {
            throw new UsageError(
                `cannot unpack \`${dir}\` at \`${ref}\`: ${untar.stderr.toString().trim()}`,
            );
        }
        const checkedOut = path.join(root, relative);
        linkNodeModules(top, relative, root);
        return {
            dir: checkedOut,
            remove: () => {
                remove();
                forget();
            },
        };
    } catch (error) {
        remove();
        forget();
        throw error;
    }
}

/** Every `node_modules` from the repository root down to the program, linked at the same place. */
function linkNodeModules(top: string, relative: string, root: string): void {
    const parts = relative === "" ? [] : relative.split(path.sep);
    for (let depth = 0; depth <= parts.length; depth++) {
        const at = path.join(...[top, ...parts.slice(0, depth)], "node_modules");
        const link = path.join(...[root, ...parts.slice(0, depth)], "node_modules");
        if (fs.existsSync(at) && !fs.existsSync(link)) {
            fs.mkdirSync(path.dirname(link), { recursive: true });
            fs.symlinkSync(at, link, "dir");
        }
    }
}

function git(cwd: string, args: readonly string[], problem: string): string {
    const run = spawnSync("git", ["-C", cwd, ...args], { encoding: "utf8" });
    if (run.error !== undefined) {
        throw new UsageError(`\`--base\` needs git on the PATH: ${run.error.message}`);
    }
    if (run.status !== 0) throw new UsageError(problem);
    return run.stdout;
}
