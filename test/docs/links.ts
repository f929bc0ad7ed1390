/**
 * Headings and links of a Markdown file, enough to check that every relative link of a document
 * points at a file that exists and, with a `#fragment`, at a heading GitHub anchors there.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Slugger } from "../../scripts/docs/markdown";

/** Lines outside fenced code blocks. */
function proseLines(text: string): string[] {
    let fenced = false;
    return text.split("\n").filter((line) => {
        if (/^\s*```/.test(line)) {
            fenced = !fenced;
            return false;
        }
        return !fenced;
    });
}

/** The anchors GitHub gives the headings of a Markdown text, in order. */
export function headingAnchors(text: string): Set<string> {
    const slugger = new Slugger();
    const anchors = new Set<string>();
    for (const line of proseLines(text)) {
        const heading = /^#{1,6}\s+(.*)$/.exec(line)?.[1];
        if (heading !== undefined) {
            const rendered = heading
                .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
                .replace(/\\(.)/g, "$1")
                .replace(/`/g, "");
            anchors.add(slugger.slug(rendered));
        }
    }
    return anchors;
}

/** Relative link targets (`file.md`, `file.md#anchor`, `#anchor`) outside code. */
export function relativeLinks(text: string): string[] {
    const links: string[] = [];
    for (const line of proseLines(text)) {
        for (const match of line.matchAll(/\]\(([^)\s]+)\)/g)) {
            const target = match[1] ?? "";
            if (!/^[a-z]+:/i.test(target)) {
                links.push(target);
            }
        }
    }
    return links;
}

/** Every broken relative link of `file`, as `target: why`. */
export function brokenLinks(file: string, text: string = fs.readFileSync(file, "utf8")): string[] {
    const broken: string[] = [];
    for (const link of relativeLinks(text)) {
        const [target = "", fragment] = link.split("#");
        const resolved = target === "" ? file : path.resolve(path.dirname(file), target);
        if (!fs.existsSync(resolved)) {
            broken.push(`${link}: no such file`);
            continue;
        }
        if (fragment !== undefined && resolved.endsWith(".md")) {
            const other = resolved === file ? text : fs.readFileSync(resolved, "utf8");
            if (!headingAnchors(other).has(fragment)) {
                broken.push(`${link}: no heading with that anchor`);
            }
        }
    }
    return broken;
}
