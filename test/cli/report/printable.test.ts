/**
 * Control characters from the stack (a hostile or damaged export) never reach a terminal, a Markdown
 * or HTML page or a JUnit file raw (issue 17): they show as `\uXXXX`. JSON and SARIF keep the value and
 * escape it by JSON's rules.
 */
import * as assert from "node:assert/strict";
import { renderReport } from "../../../cli/report/render";
import { printable } from "../../../cli/report/printable";
import { finding, reportInput, resource, sampleEvaluation } from "./evaluations";

const HOSTILE = "api\u001b[2J\rfake\u0007";
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("control characters in reports", () => {
    const evaluation = sampleEvaluation();
    const hostile = {
        ...evaluation,
        resources: [
            ...evaluation.resources,
            resource(`urn:pulumi:dev::shop::aws:iam/role:Role::${HOSTILE}`),
        ],
        findings: [
            ...evaluation.findings,
            finding({ resourceName: HOSTILE, message: `role '${HOSTILE}' is bad` }),
        ],
    };
    const input = reportInput([hostile]);

    for (const format of ["text", "markdown", "html", "junit"] as const) {
        it(`${format}: shows them as \\uXXXX, never raw`, () => {
            const report = renderReport(format, input, { color: false });
            assert.doesNotMatch(report, RAW_CONTROL);
            // Markdown escapes the backslash and bracket again; the code points stay readable.
            for (const shown of ["u001b", "u000d", "u0007"]) {
                assert.ok(report.includes(shown), `${format}: ${shown}`);
            }
        });
    }

    for (const format of ["json", "sarif"] as const) {
        it(`${format}: keeps the value, escaped as JSON escapes it`, () => {
            const report = renderReport(format, input, { color: false });
            assert.doesNotMatch(report, RAW_CONTROL);
            assert.ok(report.includes(JSON.stringify(HOSTILE).slice(1, -1)), format);
        });
    }

    it("keeps tabs and newlines, and leaves ordinary text alone", () => {
        assert.equal(printable("a\tb\nc"), "a\tb\nc");
        assert.equal(printable("naïve – ok"), "naïve – ok");
    });
});
