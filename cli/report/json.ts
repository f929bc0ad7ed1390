import type { Evaluation } from "../engine/types";
import type { ReportInput } from "./input";
import { addSummaries, sortFindings, summarize } from "./summary";

/**
 * The JSON report, a stable contract other tools read (DESIGN.md §6). Every key is picked explicitly so
 * that a field added to the engine's types never leaks into the contract unreviewed.
 *
 * One input gives the report itself. Several inputs (`perimeter audit a.json b.json`, or a directory)
 * give `{ tool, summary, reports: [{ source, policyPacks, summary, findings, notEvaluated, exempted }] }`
 * with the summary added up over all reports.
 */
export function toJson(input: ReportInput): string {
    const tool = toolObject(input);
    if (!input.combined) {
        const [evaluation] = input.evaluations;
        if (evaluation === undefined || input.evaluations.length > 1) {
            throw new Error("a single-input JSON report needs exactly one evaluation");
        }
        return stringify({ tool, ...reportBody(evaluation) });
    }
    return stringify({
        tool,
        summary: addSummaries(input.evaluations.map(summarize)),
        reports: input.evaluations.map((evaluation) => ({
            source: evaluation.source,
            ...reportBody(evaluation),
        })),
    });
}

function toolObject(input: ReportInput): { name: string; version: string } {
    return { name: input.tool.name, version: input.tool.version };
}

function reportBody(evaluation: Evaluation) {
    return {
        policyPacks: evaluation.packs.map((p) => ({ name: p.name, version: p.version })),
        summary: summarize(evaluation),
        findings: sortFindings(evaluation.findings).map((f) => ({
            policy: f.policy,
            policyPack: f.policyPack,
            severity: f.severity,
            enforcementLevel: f.enforcementLevel,
            urn: f.urn,
            resourceType: f.resourceType,
            resourceName: f.resourceName,
            message: f.message,
            findingKey: f.findingKey,
            remediation: f.remediation,
            helpUri: f.helpUri,
            tags: [...f.tags],
        })),
        notEvaluated: evaluation.notEvaluated.map((n) => ({
            policy: n.policy,
            urn: n.urn,
            reason: n.reason,
        })),
        exempted: evaluation.exempted.map((e) => ({
            policy: e.policy,
            urn: e.urn,
            reason: e.reason,
            expires: e.expires,
        })),
    };
}

function stringify(value: unknown): string {
    return JSON.stringify(value, null, 2) + "\n";
}
