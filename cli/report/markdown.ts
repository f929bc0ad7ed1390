import type { Evaluation } from "../engine/types";
import type * as GraphSection from "../graph/markdown-section";
import type { ReportInput } from "./input";
import {
    addSummaries,
    describeResource,
    groupByResource,
    summarize,
    type Summary,
} from "./summary";

/**
 * Markdown for pull-request comments and job summaries: a summary table, the identity graph as a
 * Mermaid diagram, then the findings grouped by resource, then what was not evaluated or exempted. Every value from a stack or a pack goes through
 * `escapeCell`, so a message cannot break a table or inject markup.
 */
export function toMarkdown(input: ReportInput): string {
    const lines = [`# Perimeter ${input.command} report`, ""];
    if (input.combined) {
        lines.push(
            ...summaryTable(addSummaries(input.evaluations.map(summarize)), input.evaluations),
        );
    }
    for (const evaluation of input.evaluations) {
        const level = input.combined ? "###" : "##";
        if (input.combined) lines.push(`## ${escapeCell(evaluation.source)}`, "");
        else lines.push(`Source: ${escapeCell(evaluation.source)}`, "");
        if (!input.combined) lines.push(...summaryTable(summarize(evaluation), [evaluation]));
        lines.push(...identityGraphSection(evaluation, level));
        lines.push(...findingSections(evaluation, level));
        lines.push(...notEvaluatedTable(evaluation, level), ...exemptedTable(evaluation, level));
    }
    return lines.join("\n").replace(/\n+$/, "") + "\n";
}

/**
 * Loaded on first use: building the graph reads properties through @pulumi/policy, which loads the
 * Pulumi SDK (over a second) that the other formats and `perimeter --help` do not need.
 */
function identityGraphSection(evaluation: Evaluation, level: string): string[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { mermaidGraphSection } = require("../graph/markdown-section") as typeof GraphSection;
    return mermaidGraphSection(evaluation, level);
}

function summaryTable(summary: Summary, evaluations: readonly Evaluation[]): string[] {
    const packs = [
        ...new Set(evaluations.flatMap((e) => e.packs.map((p) => `${p.name} ${p.version}`))),
    ];
    const notEvaluated = evaluations.reduce((n, e) => n + e.notEvaluated.length, 0);
    const exempted = evaluations.reduce((n, e) => n + e.exempted.length, 0);
    return [
        "| Resources | Findings | Mandatory | Advisory | Not evaluated | Exempted |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        `| ${summary.resources} | ${summary.findings} | ${summary.mandatory} | ${summary.advisory} | ${notEvaluated} | ${exempted} |`,
        "",
        `Policy packs: ${packs.map(escapeCell).join(", ")}`,
        "",
    ];
}

function findingSections(evaluation: Evaluation, level: string): string[] {
    if (evaluation.findings.length === 0) return ["No findings.", ""];
    const lines = [`${level} Findings`, ""];
    for (const group of groupByResource(evaluation.findings)) {
        const { type, name } = describeResource(group.urn, evaluation.resources);
        const title =
            group.urn === null
                ? "Stack"
                : `${escapeCell(group.name ?? name)} (${escapeCell(group.type ?? type)})`;
        lines.push(`${level}# ${title}`, "");
        if (group.urn !== null) lines.push(`URN: ${escapeCell(group.urn)}`, "");
        lines.push(
            "| Level | Severity | Policy | Message | How to fix |",
            "| --- | --- | --- | --- | --- |",
        );
        for (const f of group.findings) {
            const policy =
                f.helpUri === null || linkTarget(f.helpUri) === null
                    ? escapeCell(f.policy)
                    : `[${escapeCell(f.policy)}](${linkTarget(f.helpUri)})`;
            lines.push(
                `| ${f.enforcementLevel} | ${f.severity} | ${policy} | ${escapeCell(f.message)} | ${escapeCell(f.remediation)} |`,
            );
        }
        lines.push("");
    }
    return lines;
}

function notEvaluatedTable(evaluation: Evaluation, level: string): string[] {
    if (evaluation.notEvaluated.length === 0) return [];
    const lines = [
        `${level} Not evaluated`,
        "",
        "| Policy | Resource | Reason |",
        "| --- | --- | --- |",
    ];
    for (const item of evaluation.notEvaluated) {
        const { name } = describeResource(item.urn, evaluation.resources);
        lines.push(
            `| ${escapeCell(item.policy)} | ${escapeCell(name)} | ${escapeCell(item.reason)} |`,
        );
    }
    return [...lines, ""];
}

function exemptedTable(evaluation: Evaluation, level: string): string[] {
    if (evaluation.exempted.length === 0) return [];
    const lines = [
        `${level} Exempted`,
        "",
        "| Policy | Resource | Reason | Expires |",
        "| --- | --- | --- | --- |",
    ];
    for (const item of evaluation.exempted) {
        const { name } = describeResource(item.urn, evaluation.resources);
        const expires = item.expires === null ? "never" : escapeCell(item.expires);
        lines.push(
            `| ${escapeCell(item.policy)} | ${escapeCell(name)} | ${escapeCell(item.reason)} | ${expires} |`,
        );
    }
    return [...lines, ""];
}

/**
 * A link target that cannot end the link or the cell: http(s) and file URLs only, with the characters
 * Markdown would read as syntax percent-encoded; null for anything else.
 */
export function linkTarget(url: string): string | null {
    if (!/^(https?|file):\/\//i.test(url)) return null;
    return url.replace(
        /[\s()<>|[\]`\\]/g,
        (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`,
    );
}

/**
 * Makes text safe inside a table cell or a line of prose: pipes would end the cell, line breaks the
 * row, and HTML or emphasis characters would render as markup instead of the value.
 */
export function escapeCell(text: string): string {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`)
        .replace(/\r?\n|\r/g, "<br>");
}
