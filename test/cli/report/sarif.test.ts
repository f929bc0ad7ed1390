import * as assert from "node:assert/strict";
import { toSarif } from "../../../cli/report/sarif";
import { STDIN_SOURCE } from "../../../cli/report/input";
import {
    emptyEvaluation,
    finding,
    PACK,
    reportInput,
    ROLE_URN,
    sampleEvaluation,
} from "./evaluations";
import { assertValidSarif, sarifValidator } from "./sarif-schema";

/** The only run of a SARIF log, as loosely typed JSON for the assertions below. */
function firstRun(text: string): ReturnType<typeof JSON.parse> {
    const log = JSON.parse(text);
    assert.equal(log.runs.length, 1);
    return log.runs[0];
}

describe("toSarif", () => {
    it("is valid against the official SARIF 2.1.0 schema for an audit with every kind of entry", () => {
        assertValidSarif(toSarif(reportInput()));
    });

    it("is valid against the schema for a preview, a clean stack, stdin and several files", () => {
        assertValidSarif(
            toSarif(reportInput([sampleEvaluation("shop/dev")], { command: "preview" })),
        );
        assertValidSarif(toSarif(reportInput([emptyEvaluation()])));
        assertValidSarif(toSarif(reportInput([sampleEvaluation(STDIN_SOURCE)])));
        assertValidSarif(
            toSarif(reportInput([sampleEvaluation("a b.json"), sampleEvaluation("/tmp/c.json")])),
        );
    });

    it("rejects a broken log, so the schema check is real", () => {
        const log = JSON.parse(toSarif(reportInput()));
        log.runs[0].results[0].level = "fatal";
        const validate = sarifValidator();
        assert.equal(validate(log), false);
    });

    it("names the tool in the driver and the policy packs as extensions", () => {
        const tool = firstRun(
            toSarif(
                reportInput(undefined, {
                    tool: { name: "perimeter", version: "1.2.3", informationUri: "https://x.test" },
                }),
            ),
        ).tool;
        assert.equal(tool.driver.name, "perimeter");
        assert.equal(tool.driver.version, "1.2.3");
        assert.equal(tool.driver.informationUri, "https://x.test");
        assert.deepEqual(tool.extensions, [{ name: PACK.name, version: PACK.version }]);
    });

    it("describes every policy as a rule with description, remediation, tags and default level", () => {
        const rules = firstRun(toSarif(reportInput())).tool.driver.rules;
        assert.deepEqual(
            rules.map((r: { id: string }) => r.id),
            PACK.policies.map((p) => p.name),
        );
        const [wildcard, ownRole] = rules;
        assert.equal(wildcard.shortDescription.text, "No wildcard actions");
        assert.equal(wildcard.help.text, "Use `AwsFunction` grants, which list exact actions.");
        assert.deepEqual(wildcard.properties.tags, ["NIST 800-53 AC-6", "PCI DSS 7.2"]);
        assert.equal(wildcard.defaultConfiguration.level, "error");
        assert.equal(ownRole.defaultConfiguration.level, "warning");
        assert.equal(wildcard.properties["security-severity"], "8.0");
    });

    it("maps mandatory findings to errors and advisory ones to warnings, pointing at their rule", () => {
        const sarif = firstRun(toSarif(reportInput()));
        const resultOf = (ruleId: string): ReturnType<typeof JSON.parse> =>
            sarif.results.find((r: { ruleId: string }) => r.ruleId === ruleId);
        const wildcard = resultOf("aws-iam-policy-no-wildcard-actions");
        const ownRole = resultOf("aws-lambda-function-own-role");
        assert.equal(wildcard.level, "error");
        assert.equal(ownRole.level, "warning");
        assert.equal(sarif.tool.driver.rules[ownRole.ruleIndex].id, "aws-lambda-function-own-role");
    });

    it("locates a finding by its URN and, for an audited file, by the file", () => {
        const sarif = firstRun(toSarif(reportInput([sampleEvaluation("stacks/my stack.json")])));
        const result = sarif.results.find((r: { message: { text: string } }) =>
            r.message.text.startsWith("is shared"),
        );
        const [location] = result.locations;
        assert.equal(location.logicalLocations[0].fullyQualifiedName, ROLE_URN);
        assert.equal(location.logicalLocations[0].name, "api-role");
        assert.equal(location.physicalLocation.artifactLocation.uri, "stacks/my%20stack.json");
        assert.deepEqual(sarif.artifacts, [{ location: { uri: "stacks/my%20stack.json" } }]);
    });

    it("gives no file location for a preview or for standard input", () => {
        for (const input of [
            reportInput([sampleEvaluation("shop/dev")], { command: "preview" }),
            reportInput([sampleEvaluation(STDIN_SOURCE)]),
        ]) {
            const sarif = firstRun(toSarif(input));
            assert.equal(sarif.artifacts, undefined);
            for (const result of sarif.results) {
                assert.equal(result.locations[0].physicalLocation, undefined);
            }
        }
    });

    it("locates a stack-level finding at the stack, with no fully qualified name", () => {
        const sarif = firstRun(toSarif(reportInput()));
        const result = sarif.results.find(
            (r: { ruleId: string }) => r.ruleId === "stack-no-long-lived-credentials",
        );
        const logical = result.locations[0].logicalLocations[0];
        assert.equal(logical.fullyQualifiedName, undefined);
        assert.equal(logical.name, "stacks/shop-dev.json");
    });

    it("fingerprints a finding by its key and resource, the same on every run", () => {
        const fingerprints = (findings: ReturnType<typeof finding>[]): string[] => {
            const evaluation = { ...emptyEvaluation(), findings };
            const results: { partialFingerprints: Record<string, string> }[] = firstRun(
                toSarif(reportInput([evaluation])),
            ).results;
            return results.map(
                (r: { partialFingerprints: Record<string, string> }) =>
                    r.partialFingerprints["perimeterFinding/v1"] ?? "",
            );
        };
        const [a, b, c] = fingerprints([
            finding(),
            finding({ urn: ROLE_URN, resourceName: "api-role" }),
            finding({ findingKey: "aws-iam-policy-no-wildcard-actions[Action::iam:*]" }),
        ]);
        assert.match(a ?? "", /^[0-9a-f]{64}$/);
        assert.notEqual(a, b);
        assert.notEqual(a, c);
        assert.deepEqual(fingerprints([finding({ message: "another wording" })]), [
            fingerprints([finding()])[0],
        ]);
    });

    it("adds a bare rule for a policy a pack reported without describing it", () => {
        const evaluation = {
            ...emptyEvaluation(),
            findings: [finding({ policy: "undescribed-policy", findingKey: "undescribed-policy" })],
        };
        const sarif = firstRun(toSarif(reportInput([evaluation])));
        const rule = sarif.tool.driver.rules[sarif.results[0].ruleIndex];
        assert.equal(rule.id, "undescribed-policy");
        assertValidSarif(toSarif(reportInput([evaluation])));
    });
});
