import { createHash } from "node:crypto";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type * as sarif from "sarif";
import type {
    EnforcementLevel,
    Evaluation,
    Finding,
    PolicyDescriptor,
    Severity,
} from "../engine/types";
import { STDIN_SOURCE, type ReportInput, type ToolInfo } from "./input";
import { sortFindings } from "./summary";

/**
 * SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps, IDE viewers) read. One run for
 * the whole invocation: rules come from the packs' policies, results point at the resource by URN (a
 * logical location) and, for audited files, at the stack export itself (a physical location).
 */
export function toSarif(input: ReportInput): string {
    const rules = collectRules(input.evaluations);
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const artifacts = input.command === "audit" ? artifactUris(input.evaluations) : [];
    const results = input.evaluations.flatMap((evaluation) => {
        const uri = input.command === "audit" ? sourceUri(evaluation) : undefined;
        const location = uri === undefined ? undefined : { uri, index: artifacts.indexOf(uri) };
        return sortFindings(evaluation.findings).map((finding) =>
            toResult(finding, evaluation, ruleIndex, location),
        );
    });
    return sarifText(input.tool, rules, results, {
        extensions: uniquePacks(input.evaluations).map((p) => ({
            name: p.name,
            version: p.version,
        })),
        artifacts,
    });
}

/** A SARIF 2.1.0 log of one run of the tool, as text: the one shape every command writes. */
export function sarifText(
    tool: ToolInfo,
    rules: sarif.ReportingDescriptor[],
    results: sarif.Result[],
    extra: { extensions?: sarif.ToolComponent[]; artifacts?: readonly string[] } = {},
): string {
    const artifacts = extra.artifacts ?? [];
    const log: sarif.Log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: tool.name,
                        version: tool.version,
                        semanticVersion: tool.version,
                        ...(tool.informationUri === undefined
                            ? {}
                            : { informationUri: tool.informationUri }),
                        rules,
                    },
                    ...(extra.extensions === undefined ? {} : { extensions: extra.extensions }),
                },
                ...(artifacts.length > 0
                    ? { artifacts: artifacts.map((uri) => ({ location: { uri } })) }
                    : {}),
                results,
            },
        ],
    };
    return JSON.stringify(log, null, 2) + "\n";
}

function collectRules(evaluations: readonly Evaluation[]): sarif.ReportingDescriptor[] {
    const rules = new Map<string, sarif.ReportingDescriptor>();
    for (const pack of uniquePacks(evaluations)) {
        for (const policy of pack.policies) {
            if (!rules.has(policy.name)) rules.set(policy.name, toRule(policy, pack.name));
        }
    }
    // A pack may report under a name it did not describe; a bare rule keeps ruleIndex consistent.
    for (const finding of evaluations.flatMap((e) => e.findings)) {
        if (!rules.has(finding.policy)) {
            rules.set(finding.policy, {
                id: finding.policy,
                properties: { tags: [...finding.tags], policyPack: finding.policyPack },
            });
        }
    }
    return [...rules.values()];
}

function toRule(policy: PolicyDescriptor, packName: string): sarif.ReportingDescriptor {
    const remediation = policy.remediationSteps || policy.description;
    return {
        id: policy.name,
        shortDescription: { text: policy.displayName || policy.description },
        fullDescription: { text: policy.description },
        help: { text: remediation, markdown: remediation },
        ...(policy.url === undefined ? {} : { helpUri: policy.url }),
        defaultConfiguration:
            policy.enforcementLevel === "disabled"
                ? { enabled: false, level: "note" }
                : { level: sarifLevel(policy.enforcementLevel) },
        properties: {
            tags: [...policy.tags],
            policyPack: packName,
            severity: policy.severity,
            ...securitySeverity(policy.severity),
        },
    };
}

function toResult(
    finding: Finding,
    evaluation: Evaluation,
    ruleIndex: ReadonlyMap<string, number>,
    artifact: sarif.ArtifactLocation | undefined,
): sarif.Result {
    const physicalLocation = artifact === undefined ? undefined : { artifactLocation: artifact };
    const logicalLocation: sarif.LogicalLocation =
        finding.urn === null
            ? { name: evaluation.source, kind: "module" }
            : {
                  fullyQualifiedName: finding.urn,
                  name: finding.resourceName ?? finding.urn,
                  kind: "resource",
              };
    const index = ruleIndex.get(finding.policy);
    return {
        ruleId: finding.policy,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: sarifLevel(finding.enforcementLevel),
        message: { text: finding.message },
        locations: [
            {
                ...(physicalLocation === undefined ? {} : { physicalLocation }),
                logicalLocations: [logicalLocation],
            },
        ],
        // Stable across runs so that code scanning tracks one alert per (finding, resource).
        partialFingerprints: {
            "perimeterFinding/v1": createHash("sha256")
                .update(`${finding.findingKey}\n${finding.urn ?? ""}`)
                .digest("hex"),
        },
        properties: {
            policyPack: finding.policyPack,
            severity: finding.severity,
            enforcementLevel: finding.enforcementLevel,
            findingKey: finding.findingKey,
            ...(finding.resourceType === null ? {} : { resourceType: finding.resourceType }),
            tags: [...finding.tags],
        },
    };
}

function sarifLevel(level: EnforcementLevel): sarif.Result.level {
    return level === "mandatory" || level === "remediate" ? "error" : "warning";
}

/**
 * GitHub code scanning ranks security alerts by a CVSS-like `security-severity` score; these are the
 * midpoints of its bands (critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9).
 */
function securitySeverity(severity: Severity): { "security-severity"?: string } {
    const scores: Record<Severity, string | undefined> = {
        critical: "9.5",
        high: "8.0",
        medium: "5.5",
        low: "2.0",
        unspecified: undefined,
    };
    const score = scores[severity];
    return score === undefined ? {} : { "security-severity": score };
}

function uniquePacks(evaluations: readonly Evaluation[]): Evaluation["packs"][number][] {
    const packs = new Map<string, Evaluation["packs"][number]>();
    for (const pack of evaluations.flatMap((e) => e.packs)) {
        if (!packs.has(pack.name)) packs.set(pack.name, pack);
    }
    return [...packs.values()];
}

function artifactUris(evaluations: readonly Evaluation[]): string[] {
    const uris = evaluations.map(sourceUri).filter((uri): uri is string => uri !== undefined);
    return [...new Set(uris)];
}

/** The audited file as a URI reference: relative paths stay relative (to the working directory). */
function sourceUri(evaluation: Evaluation): string | undefined {
    const source = evaluation.source;
    if (source === STDIN_SOURCE || source === "") return undefined;
    if (path.isAbsolute(source)) return pathToFileURL(source).href;
    return source.split(path.sep).join("/").split("/").map(encodeURIComponent).join("/");
}
