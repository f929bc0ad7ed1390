import * as assert from "node:assert/strict";
import { escapeXml, toJunit } from "../../../cli/report/junit";
import {
    emptyEvaluation,
    finding,
    multiCloudEvaluation,
    RULES_DOC,
    PACK,
    reportInput,
    sampleEvaluation,
    SPECIAL,
} from "./evaluations";
import { findAll, parseXml, type XmlElement } from "./xml";

function count(element: XmlElement, name: string): number {
    return findAll(element, name).length;
}

describe("toJunit", () => {
    it("writes well-formed XML whose counts match its testcases, per suite and in total", () => {
        const root = parseXml(toJunit(reportInput()));
        assert.equal(root.name, "testsuites");
        for (const element of [root, ...findAll(root, "testsuite")]) {
            assert.equal(Number(element.attributes.tests), count(element, "testcase"));
            assert.equal(Number(element.attributes.failures), count(element, "failure"));
            assert.equal(Number(element.attributes.skipped), count(element, "skipped"));
            assert.equal(element.attributes.errors, "0");
        }
        assert.equal(root.attributes.failures, "3");
        // not evaluated + exempted
        assert.equal(root.attributes.skipped, "2");
    });

    it("writes one testsuite per policy pack, named after the pack", () => {
        const root = parseXml(toJunit(reportInput()));
        const suites = findAll(root, "testsuite");
        assert.deepEqual(
            suites.map((s) => s.attributes.name),
            [PACK.name],
        );
    });

    it("fails one testcase per finding, typed by its enforcement level", () => {
        const root = parseXml(toJunit(reportInput()));
        const failing = findAll(root, "testcase").filter((t) => count(t, "failure") > 0);
        assert.deepEqual(
            failing.map((t) => [
                t.attributes.classname,
                t.attributes.name,
                t.children[0]?.attributes.type,
            ]),
            [
                [
                    `${PACK.name}.aws-iam-policy-no-wildcard-actions`,
                    "api-policy[Action::s3:*]",
                    "mandatory",
                ],
                [`${PACK.name}.aws-lambda-function-own-role`, "api-role", "advisory"],
                [`${PACK.name}.stack-no-long-lived-credentials`, "stack", "mandatory"],
            ],
        );
    });

    it("carries messages with markup characters intact through escaping", () => {
        const root = parseXml(toJunit(reportInput()));
        const failure = findAll(root, "failure").find((f) => f.attributes.message === SPECIAL);
        assert.ok(failure, "a failure whose message attribute decodes to the original message");
        assert.ok(failure.text.startsWith(SPECIAL));
        assert.ok(failure.text.includes("severity: high"));
    });

    it("passes a policy that judged resources and reported nothing, and skips one that judged nothing", () => {
        const root = parseXml(toJunit(reportInput([emptyEvaluation()])));
        const cases = findAll(root, "testcase");
        assert.equal(cases.length, PACK.policies.length);
        const skipped = cases.filter((t) => t.children.length > 0);
        assert.deepEqual(
            skipped.map((t) => [
                t.attributes.classname,
                findAll(t, "skipped")[0]?.attributes.message,
            ]),
            [
                [
                    `${PACK.name}.stack-no-long-lived-credentials`,
                    "not applicable: no resource it judges",
                ],
            ],
        );
        assert.equal(root.attributes.failures, "0");
        assert.equal(root.attributes.skipped, "1");
    });

    it("counts the policies of clouds the stack does not use as one skipped testcase, never as passed", () => {
        const root = parseXml(toJunit(reportInput([multiCloudEvaluation()])));
        const cases = findAll(root, "testcase");
        assert.deepEqual(
            cases.map((t) => [
                t.attributes.name,
                findAll(t, "skipped")[0]?.attributes.message ?? "passed",
            ]),
            [
                ["all resources", "passed"],
                ["all resources", "not applicable: no resource it judges"],
                [
                    "other clouds",
                    "not applicable: 3 policies of azure (2) and gcp (1), which this stack does not use",
                ],
            ],
        );
        assert.equal(root.attributes.tests, "3");
    });

    it("ends each failure with how to fix it and the policy's documentation", () => {
        const root = parseXml(toJunit(reportInput()));
        const failure = findAll(root, "failure").find((f) => f.attributes.message === SPECIAL);
        assert.ok(
            failure?.text.endsWith(
                "how to fix: Use `AwsFunction` grants, which list exact actions.\n" +
                    `docs: ${RULES_DOC}#aws-iam-policy-no-wildcard-actions`,
            ),
            failure?.text,
        );
    });

    it("skips an exempted finding and a policy that could not run, with the reason", () => {
        const root = parseXml(toJunit(reportInput()));
        const reasons = findAll(root, "skipped").map((s) => s.attributes.message);
        assert.deepEqual(reasons.sort(), [
            "exempted: legacy logging role <ticket SEC-12>",
            "not evaluated: can't run during preview: `role` is unknown",
        ]);
    });

    it("stays parseable when a message holds control characters, line breaks or lone surrogates", () => {
        const evaluation = {
            ...emptyEvaluation(),
            findings: [finding({ message: "bell\u0007 nul\u0000 line\nbreak \ud800 end" })],
        };
        const root = parseXml(toJunit(reportInput([evaluation])));
        const [failure] = findAll(root, "failure");
        assert.equal(failure?.attributes.message, "bell\ufffd nul\ufffd line\nbreak \ufffd end");
    });

    it("names each suite after its file when several files are audited", () => {
        const input = reportInput([sampleEvaluation("a.json"), emptyEvaluation("b.json")], {
            combined: true,
        });
        const root = parseXml(toJunit(input));
        assert.deepEqual(
            findAll(root, "testsuite").map((s) => s.attributes.name),
            [`${PACK.name} (a.json)`, `${PACK.name} (b.json)`],
        );
        assert.equal(root.attributes.tests, String(count(root, "testcase")));
    });

    it("escapes the five markup characters and keeps attribute line breaks as references", () => {
        assert.equal(
            escapeXml(`<a href="x">&'</a>`),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;",
        );
        assert.equal(escapeXml("a\nb\tc", true), "a&#10;b&#9;c");
    });
});
