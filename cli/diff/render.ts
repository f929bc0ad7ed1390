/**
 * The formats of `perimeter diff`: text for a terminal, JSON (a documented contract, docs/cli.md),
 * Markdown for a pull-request comment, SARIF for code scanning.
 */
import type * as sarif from "sarif";
import { RISK_CATEGORIES, RISK_CATEGORY_LABELS } from "../../policypack/lib/graph/model";
import type { Finding } from "../engine/types";
import type { ToolInfo } from "../report/input";
import { escapeCell } from "../report/markdown";
import { printable } from "../report/printable";
import { sarifText } from "../report/sarif";
import type { Invoker, PermissionLine } from "./access";
import type { DiffFailLevel, DiffFormat, FunctionDiff, StackDiff } from "./compare";
import { categoryLabel, groupLines, groupText, type PermissionGroup } from "./lines";

export interface DiffReport {
    readonly tool: ToolInfo;
    /** How each side was named on the command line (a file, a directory, `DIR@REF`). */
    readonly before: string;
    readonly after: string;
    readonly diff: StackDiff;
    readonly failOn: DiffFailLevel;
    /** Why the command exits 1; empty when it exits 0. */
    readonly failures: readonly string[];
}

export function renderDiff(format: DiffFormat, report: DiffReport): string {
    switch (format) {
        case "text":
            return diffText(report);
        case "json":
            return diffJson(report);
        case "markdown":
            return diffMarkdown(report);
        case "sarif":
            return diffSarif(report);
    }
}

const CHANGE_MARK = { added: "+", removed: "-", changed: "~" } as const;

function headline(report: DiffReport): string {
    const s = report.diff.summary;
    if (s.functionsChanged === 0 && s.findingsAdded + s.findingsResolved === 0) {
        return "No function's permissions or invokers changed.";
    }
    const dangerous = RISK_CATEGORIES.filter((c) => s.addedByCategory[c] > 0)
        .map((c) => `${s.addedByCategory[c]} ${RISK_CATEGORY_LABELS[c]}`)
        .join(", ");
    return [
        `${s.functionsChanged} function${s.functionsChanged === 1 ? "" : "s"} changed`,
        `${s.permissionsAdded} permission${s.permissionsAdded === 1 ? "" : "s"} added${dangerous === "" ? "" : ` (${dangerous})`}`,
        `${s.permissionsRemoved} removed`,
        `${s.invokersAdded} invoker${s.invokersAdded === 1 ? "" : "s"} added${s.publicInvokersAdded > 0 ? ` (${s.publicInvokersAdded} public)` : ""}`,
        `findings: ${s.findingsAdded} new, ${s.findingsResolved} resolved`,
    ].join("; ");
}

function verdict(report: DiffReport): string {
    return report.failures.length === 0
        ? `Passes --fail-on ${report.failOn}.`
        : `Fails --fail-on ${report.failOn}: ${report.failures.join("; ")}.`;
}

/** One line of a function: its mark, what changed, and for a permission group its risk. */
interface ChangeLine {
    readonly mark: string;
    readonly text: string;
    readonly risk?: string;
}

/** The lines of one function, without the heading: what a person reads in every text format. */
function functionLines(f: FunctionDiff): ChangeLine[] {
    const lines: ChangeLine[] = [];
    if (f.identities !== undefined) {
        lines.push({
            mark: "!",
            text: `identity replaced: ${f.identities.before.join(", ") || "(none)"} → ${f.identities.after.join(", ") || "(none)"}`,
        });
    }
    for (const other of f.nowSharesIdentityWith) {
        lines.push({ mark: "!", text: `now shares its identity with ${other}` });
    }
    const permission = (mark: string) => (g: PermissionGroup) =>
        lines.push({ mark, text: groupText(g), risk: categoryLabel(g.category) });
    groupLines(f.permissionsAdded).forEach(permission("+"));
    groupLines(f.permissionsRemoved).forEach(permission("-"));
    const invoker = (mark: string) => (i: Invoker) =>
        lines.push({
            mark,
            text: `invoker ${i.label}${i.detail.length > 0 ? ` (${i.detail.join("; ")})` : ""}`,
        });
    f.invokersAdded.forEach(invoker("+"));
    f.invokersRemoved.forEach(invoker("-"));
    for (const u of f.unreadableAdded) lines.push({ mark: "+?", text: `unreadable grant: ${u}` });
    for (const u of f.unreadableRemoved) lines.push({ mark: "-?", text: `unreadable grant: ${u}` });
    if (!f.complete && f.unreadableAdded.length === 0) {
        lines.push({
            mark: "?",
            text: "some grant could not be read (a value unknown in preview)",
        });
    }
    return lines;
}

function functionHeading(f: FunctionDiff): string {
    const what =
        f.change === "added"
            ? "new function"
            : f.change === "removed"
              ? "removed function"
              : "changed";
    return `${CHANGE_MARK[f.change]} ${f.label} (${f.type ?? f.cloud ?? "function"}, ${what})`;
}

function findingText(f: Finding): string {
    return `${f.policy} [${f.enforcementLevel}] ${f.resourceName ?? "stack"}: ${f.message}`;
}

function diffText(report: DiffReport): string {
    const out = [`perimeter diff ${report.before} → ${report.after}`, headline(report), ""];
    for (const f of report.diff.functions) {
        out.push(printable(functionHeading(f)));
        for (const line of functionLines(f)) {
            const risk = line.risk === undefined ? "" : `  [${line.risk}]`;
            out.push(printable(`    ${line.mark} ${line.text}${risk}`));
        }
        out.push("");
    }
    const { added, resolved } = report.diff.findings;
    if (added.length + resolved.length > 0) {
        out.push("Findings of the policy packs:");
        for (const f of added) out.push(printable(`    + ${findingText(f)}`));
        for (const f of resolved) out.push(printable(`    - ${findingText(f)}`));
        out.push("");
    }
    out.push(verdict(report));
    return out.join("\n") + "\n";
}

/** The JSON contract (docs/cli.md, "perimeter diff"): version 1. */
function diffJson(report: DiffReport): string {
    const line = (p: PermissionLine) => ({
        action: p.action,
        resource: p.resource,
        conditions: p.conditions,
        categories: p.categories,
    });
    const invoker = (i: Invoker) => ({
        id: i.id,
        label: i.label,
        public: i.public,
        detail: i.detail,
    });
    const finding = (f: Finding) => ({
        policyPack: f.policyPack,
        policy: f.policy,
        enforcementLevel: f.enforcementLevel,
        severity: f.severity,
        urn: f.urn,
        message: f.message,
        findingKey: f.findingKey,
    });
    const json = {
        version: 1,
        tool: { name: report.tool.name, version: report.tool.version },
        before: report.before,
        after: report.after,
        summary: report.diff.summary,
        failOn: report.failOn,
        failures: report.failures,
        functions: report.diff.functions.map((f) => ({
            id: f.id,
            label: f.label,
            cloud: f.cloud,
            type: f.type ?? null,
            change: f.change,
            identities: f.identities ?? null,
            nowSharesIdentityWith: f.nowSharesIdentityWith,
            permissionsAdded: f.permissionsAdded.map(line),
            permissionsRemoved: f.permissionsRemoved.map(line),
            invokersAdded: f.invokersAdded.map(invoker),
            invokersRemoved: f.invokersRemoved.map(invoker),
            unreadableAdded: f.unreadableAdded,
            unreadableRemoved: f.unreadableRemoved,
            complete: f.complete,
        })),
        findings: {
            added: report.diff.findings.added.map(finding),
            resolved: report.diff.findings.resolved.map(finding),
        },
    };
    return JSON.stringify(json, null, 2) + "\n";
}

/**
 * GitHub refuses a comment longer than 65,536 characters ("Body is too long (maximum is 65536
 * characters)", the REST API's 422 for issue and pull-request comments); the Markdown stays under it
 * with room to spare, cutting whole lines and saying what was left out.
 */
export const MARKDOWN_BUDGET = 60_000;

function diffMarkdown(report: DiffReport): string {
    const out = [
        "## Perimeter: permission changes",
        "",
        `\`${escapeCell(report.before)}\` → \`${escapeCell(report.after)}\``,
        "",
        `**${escapeCell(headline(report))}** ${report.failures.length === 0 ? "✅" : "❌"} ${escapeCell(verdict(report))}`,
        "",
    ];
    const findings = findingsMarkdown(report);
    let budget = MARKDOWN_BUDGET - out.join("\n").length - findings.join("\n").length - 500;
    const take = (lines: readonly string[]): boolean => {
        const size = lines.join("\n").length + 1;
        if (size > budget) return false;
        budget -= size;
        out.push(...lines);
        return true;
    };
    const functions = report.diff.functions;
    let shown = 0;
    let cut = false;
    for (const f of functions) {
        if (
            !take([
                `### ${escapeCell(functionHeading(f))}`,
                "",
                "| | change | risk |",
                "|---|---|---|",
            ])
        ) {
            cut = true;
            break;
        }
        shown++;
        const lines = functionLines(f);
        let written = 0;
        for (const line of lines) {
            const mark = line.mark === "+" ? "➕" : line.mark === "-" ? "➖" : "⚠️";
            if (
                !take([`| ${mark} | ${escapeCell(line.text)} | ${escapeCell(line.risk ?? "")} |`])
            ) {
                break;
            }
            written++;
        }
        if (written < lines.length) {
            out.push(
                `| … | ${lines.length - written} more lines of this function: see \`--format json\` | |`,
            );
            cut = true;
            break;
        }
        out.push("");
    }
    if (cut) {
        const left = functions.length - shown;
        out.push(
            "",
            `*Cut to fit a comment: ${left} more changed function${left === 1 ? "" : "s"} not shown. \`perimeter diff --format json\` or \`--format sarif\` lists everything.*`,
            "",
        );
    }
    out.push(...findings);
    return out.join("\n");
}

/** The findings table: at most MARKDOWN_FINDING_ROWS rows of at most 300 characters of message, the rest counted. */
function findingsMarkdown(report: DiffReport): string[] {
    const { added, resolved } = report.diff.findings;
    if (added.length + resolved.length === 0) return [];
    const out = [
        "### Findings of the policy packs",
        "",
        "| | policy | level | resource | message |",
        "|---|---|---|---|---|",
    ];
    const rows = [
        ...added.map((f) => ["new", f] as const),
        ...resolved.map((f) => ["resolved", f] as const),
    ];
    for (const [mark, f] of rows.slice(0, MARKDOWN_FINDING_ROWS)) {
        out.push(
            `| ${mark} | ${escapeCell(f.policy)} | ${f.enforcementLevel} | ${escapeCell(f.resourceName ?? "stack")} | ${escapeCell(f.message.length > 300 ? `${f.message.slice(0, 300)}…` : f.message)} |`,
        );
    }
    if (rows.length > MARKDOWN_FINDING_ROWS) {
        out.push(
            `| … | ${rows.length - MARKDOWN_FINDING_ROWS} more findings: see \`--format json\` | | | |`,
        );
    }
    out.push("");
    return out;
}

const MARKDOWN_FINDING_ROWS = 100;

/**
 * SARIF 2.1.0: one result per function and risk category of added permissions, per new invoker and
 * per new finding, located at the function by URN (a logical location). Removals are not results.
 */
function diffSarif(report: DiffReport): string {
    const rules: sarif.ReportingDescriptor[] = [
        ...RISK_CATEGORIES.map((c) => ({
            id: `perimeter-diff/added-${c}`,
            name: `Added${c[0]?.toUpperCase()}${c.slice(1)}Permission`,
            shortDescription: { text: `A function gained ${RISK_CATEGORY_LABELS[c]} permissions` },
        })),
        {
            id: "perimeter-diff/added-other",
            name: "AddedPermission",
            shortDescription: { text: "A function gained permissions in no risk category" },
        },
        {
            id: "perimeter-diff/new-invoker",
            name: "NewInvoker",
            shortDescription: { text: "Someone may now invoke a function" },
        },
        {
            id: "perimeter-diff/new-public-invoker",
            name: "NewPublicInvoker",
            shortDescription: { text: "Anyone may now invoke a function" },
        },
        {
            id: "perimeter-diff/identity-changed",
            name: "IdentityChanged",
            shortDescription: { text: "A function's identity was replaced or is now shared" },
        },
        {
            id: "perimeter-diff/unreadable-grant",
            name: "UnreadableGrant",
            shortDescription: { text: "A function gained a grant whose content cannot be read" },
        },
        {
            id: "perimeter-diff/new-finding",
            name: "NewFinding",
            shortDescription: { text: "A policy pack finding that the old stack did not have" },
        },
    ];
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const results: sarif.Result[] = [];
    const result = (
        ruleId: string,
        level: sarif.Result.level,
        text: string,
        urn: string | null,
        name: string,
    ): void => {
        results.push({
            ruleId,
            ruleIndex: index.get(ruleId) ?? 0,
            level,
            message: { text },
            ...(urn === null
                ? {}
                : {
                      locations: [
                          {
                              logicalLocations: [
                                  { name, fullyQualifiedName: urn, kind: "resource" },
                              ],
                          },
                      ],
                  }),
            partialFingerprints: { perimeterDiff: `${ruleId}:${urn ?? ""}:${text}` },
        });
    };
    const dangerous = new Set(RISK_CATEGORIES.slice(0, 4));
    for (const f of report.diff.functions) {
        for (const g of groupLines(f.permissionsAdded)) {
            const ruleId = `perimeter-diff/added-${g.category ?? "other"}`;
            const level =
                g.category !== undefined && dangerous.has(g.category) ? "error" : "warning";
            result(
                ruleId,
                level,
                `${f.label} gains ${groupText(g)} [${categoryLabel(g.category)}]`,
                f.id,
                f.label,
            );
        }
        for (const i of f.invokersAdded) {
            result(
                i.public ? "perimeter-diff/new-public-invoker" : "perimeter-diff/new-invoker",
                i.public ? "error" : "note",
                `${i.label} may now invoke ${f.label}${i.detail.length > 0 ? ` (${i.detail.join("; ")})` : ""}`,
                f.id,
                f.label,
            );
        }
        for (const u of f.unreadableAdded) {
            result(
                "perimeter-diff/unreadable-grant",
                "error",
                `${f.label} gains a grant whose content cannot be read: ${u}`,
                f.id,
                f.label,
            );
        }
        if (f.identities !== undefined || f.nowSharesIdentityWith.length > 0) {
            const text =
                f.identities !== undefined
                    ? `${f.label} now runs as ${f.identities.after.join(", ")} (was ${f.identities.before.join(", ")})`
                    : `${f.label} now shares its identity with ${f.nowSharesIdentityWith.join(", ")}`;
            result("perimeter-diff/identity-changed", "warning", text, f.id, f.label);
        }
    }
    for (const f of report.diff.findings.added) {
        result(
            "perimeter-diff/new-finding",
            f.enforcementLevel === "mandatory" ? "error" : "warning",
            `${f.policy}: ${f.message}`,
            f.urn,
            f.resourceName ?? "stack",
        );
    }
    return sarifText(report.tool, rules, results);
}
