import type { Evaluation, Finding, PolicyPackDescriptor } from "../engine/types";
import type { ReportInput } from "./input";
import { describeResource, groupVerdicts, otherCloudsLine, sortFindings } from "./summary";

/**
 * JUnit XML, for CI systems that show test results (Jenkins, GitLab, Azure Pipelines). One testsuite
 * per policy pack (per pack and file when several files are audited). Every finding is a failing
 * testcase whose failure type is its enforcement level; a finding that was exempted or a policy that
 * could not run is a skipped testcase; a policy with nothing to report is one passing testcase.
 */
export function toJunit(input: ReportInput): string {
    const suites = input.evaluations.flatMap((evaluation) =>
        suitesOf(evaluation).map((suite) => ({
            ...suite,
            name: input.combined ? `${suite.name} (${evaluation.source})` : suite.name,
        })),
    );
    const count = (kind: TestCase["kind"]): number =>
        suites.reduce((n, s) => n + s.cases.filter((c) => c.kind === kind).length, 0);
    const tests = suites.reduce((n, s) => n + s.cases.length, 0);
    const lines = [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites ${attributes({ name: input.tool.name, tests, failures: count("failure"), errors: 0, skipped: count("skipped") })}>`,
    ];
    for (const suite of suites) {
        lines.push(...suiteLines(suite));
    }
    lines.push("</testsuites>");
    return lines.join("\n") + "\n";
}

interface TestCase {
    readonly classname: string;
    readonly name: string;
    readonly kind: "passed" | "failure" | "skipped";
    readonly message?: string;
    readonly type?: string;
    readonly body?: string;
}

interface Suite {
    readonly name: string;
    readonly source: string;
    readonly version: string;
    readonly cases: readonly TestCase[];
}

function suitesOf(evaluation: Evaluation): Suite[] {
    const packs = packsOf(evaluation);
    // notEvaluated and exempted name only the policy; find the pack by the policies it describes.
    const packOfPolicy = new Map<string, string>();
    for (const pack of packs) {
        for (const policy of pack.policies) packOfPolicy.set(policy.name, pack.name);
    }
    const firstPack = packs[0]?.name ?? "";
    const { collapsed } = groupVerdicts(evaluation);
    const collapsedNames = new Set(collapsed.map((v) => `${v.policyPack}/${v.policy}`));
    const verdictOf = new Map(evaluation.verdicts.map((v) => [`${v.policyPack}/${v.policy}`, v]));
    const nameOf = (urn: string | null): string =>
        urn === null ? "stack" : describeResource(urn, evaluation.resources).name;
    return packs.map((pack) => {
        const findings = sortFindings(
            evaluation.findings.filter((f) => f.policyPack === pack.name),
        );
        const ofPack = (policy: string): boolean =>
            (packOfPolicy.get(policy) ?? firstPack) === pack.name;
        const policyNames = [
            ...new Set([...pack.policies.map((p) => p.name), ...findings.map((f) => f.policy)]),
        ];
        const cases: TestCase[] = policyNames.flatMap((policy): TestCase[] => {
            const classname = `${pack.name}.${policy}`;
            const failed = findings.filter((f) => f.policy === policy).map((f) => failure(f));
            const notEvaluated = evaluation.notEvaluated
                .filter((n) => n.policy === policy && ofPack(n.policy))
                .map((n) => skipped(classname, nameOf(n.urn), `not evaluated: ${n.reason}`));
            const exempted = evaluation.exempted
                .filter((e) => e.policy === policy && ofPack(e.policy))
                .map((e) => skipped(classname, nameOf(e.urn), `exempted: ${e.reason}`));
            const all = [...failed, ...notEvaluated, ...exempted];
            if (all.length > 0) return all;
            if (collapsedNames.has(`${pack.name}/${policy}`)) return [];
            const disabled =
                pack.policies.find((p) => p.name === policy)?.enforcementLevel === "disabled";
            if (disabled) return [skipped(classname, "all resources", "disabled")];
            // A policy that judged nothing passed nothing: it is skipped, not counted as a pass.
            const judged = verdictOf.get(`${pack.name}/${policy}`)?.judged;
            return [
                judged === 0
                    ? skipped(classname, "all resources", "not applicable: no resource it judges")
                    : { classname, name: "all resources", kind: "passed" },
            ];
        });
        const others = otherCloudsLine(collapsed.filter((v) => v.policyPack === pack.name));
        if (others !== null) {
            cases.push(skipped(pack.name, "other clouds", `not applicable: ${others}`));
        }
        return { name: pack.name, source: evaluation.source, version: pack.version, cases };
    });
}

/** The packs described, plus any pack a finding names without a descriptor. */
function packsOf(evaluation: Evaluation): PolicyPackDescriptor[] {
    const described = new Set(evaluation.packs.map((p) => p.name));
    const extra = [...new Set(evaluation.findings.map((f) => f.policyPack))]
        .filter((name) => !described.has(name))
        .map((name) => ({ name, version: "", policies: [] }));
    return [...evaluation.packs, ...extra];
}

function failure(finding: Finding): TestCase {
    // One policy can report several findings on one resource, told apart by the key's "[Kind::value]".
    const keySuffix = finding.findingKey.startsWith(finding.policy)
        ? finding.findingKey.slice(finding.policy.length)
        : finding.findingKey;
    return {
        classname: `${finding.policyPack}.${finding.policy}`,
        name: `${finding.resourceName ?? "stack"}${keySuffix}`,
        kind: "failure",
        type: finding.enforcementLevel,
        message: finding.message,
        body: [
            finding.message,
            `resource: ${finding.urn ?? "(stack)"}`,
            `severity: ${finding.severity}`,
            `enforcement level: ${finding.enforcementLevel}`,
            `finding key: ${finding.findingKey}`,
            `how to fix: ${finding.remediation}`,
            ...(finding.helpUri === null ? [] : [`docs: ${finding.helpUri}`]),
        ].join("\n"),
    };
}

function skipped(classname: string, name: string, message: string): TestCase {
    return { classname, name, kind: "skipped", message };
}

function suiteLines(suite: Suite): string[] {
    const count = (kind: TestCase["kind"]): number =>
        suite.cases.filter((c) => c.kind === kind).length;
    const lines = [
        `  <testsuite ${attributes({ name: suite.name, tests: suite.cases.length, failures: count("failure"), errors: 0, skipped: count("skipped") })}>`,
        `    <properties>`,
        `      <property ${attributes({ name: "source", value: suite.source })}/>`,
        `      <property ${attributes({ name: "policyPackVersion", value: suite.version })}/>`,
        `    </properties>`,
    ];
    for (const testCase of suite.cases) {
        const open = `    <testcase ${attributes({ classname: testCase.classname, name: testCase.name })}`;
        if (testCase.kind === "passed") {
            lines.push(`${open}/>`);
        } else if (testCase.kind === "skipped") {
            lines.push(
                `${open}>`,
                `      <skipped ${attributes({ message: testCase.message ?? "" })}/>`,
            );
            lines.push(`    </testcase>`);
        } else {
            const failureAttributes = attributes({
                type: testCase.type ?? "",
                message: testCase.message ?? "",
            });
            lines.push(
                `${open}>`,
                `      <failure ${failureAttributes}>${escapeXml(testCase.body ?? "")}</failure>`,
            );
            lines.push(`    </testcase>`);
        }
    }
    lines.push("  </testsuite>");
    return lines;
}

function attributes(values: Record<string, string | number>): string {
    return Object.entries(values)
        .map(([key, value]) => `${key}="${escapeXml(String(value), true)}"`)
        .join(" ");
}

/**
 * Escapes markup and drops what XML 1.0 cannot carry at all (most control characters, lone
 * surrogates): one stray byte in a message must not make the whole report unparseable. In attributes,
 * line breaks and tabs become character references, or parsers would normalise them to spaces.
 */
export function escapeXml(text: string, attribute = false): string {
    const escaped = text
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
        .replace(
            /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
            "\ufffd",
        )
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;");
    return attribute
        ? escaped.replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;")
        : escaped.replace(/\r/g, "&#13;");
}
