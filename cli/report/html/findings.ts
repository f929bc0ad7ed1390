import type { Evaluation, Finding } from "../../engine/types";
import { describeResource, sortFindings } from "../summary";
import { html, type Markup } from "./escape";
import { CLOUD_LABELS, cloudOf, controlsOf, distinct, SEVERITIES, severityRank } from "./facets";

/** Up to this many findings every group starts open; beyond, the page starts with the group headings. */
export const OPEN_GROUPS_UP_TO = 100;

/**
 * The findings of one evaluation, one collapsible group per policy (most severe policy first, its
 * findings in natural resource order: fn2 before fn10) and, where a policy reports a resource more
 * than once, one collapsible group per resource inside it; with filters by severity, cloud and
 * compliance framework. Each row carries its facets as data attributes; the page's script hides the rows the
 * filters exclude and the groups left empty, and counts what each group still shows (without the
 * script every row shows). Groups start open up to OPEN_GROUPS_UP_TO findings: a stack with thousands
 * opens as a list of policies with their counts.
 */
export function findingsSection(evaluation: Evaluation, id: string): Markup {
    if (evaluation.findings.length === 0) {
        return html`<section class="block">
            <h3>Findings</h3>
            <p class="clean">No findings.</p>
        </section>`;
    }
    const findings = [...sortFindings(evaluation.findings)].sort(
        (a, b) => severityRank(a.severity) - severityRank(b.severity),
    );
    const open = findings.length <= OPEN_GROUPS_UP_TO;
    return html`<section class="block findings" data-findings>
        <h3>Findings</h3>
        ${filters(findings, id)}
        ${policyGroups(findings).map((group) => groupMarkup(group, evaluation, open))}
        <p class="filter-empty" data-filter-empty hidden>No finding matches the filters.</p>
    </section>`;
}

interface PolicyGroup {
    readonly policy: string;
    /** Most severe first (the order `findings` came in). */
    readonly findings: readonly Finding[];
}

/** Findings grouped by policy; groups in the order of their most severe finding, then by size. */
function policyGroups(findings: readonly Finding[]): PolicyGroup[] {
    const groups = new Map<string, Finding[]>();
    for (const finding of findings) {
        const key = `${finding.policyPack}\u0000${finding.policy}`;
        const group = groups.get(key);
        if (group === undefined) groups.set(key, [finding]);
        else group.push(finding);
    }
    return [...groups.values()]
        .map((list) => ({ policy: list[0]?.policy ?? "", findings: list }))
        .sort(
            (a, b) =>
                severityRank(a.findings[0]?.severity ?? "unspecified") -
                    severityRank(b.findings[0]?.severity ?? "unspecified") ||
                b.findings.length - a.findings.length ||
                a.policy.localeCompare(b.policy, "en", { numeric: true }),
        );
}

function groupMarkup(group: PolicyGroup, evaluation: Evaluation, open: boolean): Markup {
    const first = group.findings[0];
    if (first === undefined) return html``;
    const resources = new Set(group.findings.map((f) => f.urn ?? "")).size;
    const n = group.findings.length;
    return html`<details class="finding-group" data-group${open ? html` open` : html``}>
        <summary>
            <span class="sev sev-${first.severity}">${first.severity}</span>
            <span class="level level-${first.enforcementLevel}">${first.enforcementLevel}</span>
            ${policyLink(first)}
            <span class="group-count"
                ><span data-group-count>${n}</span> ${n === 1 ? "finding" : "findings"} on
                ${resources} ${resources === 1 ? "resource" : "resources"}</span
            >
        </summary>
        ${
            resources === n
                ? findingsTable(group.findings, evaluation)
                : resourceGroups(group.findings).map((list) =>
                      resourceGroupMarkup(list, evaluation, open),
                  )
        }
    </details>`;
}

/** A policy's findings by resource, in the (natural) order the resources first come. */
function resourceGroups(findings: readonly Finding[]): Finding[][] {
    const byResource = new Map<string, Finding[]>();
    for (const finding of findings) {
        const key = finding.urn ?? "";
        const list = byResource.get(key);
        if (list === undefined) byResource.set(key, [finding]);
        else list.push(finding);
    }
    return [...byResource.values()];
}

/**
 * One resource's findings of one policy, collapsible (a grant reported for several actions or
 * methods is one heading); the page's script counts and hides it as it does a policy's group.
 */
function resourceGroupMarkup(
    findings: readonly Finding[],
    evaluation: Evaluation,
    open: boolean,
): Markup {
    const first = findings[0];
    if (first === undefined) return html``;
    const { name } = describeResource(first.urn, evaluation.resources);
    const label = first.urn === null ? "stack" : (first.resourceName ?? name);
    const n = findings.length;
    return html`<details class="resource-group" data-group${open ? html` open` : html``}>
        <summary>
            <span class="res-name" title="${first.urn ?? ""}">${label}</span>
            <span class="group-count"
                ><span data-group-count>${n}</span> ${n === 1 ? "finding" : "findings"}</span
            >
        </summary>
        ${findingsTable(findings, evaluation)}
    </details>`;
}

function findingsTable(findings: readonly Finding[], evaluation: Evaluation): Markup {
    return html`<div class="table-wrap">
        <table class="findings-table">
            <thead>
                <tr>
                    <th>Severity</th>
                    <th>Level</th>
                    <th>Resource</th>
                    <th>Message</th>
                    <th>Cloud</th>
                    <th>Controls</th>
                </tr>
            </thead>
            <tbody>
                ${findings.map((f) => row(f, evaluation))}
            </tbody>
        </table>
    </div>`;
}

function filters(findings: readonly Finding[], id: string): Markup {
    const severities = SEVERITIES.filter((s) => findings.some((f) => f.severity === s));
    const clouds = distinct(findings.map(cloudOf), (c) => c).sort();
    const frameworks = distinct(
        findings.flatMap((f) => controlsOf(f).map((c) => c.framework)),
        (fw) => fw.id,
    ).sort((a, b) => a.name.localeCompare(b.name));
    const severityChips = severities.map((severity) => {
        const n = findings.filter((f) => f.severity === severity).length;
        return html`<label class="chip sev-${severity}"
            ><input type="checkbox" data-filter="severity" value="${severity}" checked />
            ${severity} <span class="n">${n}</span></label
        >`;
    });
    const cloudOptions = clouds.map(
        (cloud) => html`<option value="${cloud}">${CLOUD_LABELS[cloud] ?? cloud}</option>`,
    );
    const frameworkOptions = frameworks.map(
        (fw) => html`<option value="${fw.id}">${fw.name}</option>`,
    );
    return html`<form class="filters" aria-label="Filter findings">
        <fieldset class="severity-filter">
            <legend>Severity</legend>
            ${severityChips}
        </fieldset>
        <label
            >Cloud
            <select id="${id}-cloud" data-filter="cloud">
                <option value="">all</option>
                ${cloudOptions}
            </select></label
        >
        <label
            >Framework
            <select id="${id}-framework" data-filter="framework">
                <option value="">all</option>
                ${frameworkOptions}
            </select></label
        >
        <output class="filter-status" data-filter-status>${findings.length} findings</output>
    </form>`;
}

/** The policy's name, linked to its documentation when the pack gives an http(s) or file URL. */
function policyLink(finding: Finding): Markup {
    return finding.helpUri !== null && /^(https?|file):\/\//i.test(finding.helpUri)
        ? html`<a class="policy-doc" href="${finding.helpUri}"><code>${finding.policy}</code></a>`
        : html`<code>${finding.policy}</code>`;
}

function row(finding: Finding, evaluation: Evaluation): Markup {
    const { type, name } = describeResource(finding.urn, evaluation.resources);
    const cloud = cloudOf(finding);
    const controls = controlsOf(finding);
    const frameworkIds = distinct(
        controls.map((c) => c.framework.id),
        (i) => i,
    ).join(" ");
    const resource =
        finding.urn === null
            ? html`<span class="muted">stack</span>`
            : html`<span class="res-name" title="${finding.urn}"
                      >${finding.resourceName ?? name}</span
                  ><br /><span class="res-type">${finding.resourceType ?? type}</span>`;
    const controlList = controls.map(
        (c) => html`<span class="tag" title="${c.title}">${c.label}</span>`,
    );
    return html`<tr
        data-severity="${finding.severity}"
        data-cloud="${cloud}"
        data-frameworks="${frameworkIds}"
    >
        <td><span class="sev sev-${finding.severity}">${finding.severity}</span></td>
        <td>
            <span class="level level-${finding.enforcementLevel}">${finding.enforcementLevel}</span>
        </td>
        <td>${resource}</td>
        <td class="message">
            ${finding.message}
            <p class="fix"><strong>How to fix:</strong> ${finding.remediation}</p>
        </td>
        <td>${CLOUD_LABELS[cloud] ?? cloud}</td>
        <td>${controlList}</td>
    </tr> `;
}
