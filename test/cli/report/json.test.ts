import * as assert from "node:assert/strict";
import { toJson } from "../../../cli/report/json";
import {
    emptyEvaluation,
    finding,
    reportInput,
    ROLE_URN,
    RULES_DOC,
    sampleEvaluation,
} from "./evaluations";

describe("toJson", () => {
    it("writes exactly the keys of the JSON contract, at every level", () => {
        const report = JSON.parse(toJson(reportInput()));
        assert.deepEqual(Object.keys(report), [
            "tool",
            "policyPacks",
            "summary",
            "findings",
            "notEvaluated",
            "exempted",
        ]);
        assert.deepEqual(Object.keys(report.tool), ["name", "version"]);
        assert.deepEqual(Object.keys(report.policyPacks[0]), ["name", "version"]);
        assert.deepEqual(Object.keys(report.summary), [
            "resources",
            "findings",
            "mandatory",
            "advisory",
        ]);
        for (const item of report.findings) {
            assert.deepEqual(Object.keys(item), [
                "policy",
                "policyPack",
                "severity",
                "enforcementLevel",
                "urn",
                "resourceType",
                "resourceName",
                "message",
                "findingKey",
                "remediation",
                "helpUri",
                "tags",
            ]);
        }
        assert.deepEqual(Object.keys(report.notEvaluated[0]), ["policy", "urn", "reason"]);
        // The engine's exempted entries also carry a findingKey; the contract does not.
        assert.deepEqual(Object.keys(report.exempted[0]), ["policy", "urn", "reason", "expires"]);
    });

    it("tells how to fix each finding and links its policy's documentation, null when the pack has none", () => {
        const report = JSON.parse(toJson(reportInput()));
        const byPolicy = new Map(
            report.findings.map(
                (f: { policy: string; remediation: string; helpUri: string | null }) => [
                    f.policy,
                    [f.remediation, f.helpUri],
                ],
            ),
        );
        assert.deepEqual(byPolicy.get("aws-iam-policy-no-wildcard-actions"), [
            "Use `AwsFunction` grants, which list exact actions.",
            `${RULES_DOC}#aws-iam-policy-no-wildcard-actions`,
        ]);
        assert.deepEqual(byPolicy.get("stack-no-long-lived-credentials"), [
            "Use roles instead of access keys.",
            null,
        ]);
    });

    it("reports a stack-level finding with a null urn, type and name", () => {
        const report = JSON.parse(toJson(reportInput()));
        const stackFinding = report.findings.find(
            (f: { policy: string }) => f.policy === "stack-no-long-lived-credentials",
        );
        assert.equal(stackFinding.urn, null);
        assert.equal(stackFinding.resourceType, null);
        assert.equal(stackFinding.resourceName, null);
    });

    it("counts resources and mandatory and advisory findings, remediate counting as mandatory", () => {
        const evaluation = sampleEvaluation();
        const withRemediate = {
            ...evaluation,
            findings: [...evaluation.findings, finding({ enforcementLevel: "remediate" })],
        };
        const report = JSON.parse(toJson(reportInput([withRemediate])));
        assert.deepEqual(report.summary, { resources: 4, findings: 4, mandatory: 3, advisory: 1 });
    });

    it("keeps the message and tags of a finding as the pack wrote them", () => {
        const report = JSON.parse(toJson(reportInput()));
        const wildcard = report.findings.find((f: { findingKey: string }) =>
            f.findingKey.includes("Action::s3:*"),
        );
        assert.equal(wildcard.message, `allows 's3:*' on '*' <script>&"|'`);
        assert.deepEqual(wildcard.tags, ["NIST 800-53 AC-6", "PCI DSS 7.2"]);
    });

    it("lists findings stack first, then by resource, whatever order the pack answered in", () => {
        const evaluation = sampleEvaluation();
        const reversed = { ...evaluation, findings: [...evaluation.findings].reverse() };
        const forward = JSON.parse(toJson(reportInput([evaluation])));
        const backward = JSON.parse(toJson(reportInput([reversed])));
        assert.deepEqual(forward.findings, backward.findings);
        assert.equal(forward.findings[0].urn, null);
        assert.equal(forward.findings[1].urn, ROLE_URN);
    });

    it("combines several audited files into reports with a source each and a total summary", () => {
        const input = reportInput([sampleEvaluation("a.json"), emptyEvaluation("b.json")], {
            combined: true,
        });
        const report = JSON.parse(toJson(input));
        assert.deepEqual(Object.keys(report), ["tool", "summary", "reports"]);
        assert.deepEqual(report.summary, { resources: 5, findings: 3, mandatory: 2, advisory: 1 });
        assert.deepEqual(
            report.reports.map((r: { source: string }) => r.source),
            ["a.json", "b.json"],
        );
        assert.deepEqual(Object.keys(report.reports[0]), [
            "source",
            "policyPacks",
            "summary",
            "findings",
            "notEvaluated",
            "exempted",
        ]);
        assert.equal(report.reports[1].findings.length, 0);
    });

    it("uses the combined shape for a directory even when it holds one file", () => {
        const report = JSON.parse(toJson(reportInput([emptyEvaluation()], { combined: true })));
        assert.equal(report.reports.length, 1);
        assert.equal(report.findings, undefined);
    });

    it("refuses to write a single report from several evaluations", () => {
        const input = reportInput([emptyEvaluation(), emptyEvaluation()], { combined: false });
        assert.throws(() => toJson(input), /exactly one evaluation/);
    });
});
