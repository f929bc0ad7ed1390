import type { Evaluation, Finding, PolicyVerdict, RecordedResource } from "../engine/types";
import { createStyle, type Style } from "../terminal";
import type { ReportInput } from "./input";
import { functionLines } from "./text-functions";
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import {
    addSummaries,
    describeResource,
    groupByResource,
    groupVerdicts,
    isMandatory,
    otherCloudsLine,
    verdictStatus,
    summarize,
    type Summary,
} from "./summary";

export interface TextOptions {
    /** ANSI colours for levels and headings; the caller decides (a terminal, NO_COLOR unset). */
    readonly color: boolean;
    /** A preview's identity graph per evaluation, for the functions section (see `render.ts`). */
    readonly graphs?: readonly { readonly graph: IdentityGraph }[];
}

/**
 * The report for people: findings grouped by resource, then what was not evaluated or exempted, and a
 * closing summary line. A preview also lists the resources the program created.
 */
export function toText(input: ReportInput, options: TextOptions): string {
    const style = createStyle(options.color);
    const sections: string[] = [];
    input.evaluations.forEach((evaluation, index) => {
        const lines: string[] = [];
        if (input.combined) lines.push(style.bold(`== ${evaluation.source} ==`), "");
        lines.push(...header(input, evaluation));
        if (input.command === "preview") lines.push(...resourceTree(evaluation.resources, style));
        const graph = options.graphs?.[index]?.graph;
        if (input.command === "preview" && graph !== undefined) {
            lines.push(...functionLines(graph, style));
        }
        lines.push(...verdictLines(evaluation, style));
        lines.push(...findingLines(evaluation, style));
        lines.push(...notEvaluatedLines(evaluation, style), ...exemptedLines(evaluation, style));
        lines.push(summaryLine(summarize(evaluation), evaluation, style));
        sections.push(lines.join("\n"));
    });
    if (input.combined) {
        const total = addSummaries(input.evaluations.map(summarize));
        const sources = `${input.evaluations.length} stack${plural(input.evaluations.length)}`;
        sections.push(
            `Total: ${countFindings(total)} in ${sources}, ${total.resources} resources.`,
        );
    }
    return sections.join("\n\n") + "\n";
}

function header(input: ReportInput, evaluation: Evaluation): string[] {
    const packs = evaluation.packs.map((p) => `${p.name} ${p.version}`).join(", ");
    return [`Perimeter ${input.command} of ${evaluation.source}`, `Policy packs: ${packs}`, ""];
}

/** The resources as the program nested them; what each function may do follows in its own section. */
function resourceTree(resources: readonly RecordedResource[], style: Style): string[] {
    // Provider resources are plumbing Pulumi itself hides in a preview; so do we.
    const shown = resources.filter((r) => !r.type.startsWith("pulumi:providers:"));
    const urns = new Set(shown.map((r) => r.urn));
    const children = new Map<string | undefined, RecordedResource[]>();
    for (const resource of shown) {
        const parent =
            resource.parent !== undefined && urns.has(resource.parent)
                ? resource.parent
                : undefined;
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }
    const lines = [style.bold("Resources")];
    const walk = (parent: string | undefined, depth: number): void => {
        for (const resource of children.get(parent) ?? []) {
            lines.push(`${"  ".repeat(depth + 1)}${resource.type}  ${resource.name}`);
            walk(resource.urn, depth + 1);
        }
    };
    walk(undefined, 0);
    return [...lines, ""];
}

/**
 * One line per policy: what it concluded about this stack, so a clean run still says what was judged;
 * the policies of clouds the stack does not use share one line.
 */
function verdictLines(evaluation: Evaluation, style: Style): string[] {
    if (evaluation.verdicts.length === 0) return [];
    const grouped = groupVerdicts(evaluation);
    const lines = [style.bold("Policies")];
    const width = Math.max(0, ...grouped.listed.map((v) => v.policy.length));
    for (const verdict of grouped.listed) {
        lines.push(
            `  ${verdictLabel(verdict, style)}  ${verdict.policy.padEnd(width)}  ${scopeOf(verdict)}`,
        );
    }
    const others = otherCloudsLine(grouped.collapsed);
    if (others !== null) lines.push(`  ${style.dim("not applicable".padEnd(14))}  ${others}`);
    return [...lines, ""];
}

function verdictLabel(verdict: PolicyVerdict, style: Style): string {
    const status = verdictStatus(verdict);
    const colour = { bad: style.red, warn: style.yellow, muted: style.dim, good: style.green }[
        status.tone
    ];
    return colour(status.text.padEnd(14));
}

function scopeOf(verdict: PolicyVerdict): string {
    if (verdict.enforcementLevel === "disabled") return "";
    const judged =
        verdict.kind === "stack"
            ? "on the stack"
            : `on ${verdict.judged} resource${plural(verdict.judged)}`;
    return verdict.judged === 0
        ? verdict.enforcementLevel
        : `${verdict.enforcementLevel}, ${judged}`;
}

function findingLines(evaluation: Evaluation, style: Style): string[] {
    if (evaluation.findings.length === 0) return [];
    const lines = [style.bold(`Findings (${evaluation.findings.length})`)];
    for (const group of groupByResource(evaluation.findings)) {
        if (group.urn === null) {
            lines.push(`  ${style.bold("stack")}`);
        } else {
            const { type, name } = describeResource(group.urn, evaluation.resources);
            lines.push(`  ${style.bold(`${group.type ?? type}  ${group.name ?? name}`)}`);
            lines.push(`    ${style.dim(group.urn)}`);
        }
        for (const finding of group.findings) {
            lines.push(
                `    ${levelLabel(finding, style)}  ${finding.policy}: ${oneLine(finding.message)}`,
                `      ${style.bold("fix:")} ${oneLine(finding.remediation)}`,
            );
            if (finding.helpUri !== null) {
                lines.push(`      ${style.dim(`docs: ${oneLine(finding.helpUri)}`)}`);
            }
        }
    }
    return [...lines, ""];
}

function levelLabel(finding: Finding, style: Style): string {
    const level = finding.enforcementLevel.padEnd(9);
    const colour = isMandatory(finding.enforcementLevel) ? style.red : style.yellow;
    return `${colour(level)} ${finding.severity.padEnd(8)}`;
}

function notEvaluatedLines(evaluation: Evaluation, style: Style): string[] {
    if (evaluation.notEvaluated.length === 0) return [];
    const lines = [style.bold(`Not evaluated (${evaluation.notEvaluated.length})`)];
    for (const item of evaluation.notEvaluated) {
        const { name } = describeResource(item.urn, evaluation.resources);
        lines.push(`  ${item.policy} on ${name}: ${oneLine(item.reason)}`);
    }
    return [...lines, ""];
}

function exemptedLines(evaluation: Evaluation, style: Style): string[] {
    if (evaluation.exempted.length === 0) return [];
    const lines = [style.bold(`Exempted (${evaluation.exempted.length})`)];
    for (const item of evaluation.exempted) {
        const { name } = describeResource(item.urn, evaluation.resources);
        const expires = item.expires === null ? "" : ` (expires ${item.expires})`;
        lines.push(`  ${item.policy} on ${name}: ${oneLine(item.reason)}${expires}`);
    }
    return [...lines, ""];
}

function summaryLine(summary: Summary, evaluation: Evaluation, style: Style): string {
    const extras = [
        evaluation.notEvaluated.length > 0 ? `${evaluation.notEvaluated.length} not evaluated` : "",
        evaluation.exempted.length > 0 ? `${evaluation.exempted.length} exempted` : "",
    ].filter((s) => s !== "");
    const text =
        `${countFindings(summary)} in ${summary.resources} resource${plural(summary.resources)}` +
        (extras.length > 0 ? `; ${extras.join(", ")}` : "") +
        ".";
    const colour =
        summary.mandatory > 0 ? style.red : summary.findings > 0 ? style.yellow : style.green;
    return colour(text);
}

function countFindings(summary: Summary): string {
    if (summary.findings === 0) return "No findings";
    return (
        `${summary.findings} finding${plural(summary.findings)} ` +
        `(${summary.mandatory} mandatory, ${summary.advisory} advisory)`
    );
}

function plural(count: number): string {
    return count === 1 ? "" : "s";
}

/**
 * A message with line breaks would break the grouping, and one with escape sequences could repaint the
 * terminal: keep each finding on its line and show control characters as "?".
 */
function oneLine(text: string): string {
    return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/[\u0000-\u001f\u007f]/g, "?");
}
