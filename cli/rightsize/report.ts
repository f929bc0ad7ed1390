/**
 * The right-sizing report: each function's grants against what the logs show its identity did
 * (./compare.ts), with what the logs could not show, a suggestion (./suggest.ts), and what was skipped
 * reading them. The JSON form is the stable contract of docs/cli.md ("perimeter rightsize"); the text
 * form is for people; the Markdown form for a pull-request comment.
 */
import type { FunctionComparison as Compared } from "./compare";
import type { SkipReason } from "./skipped";
import type { Suggestion } from "./suggest";

export type FunctionComparison = Compared & { readonly suggestion: Suggestion };

export const RIGHTSIZE_REPORT_VERSION = 1;

export interface RightsizeReport {
    readonly version: typeof RIGHTSIZE_REPORT_VERSION;
    readonly stack: string;
    readonly since?: string;
    readonly records: { readonly used: number; readonly skipped: readonly SkipReason[] };
    readonly functions: readonly FunctionComparison[];
    /** What the report does not cover, in words (functions of other clouds, for one). */
    readonly notCovered: readonly string[];
    readonly summary: FunctionComparison["summary"];
}

export function summaryOf(functions: readonly FunctionComparison[]): FunctionComparison["summary"] {
    const sum = (key: keyof FunctionComparison["summary"]) =>
        functions.reduce((n, f) => n + f.summary[key], 0);
    return {
        granted: sum("granted"),
        used: sum("used"),
        unused: sum("unused"),
        unobservable: sum("unobservable"),
        denied: sum("denied"),
    };
}

/** Unobservable permissions listed in text and Markdown; the JSON lists them all. */
const LISTED = 20;

/** `1,204 more (ec2 310, s3 120, ...; --format json lists them)`: the rest, by service. */
function moreByService(rest: readonly { readonly action: string }[]): string {
    const counts = new Map<string, number>();
    for (const { action } of rest) {
        const service = action.split(/[:.]/)[0] ?? action;
        counts.set(service, (counts.get(service) ?? 0) + 1);
    }
    const top = [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 8)
        .map(([service, n]) => `${service} ${n}`);
    return `${rest.length} more (${top.join(", ")}${counts.size > 8 ? ", ..." : ""}; --format json lists them)`;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `arn:aws:s3:::orders/in/1.json and 40 more`. */
function resourcesText(resources: Iterable<string>, more = 0): string {
    const list = [...resources];
    const shown = list.slice(0, 3);
    const rest = list.length - shown.length + more;
    return shown.length === 0
        ? ""
        : ` on ${shown.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`;
}

/** `aws identity 'orders-role' (arn:aws:iam::...)`: the identity, and how the logs name it when that differs. */
function identityText(f: FunctionComparison): string {
    const names = f.identities.map((i) => `'${i}'`).join(", ") || "not known";
    const shown = f.principals.filter((p) => !f.identities.some((i) => i.toLowerCase() === p));
    return `${f.cloud} identity ${names}${shown.length > 0 ? ` (${shown.join(", ")})` : ""}`;
}

function suggestionText(s: Suggestion): string[] {
    const lines: string[] = [];
    if (s.kind === "grants") {
        lines.push(`  suggested     grants of '${s.component ?? ""}':`);
        for (const g of s.grants ?? []) {
            lines.push(
                `                { name: "${g.name}", access: "${g.access}", resource: "${g.resource}"${g.prefix === undefined ? "" : `, prefix: "${g.prefix}"`} }`,
            );
        }
    }
    for (const change of s.changes) lines.push(`  change        ${change}`);
    if (s.changes.length === 0)
        lines.push("  change        none: the logs prove nothing granted unused");
    for (const note of s.notes) lines.push(`  note          ${note}`);
    for (const narrowed of s.documents ?? []) {
        lines.push(
            `  narrowed      ${narrowed.description}, without ${narrowed.removed.join(", ")}:`,
        );
        for (const line of JSON.stringify(narrowed.document, null, 2).split("\n")) {
            lines.push(`                ${line}`);
        }
    }
    return lines;
}

function functionText(f: FunctionComparison): string[] {
    const s = f.summary;
    const lines = [
        `function ${f.functions.map((n) => `'${n}'`).join(", ")} (${identityText(f)})`,
        `  granted ${s.granted} actions: ${s.used} used, ${s.unused} unused, ${s.unobservable} unobservable; ${s.denied} refused`,
    ];
    for (const use of f.used) {
        const note = use.granted
            ? ""
            : " (needs no grant of its own, or is granted outside the stack)";
        lines.push(
            `  used          ${use.action} ×${use.count} (${day(use.first)} to ${day(use.last)})${resourcesText(use.resources, use.moreResources)}${note}`,
        );
    }
    for (const unused of f.unused) {
        lines.push(`  unused        ${unused.action}${resourcesText(unused.resources)}`);
    }
    if (f.unobservable.length > 0) {
        lines.push(`  unobservable  (${f.howToObserve})`);
        for (const unseen of f.unobservable.slice(0, LISTED)) {
            lines.push(`                ${unseen.action}${resourcesText(unseen.resources)}`);
        }
    }
    if (f.unobservable.length > LISTED) {
        lines.push(`                and ${moreByService(f.unobservable.slice(LISTED))}`);
    }
    for (const refused of f.denied) {
        lines.push(
            `  refused       ${refused.action} ×${refused.count}${resourcesText(refused.resources, refused.moreResources)}: the function asked for it and lacks it`,
        );
    }
    for (const { event, count } of f.unmapped) {
        lines.push(`  unmapped      ${event} ×${count}: no IAM action is known for this event`);
    }
    for (const g of f.grants) {
        if (g.touchedUnder !== undefined && g.touched.length > 1) {
            lines.push(`  touched       ${g.target} (${g.access}): only under ${g.touchedUnder}`);
        }
    }
    for (const why of f.incomplete) lines.push(`  incomplete    ${why}`);
    lines.push(...suggestionText(f.suggestion));
    return lines;
}

/** A Markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function functionMarkdown(f: FunctionComparison): string[] {
    const s = f.summary;
    const rows: string[] = [];
    const row = (verdict: string, action: string, detail: string) =>
        rows.push(`| ${verdict} | \`${cell(action)}\` | ${cell(detail)} |`);
    for (const use of f.used) {
        row(
            use.granted ? "used" : "used, not granted here",
            use.action,
            `×${use.count}, ${day(use.first)} to ${day(use.last)}${resourcesText(use.resources, use.moreResources)}`,
        );
    }
    for (const unused of f.unused)
        row("**unused**", unused.action, resourcesText(unused.resources).trim());
    for (const refused of f.denied) {
        row(
            "**refused**",
            refused.action,
            `×${refused.count}: needs it and lacks it${resourcesText(refused.resources, refused.moreResources)}`,
        );
    }
    for (const unseen of f.unobservable.slice(0, LISTED))
        row("unobservable", unseen.action, resourcesText(unseen.resources).trim());
    if (f.unobservable.length > LISTED)
        row("unobservable", "…", moreByService(f.unobservable.slice(LISTED)));
    const lines = [
        `### ${f.functions.map((n) => `\`${cell(n)}\``).join(", ")}`,
        "",
        `${cell(identityText(f))}: granted ${s.granted} actions, ${s.used} used, ${s.unused} unused, ${s.unobservable} unobservable; ${s.denied} refused.`,
    ];
    if (rows.length > 0) lines.push("", "| | Action | |", "|---|---|---|", ...rows);
    for (const { event, count } of f.unmapped)
        lines.push("", `- unmapped: \`${cell(event)}\` ×${count}`);
    for (const why of f.incomplete) lines.push("", `- incomplete: ${cell(why)}`);
    const suggestion = f.suggestion;
    if (suggestion.kind === "grants") {
        lines.push(
            "",
            `Suggested \`grants\` of \`${cell(suggestion.component ?? "")}\`:`,
            "",
            "```ts",
            "grants: [",
        );
        for (const g of suggestion.grants ?? []) {
            lines.push(
                `    { name: "${g.name}", access: "${g.access}", resource: "${g.resource}"${g.prefix === undefined ? "" : `, prefix: "${g.prefix}"`} },`,
            );
        }
        lines.push("],", "```");
    }
    for (const change of suggestion.changes) lines.push("", `- change: ${cell(change)}`);
    for (const note of suggestion.notes) lines.push("", `- note: ${cell(note)}`);
    for (const narrowed of suggestion.documents ?? []) {
        lines.push(
            "",
            `Narrowed ${cell(narrowed.description)}, without ${narrowed.removed.map((a) => `\`${a}\``).join(", ")}:`,
            "",
            "```json",
            JSON.stringify(narrowed.document, null, 2),
            "```",
        );
    }
    return lines;
}

/** For a pull-request comment: a summary, then a table per function. */
function renderMarkdown(report: RightsizeReport): string {
    const s = report.summary;
    const lines = [
        `## perimeter rightsize: ${cell(report.stack)}`,
        "",
        `${report.records.used} records${report.since === undefined ? "" : ` since ${report.since}`}; ${report.functions.length} functions; granted ${s.granted} actions: **${s.used} used, ${s.unused} unused**, ${s.unobservable} unobservable (the logs cannot show them either way); ${s.denied} refused.`,
    ];
    for (const skip of report.records.skipped) {
        lines.push("", `- skipped ${skip.count} × ${cell(skip.reason)}`);
    }
    for (const note of report.notCovered) lines.push("", `- not covered: ${cell(note)}`);
    for (const f of report.functions) lines.push("", ...functionMarkdown(f));
    return `${lines.join("\n")}\n`;
}

export function renderRightsize(
    report: RightsizeReport,
    format: "text" | "json" | "markdown",
): string {
    if (format === "json") return `${JSON.stringify(report, jsonValue, 2)}\n`;
    if (format === "markdown") return renderMarkdown(report);
    const s = report.summary;
    const lines = [
        `perimeter rightsize: ${report.stack}${report.since === undefined ? "" : ` since ${report.since}`}`,
        `${report.records.used} records used; ${report.functions.length} functions; granted ${s.granted} actions: ${s.used} used, ${s.unused} unused, ${s.unobservable} unobservable; ${s.denied} refused`,
    ];
    for (const skip of report.records.skipped) {
        lines.push(`  skipped ${skip.count} × ${skip.reason} (first in ${skip.file})`);
    }
    for (const note of report.notCovered) lines.push(`  not covered: ${note}`);
    for (const f of report.functions) lines.push("", ...functionText(f));
    return `${lines.join("\n")}\n`;
}

/** Sets as lists, times as ISO 8601: the JSON contract's shapes. */
function jsonValue(key: string, value: unknown): unknown {
    if (value instanceof Set) return [...(value as Set<unknown>)];
    if ((key === "first" || key === "last") && typeof value === "number") {
        return new Date(value).toISOString();
    }
    return value;
}
