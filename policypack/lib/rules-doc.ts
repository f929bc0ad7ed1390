/**
 * Where each policy is documented: its section of docs/rules.md (generated from the policies), as a
 * `file:` URL to the copy installed with the pack, found by walking up from the pack's own files (it
 * sits beside the pack in this repository and in the `perimeter` package). A pack published alone
 * ships no docs: its policies then carry no URL.
 */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";

const MAX_LEVELS_UP = 5;
let rulesDoc: string | null | undefined;

function findRulesDoc(): string | null {
    let dir = __dirname;
    for (let level = 0; level <= MAX_LEVELS_UP; level++) {
        const candidate = path.join(dir, "docs", "rules.md");
        if (fs.existsSync(candidate)) {
            return pathToFileURL(candidate).href;
        }
        dir = path.dirname(dir);
    }
    return null;
}

/** `file:///…/docs/rules.md#<policy>`: the heading of each policy is its name, so is its anchor. */
export function rulesDocUrl(policy: string): string | undefined {
    rulesDoc ??= findRulesDoc();
    return rulesDoc === null ? undefined : `${rulesDoc}#${policy}`;
}
