import * as assert from "node:assert/strict";
import { REPORT_FORMATS } from "../../../cli/report/input";
import { collectSecrets, REDACTED, redactSecrets } from "../../../cli/report/redact";
import { renderReport } from "../../../cli/report/render";
import { emptyEvaluation, finding, POLICY_URN, reportInput, resource, SECRET } from "./evaluations";

const NESTED_SECRET = "AKIAEXAMPLEKEY123456";
const OUTPUT_SECRET = 'p@ss<w>rd|&"quoted"';

/** A stack whose secrets (an input, a nested output, one with markup) leak into every message. */
function leakyEvaluation() {
    return {
        ...emptyEvaluation(),
        resources: [
            resource(POLICY_URN, {
                inputs: { token: { __secret: true as const, value: SECRET } },
                outputs: {
                    credentials: {
                        __secret: true as const,
                        value: { keys: [NESTED_SECRET], markup: OUTPUT_SECRET },
                    },
                    short: { __secret: true as const, value: "abc" },
                },
            }),
        ],
        findings: [
            finding({ message: `embeds ${SECRET} and ${NESTED_SECRET} and ${OUTPUT_SECRET}` }),
        ],
        notEvaluated: [{ policy: "p", urn: POLICY_URN, reason: `unknown near ${SECRET}` }],
        exempted: [
            {
                policy: "p",
                urn: POLICY_URN,
                findingKey: "p",
                reason: `accepted ${NESTED_SECRET}`,
                expires: null,
            },
        ],
    };
}

describe("renderReport", () => {
    for (const format of REPORT_FORMATS) {
        it(`never writes the plaintext of a secret in the ${format} format`, () => {
            const report = renderReport(format, reportInput([leakyEvaluation()]));
            for (const secret of [SECRET, NESTED_SECRET, OUTPUT_SECRET]) {
                assert.ok(!report.includes(secret), `${format} leaks ${secret}`);
            }
            // Markdown escapes the brackets of the marker; the others show it as is.
            assert.ok(
                report.replace(/\\/g, "").includes(REDACTED),
                `${format} shows where a secret was`,
            );
        });
    }

    it("colours only the text format", () => {
        assert.ok(renderReport("text", reportInput(), { color: true }).includes("\x1b["));
        assert.ok(!renderReport("json", reportInput(), { color: true }).includes("\x1b"));
    });
});

describe("redactSecrets", () => {
    it("replaces secrets in messages, not-evaluated reasons and exemption reasons", () => {
        const redacted = redactSecrets(leakyEvaluation());
        assert.equal(
            redacted.findings[0]?.message,
            `embeds ${REDACTED} and ${REDACTED} and ${REDACTED}`,
        );
        assert.equal(redacted.notEvaluated[0]?.reason, `unknown near ${REDACTED}`);
        assert.equal(redacted.exempted[0]?.reason, `accepted ${REDACTED}`);
    });

    it("collects strings nested in secret objects and arrays, and ignores very short ones", () => {
        const secrets = collectSecrets(leakyEvaluation());
        assert.deepEqual(secrets.sort(), [NESTED_SECRET, SECRET, OUTPUT_SECRET].sort());
    });

    it("replaces a secret that contains another whole, not piecemeal", () => {
        const evaluation = {
            ...emptyEvaluation(),
            resources: [
                resource(POLICY_URN, {
                    inputs: {
                        a: { __secret: true as const, value: "secret-one" },
                        b: { __secret: true as const, value: "secret-one-and-more" },
                    },
                }),
            ],
            findings: [finding({ message: "value secret-one-and-more" })],
        };
        assert.equal(redactSecrets(evaluation).findings[0]?.message, `value ${REDACTED}`);
    });

    it("leaves plain values and unknowns alone", () => {
        const evaluation = {
            ...emptyEvaluation(),
            resources: [
                resource(POLICY_URN, {
                    inputs: { plain: "not-a-secret-at-all", later: { __unknown: true as const } },
                }),
            ],
            findings: [finding({ message: "mentions not-a-secret-at-all" })],
        };
        assert.equal(redactSecrets(evaluation), evaluation);
    });
});
