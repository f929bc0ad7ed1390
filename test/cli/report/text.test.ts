import * as assert from "node:assert/strict";
import { toText } from "../../../cli/report/text";
import {
    emptyEvaluation,
    finding,
    multiCloudEvaluation,
    RULES_DOC,
    POLICY_URN,
    reportInput,
    resource,
    ROLE_URN,
    sampleEvaluation,
    STACK_URN,
} from "./evaluations";

const ESC = "\x1b[";

describe("toText", () => {
    it("groups findings by resource, the stack first, each resource with its URN", () => {
        const text = toText(reportInput(), { color: false });
        const stack = text.indexOf("  stack\n");
        const role = text.indexOf("  aws:iam/role:Role  api-role\n");
        const policy = text.indexOf("  aws:iam/rolePolicy:RolePolicy  api-policy\n");
        assert.ok(stack > 0 && stack < role && role < policy, text);
        assert.ok(
            text.includes(`    ${ROLE_URN}\n    advisory  medium    aws-lambda-function-own-role:`),
        );
        assert.ok(text.includes(`    ${POLICY_URN}\n    mandatory high`));
    });

    it("gives every policy a verdict: findings, passed with what it judged, or not applicable", () => {
        const failing = toText(reportInput(), { color: false });
        assert.match(
            failing,
            /Policies\n {2}1 finding +aws-iam-policy-no-wildcard-actions +mandatory, on 3 resources\n/,
        );
        assert.match(
            failing,
            /1 finding +stack-no-long-lived-credentials +mandatory, on the stack\n/,
        );
        const clean = toText(reportInput([emptyEvaluation()]), { color: false });
        assert.match(
            clean,
            / {2}passed +aws-iam-policy-no-wildcard-actions +mandatory, on 1 resource\n/,
        );
        assert.match(clean, / {2}not applicable +stack-no-long-lived-credentials +mandatory\n/);
    });

    it("says under each finding how to fix it and where its policy is documented", () => {
        const text = toText(reportInput(), { color: false });
        assert.ok(
            text.includes(
                "aws-iam-policy-no-wildcard-actions: allows 's3:*' on '*' <script>&\"|'\n" +
                    "      fix: Use `AwsFunction` grants, which list exact actions.\n" +
                    `      docs: ${RULES_DOC}#aws-iam-policy-no-wildcard-actions\n`,
            ),
            text,
        );
        // A pack that documents nothing still gets its remediation shown, and no docs line.
        assert.ok(
            text.includes(
                "aws-lambda-function-own-role: is shared by 2 functions | api, worker\n" +
                    "      fix: Let `AwsFunction` create the role.\n  aws:iam/rolePolicy:RolePolicy",
            ),
            text,
        );
    });

    it("sums up the not-applicable policies of clouds the stack does not use in one line", () => {
        const text = toText(reportInput([multiCloudEvaluation()]), { color: false });
        assert.match(text, / {2}not applicable +aws-unused +advisory\n/);
        assert.match(
            text,
            / {2}not applicable {2}3 policies of azure \(2\) and gcp \(1\), which this stack does not use\n/,
        );
        assert.doesNotMatch(text, /azure-one|gcp-one/);
    });

    it("lists what was not evaluated and what was exempted, with reasons and expiry", () => {
        const text = toText(reportInput(), { color: false });
        assert.match(
            text,
            /Not evaluated \(1\)\n {2}aws-lambda-function-own-role on api-policy: can't run/,
        );
        assert.match(
            text,
            /Exempted \(1\)\n.*legacy logging role <ticket SEC-12> \(expires 2030-01-01\)/,
        );
    });

    it("ends with a summary line counting findings by level", () => {
        const lines = toText(reportInput(), { color: false }).trimEnd().split("\n");
        assert.equal(
            lines[lines.length - 1],
            "3 findings (2 mandatory, 1 advisory) in 4 resources; 1 not evaluated, 1 exempted.",
        );
        const clean = toText(reportInput([emptyEvaluation()]), { color: false });
        assert.equal(clean.trimEnd().split("\n").pop(), "No findings in 1 resource.");
    });

    it("colours levels and the summary only when asked to", () => {
        const plain = toText(reportInput(), { color: false });
        const coloured = toText(reportInput(), { color: true });
        assert.ok(!plain.includes(ESC));
        assert.ok(coloured.includes(`${ESC}31mmandatory`));
        assert.ok(coloured.includes(`${ESC}33madvisory`));
        assert.equal(coloured.replace(/\x1b\[\d+m/g, ""), plain);
    });

    it("lists the resources of a preview nested under their parents, without providers", () => {
        const text = toText(reportInput(undefined, { command: "preview" }), { color: false });
        assert.ok(
            text.includes(
                "Resources\n  pulumi:pulumi:Stack  shop-dev\n    aws:iam/role:Role  api-role\n",
            ),
            text,
        );
        assert.ok(!text.includes("pulumi:providers:aws"));
    });

    it("does not list every resource of an audited stack", () => {
        const text = toText(reportInput(), { color: false });
        assert.ok(!text.includes("Resources ("));
        assert.ok(!text.includes(STACK_URN));
    });

    it("keeps a multi-line message on its line and shows escape sequences as text", () => {
        const evaluation = {
            ...emptyEvaluation(),
            resources: [resource(POLICY_URN)],
            findings: [finding({ message: "first line\nsecond \x1b[2Jline" })],
        };
        const text = toText(reportInput([evaluation]), { color: false });
        assert.ok(text.includes(": first line second ?[2Jline\n"));
        assert.ok(!text.includes("\x1b"));
    });

    it("heads each audited file with its name and closes with a total", () => {
        const input = reportInput([sampleEvaluation("a.json"), emptyEvaluation("b.json")], {
            combined: true,
        });
        const text = toText(input, { color: false });
        assert.ok(text.startsWith("== a.json ==\n"));
        assert.ok(text.includes("\n== b.json ==\n"));
        assert.ok(
            text.endsWith(
                "Total: 3 findings (2 mandatory, 1 advisory) in 2 stacks, 5 resources.\n",
            ),
        );
    });
});
