import type { Evaluation, Finding } from "../../engine/types";
import {
    describeResource,
    groupVerdicts,
    otherCloudsLine,
    type Summary,
    verdictStatus,
} from "../summary";
import { count, html, type Markup } from "./escape";
import { SEVERITIES } from "./facets";

/** The headline numbers: resources, findings by enforcement level and by severity, and the rest. */
export function summaryTiles(
    summary: Summary,
    findings: readonly Finding[],
    notEvaluated: number,
    exempted: number,
): Markup {
    const tone = summary.mandatory > 0 ? "bad" : summary.findings > 0 ? "warn" : "good";
    const bySeverity = SEVERITIES.map((severity) => ({
        severity,
        n: findings.filter((f) => f.severity === severity).length,
    })).filter((s) => s.n > 0);
    const severityLine =
        bySeverity.length === 0
            ? html``
            : html`<p class="by-severity">
                  ${bySeverity.map(
                      (s) => html`<span class="sev sev-${s.severity}">${s.n} ${s.severity}</span> `,
                  )}
              </p>`;
    return html`<div class="tiles">
            ${tile("Resources", summary.resources, "")} ${tile("Findings", summary.findings, tone)}
            ${tile("Mandatory", summary.mandatory, summary.mandatory > 0 ? "bad" : "")}
            ${tile("Advisory", summary.advisory, summary.advisory > 0 ? "warn" : "")}
            ${tile("Not evaluated", notEvaluated, notEvaluated > 0 ? "warn" : "")}
            ${tile("Exempted", exempted, "")}
        </div>
        ${severityLine}`;
}

function tile(label: string, value: number, tone: string): Markup {
    return html`<div class="tile ${tone}">
        <span class="value">${value}</span><span class="label">${label}</span>
    </div>`;
}

/** What a policy concluded about the stack, as a word and a tone. */
/** One row per policy, so a clean run still says what was judged; folded when all passed. */
export function verdictsSection(evaluation: Evaluation): Markup {
    if (evaluation.verdicts.length === 0) return html``;
    const failing = evaluation.verdicts.filter((v) => verdictStatus(v).tone === "bad").length;
    const grouped = groupVerdicts(evaluation);
    const others = otherCloudsLine(grouped.collapsed);
    const otherRow =
        others === null
            ? html``
            : html`<tr>
                  <td><span class="verdict muted">not applicable</span></td>
                  <td colspan="3">${others}</td>
              </tr>`;
    const rows = grouped.listed.map((verdict) => {
        const status = verdictStatus(verdict);
        const scope =
            verdict.enforcementLevel === "disabled" || verdict.judged === 0
                ? ""
                : verdict.kind === "stack"
                  ? "the stack"
                  : count(verdict.judged, "resource");
        return html`<tr>
            <td><span class="verdict ${status.tone}">${status.text}</span></td>
            <td><code>${verdict.policy}</code></td>
            <td>${verdict.enforcementLevel}</td>
            <td>${scope}</td>
        </tr>`;
    });
    const passed = evaluation.verdicts.filter((v) => verdictStatus(v).tone === "good").length;
    return html`<details class="block verdicts" ${failing > 0 ? html` open` : html``}>
        <summary>
            <h3>Policies</h3>
            <span class="muted">${passed} of ${evaluation.verdicts.length} passed</span>
        </summary>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th>Verdict</th>
                        <th>Policy</th>
                        <th>Level</th>
                        <th>Judged</th>
                    </tr>
                </thead>
                <tbody>
                    ${rows}${otherRow}
                </tbody>
            </table>
        </div>
    </details>`;
}

/** Policies that could not judge a resource, and findings an exemption covered. */
export function notEvaluatedAndExempted(evaluation: Evaluation): Markup {
    const nameOf = (urn: string | null): string => describeResource(urn, evaluation.resources).name;
    const notEvaluated =
        evaluation.notEvaluated.length === 0
            ? html``
            : html`<section class="block">
                  <h3>Not evaluated</h3>
                  <div class="table-wrap">
                      <table>
                          <thead>
                              <tr>
                                  <th>Policy</th>
                                  <th>Resource</th>
                                  <th>Reason</th>
                              </tr>
                          </thead>
                          <tbody>
                              ${evaluation.notEvaluated.map(
                                  (n) =>
                                      html`<tr>
                                          <td><code>${n.policy}</code></td>
                                          <td>${nameOf(n.urn)}</td>
                                          <td>${n.reason}</td>
                                      </tr>`,
                              )}
                          </tbody>
                      </table>
                  </div>
              </section>`;
    const exempted =
        evaluation.exempted.length === 0
            ? html``
            : html`<section class="block">
                  <h3>Exempted</h3>
                  <div class="table-wrap">
                      <table>
                          <thead>
                              <tr>
                                  <th>Policy</th>
                                  <th>Resource</th>
                                  <th>Reason</th>
                                  <th>Expires</th>
                              </tr>
                          </thead>
                          <tbody>
                              ${evaluation.exempted.map(
                                  (e) =>
                                      html`<tr>
                                          <td><code>${e.policy}</code></td>
                                          <td>${nameOf(e.urn)}</td>
                                          <td>${e.reason}</td>
                                          <td>${e.expires ?? "never"}</td>
                                      </tr>`,
                              )}
                          </tbody>
                      </table>
                  </div>
              </section>`;
    return html`${notEvaluated}${exempted}`;
}
