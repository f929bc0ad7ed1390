/**
 * Turns analyzer diagnostics into the report's findings: attributes each to a resource of the
 * snapshot, derives the finding key, and sets aside diagnostics that only say a policy could not run.
 */
import type { AnalyzerDiagnostic } from "./analyzer-messages";
import type { Finding, NotEvaluated, PolicyPackDescriptor, RecordedResource } from "./types";

/** The SDK's message when a policy touched an unknown value: "can't run policy '...' during preview: ...". */
const CANNOT_RUN = /^can't run (policy|remediation) .* during preview/;

/** Packs end a message with ` [<Kind>::<value>]` to name what the finding is about (cdk-nag style). */
const KEY_SUFFIX = / \[([A-Za-z][\w-]*::[^\]]+)\]$/;

export function findingKey(policy: string, message: string): string {
    const match = KEY_SUFFIX.exec(message.trim());
    return match ? `${policy}[${match[1]}]` : policy;
}

export interface SortedDiagnostics {
    readonly findings: Finding[];
    readonly notEvaluated: NotEvaluated[];
}

/**
 * @param subjectUrn the resource an Analyze call was about; diagnostics without a URN belong to it,
 * as in the Pulumi engine. For AnalyzeStack there is none: such findings are stack-level (urn null).
 */
export function sortDiagnostics(
    diagnostics: readonly AnalyzerDiagnostic[],
    subjectUrn: string | null,
    resources: ReadonlyMap<string, RecordedResource>,
    pack: PolicyPackDescriptor,
): SortedDiagnostics {
    const findings: Finding[] = [];
    const notEvaluated: NotEvaluated[] = [];
    for (const d of diagnostics) {
        const named = d.urn !== "" && resources.has(d.urn) ? d.urn : null;
        const urn = named ?? subjectUrn;
        if (CANNOT_RUN.test(d.message)) {
            notEvaluated.push({ policy: d.policyName, urn, reason: d.message });
            continue;
        }
        const resource = urn ? resources.get(urn) : undefined;
        const policy = pack.policies.find((p) => p.name === d.policyName);
        findings.push({
            policy: d.policyName,
            policyPack: d.policyPackName || pack.name,
            severity: d.severity,
            enforcementLevel: d.enforcementLevel,
            urn,
            resourceType: resource?.type ?? null,
            resourceName: resource?.name ?? null,
            message: violationMessage(d),
            findingKey: findingKey(d.policyName, d.message),
            remediation: policy?.remediationSteps || policy?.description || d.description,
            helpUri: policy?.url ?? null,
            tags: policy?.tags ?? [],
        });
    }
    return { findings, notEvaluated };
}

/**
 * The SDK prefixes a violation's message with the policy description ("<description>\n<message>");
 * the description is the policy's, not the finding's, so only the message is kept.
 */
function violationMessage(d: AnalyzerDiagnostic): string {
    const prefix = `${d.description}\n`;
    return d.description && d.message.startsWith(prefix)
        ? d.message.slice(prefix.length)
        : d.message;
}
