import * as assert from "node:assert/strict";
import { REPORT_FORMATS } from "../../../cli/report/input";
import { REDACTED, redactSecrets, secretRedactor } from "../../../cli/report/redact";
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

    it("replaces strings nested in secret objects and arrays, and leaves very short ones", () => {
        const redact = secretRedactor(leakyEvaluation().resources);
        for (const secret of [NESTED_SECRET, SECRET, OUTPUT_SECRET]) {
            assert.ok(!redact(`a ${secret} b`).includes(secret), secret);
        }
        assert.equal(redact("abc"), "abc");
    });

    it("replaces the pieces of a secret policy document, not its grammar or AWS action names", () => {
        const policy = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["s3:GetObject", "s3:NotAnActionXyz"],
                    Resource: "arn:aws:s3:::private-bucket-name/*",
                    Condition: { StringEquals: { "aws:SourceVpce": "vpce-0123abcd" } },
                },
            ],
        });
        const redact = secretRedactor([
            resource(POLICY_URN, {
                inputs: { policy: { __secret: true as const, value: policy } },
            }),
        ]);
        assert.equal(
            redact(
                "s3:GetObject on arn:aws:s3:::private-bucket-name when aws:SourceVpce is vpce-0123abcd",
            ),
            `s3:GetObject on arn:aws:s3:::${REDACTED} when aws:SourceVpce is ${REDACTED}`,
        );
        assert.equal(redact("s3:NotAnActionXyz is no action"), `${REDACTED} is no action`);
        assert.equal(redact("the Statement's Condition"), "the Statement's Condition");
    });

    it("replaces the names of a secret map's entries (environment variables) and keeps public pieces", () => {
        const redact = secretRedactor([
            resource(POLICY_URN, {
                inputs: {
                    name: "public-function-name",
                    environment: {
                        __secret: true as const,
                        value: { variables: { HIDDEN_NAME_KEY: "public-function-name/x" } },
                    },
                },
            }),
        ]);
        assert.equal(redact("variable HIDDEN_NAME_KEY"), `variable ${REDACTED}`);
        assert.equal(
            redact("environment variables of public-function-name"),
            "environment variables of public-function-name",
        );
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
