import type {
    EnforcementLevel,
    Evaluation,
    Finding,
    PolicyVerdict,
    RecordedResource,
} from "../engine/types";

/** The counts every format shows, the `summary` of the JSON contract. */
export interface Summary {
    readonly resources: number;
    readonly findings: number;
    readonly mandatory: number;
    readonly advisory: number;
}

/**
 * `remediate` counts as mandatory: Pulumi blocks a deployment on a remediate policy's violation just
 * as it does on a mandatory one.
 */
export function isMandatory(level: EnforcementLevel): boolean {
    return level === "mandatory" || level === "remediate";
}

/** What a policy's verdict says, and how loudly: one decision for every format that shows verdicts. */
export interface VerdictStatus {
    readonly text: string;
    readonly tone: "bad" | "warn" | "muted" | "good";
}

export function verdictStatus(verdict: PolicyVerdict): VerdictStatus {
    if (verdict.enforcementLevel === "disabled") return { text: "disabled", tone: "muted" };
    if (verdict.findings > 0) {
        const tone = isMandatory(verdict.enforcementLevel) ? "bad" : "warn";
        const text = `${verdict.findings} finding${verdict.findings === 1 ? "" : "s"}`;
        return { text, tone };
    }
    if (verdict.notEvaluated > 0) return { text: "not evaluated", tone: "warn" };
    if (verdict.judged === 0) return { text: "not applicable", tone: "muted" };
    return { text: "passed", tone: "good" };
}

/** The clouds the packs tag their policies with, and the provider packages of each. */
const CLOUD_PACKAGES: Readonly<Record<string, readonly string[]>> = {
    aws: ["aws"],
    azure: ["azure-native", "azure"],
    gcp: ["gcp", "google-native"],
};

/** The clouds a stack has resources of, by the package of each resource type (`aws:s3/bucket:Bucket`). */
export function cloudsOfStack(resources: readonly RecordedResource[]): Set<string> {
    const packages = new Set(resources.map((r) => r.type.split(":")[0] ?? ""));
    return new Set(
        Object.entries(CLOUD_PACKAGES)
            .filter(([, names]) => names.some((name) => packages.has(name)))
            .map(([cloud]) => cloud),
    );
}

/**
 * The verdicts a report lists one by one, and the not-applicable policies of clouds the stack does not
 * use (`collapsed`), which it counts per cloud instead: 23 lines saying "not applicable" to an AWS
 * stack help nobody.
 */
export interface GroupedVerdicts {
    readonly listed: readonly PolicyVerdict[];
    readonly collapsed: readonly (PolicyVerdict & { readonly cloud: string })[];
}

export function groupVerdicts(evaluation: Evaluation): GroupedVerdicts {
    const used = cloudsOfStack(evaluation.resources);
    const cloudOf = new Map<string, string>();
    for (const pack of evaluation.packs) {
        for (const policy of pack.policies) {
            const cloud = policy.tags.find((tag) => tag in CLOUD_PACKAGES);
            if (cloud !== undefined) cloudOf.set(`${pack.name}/${policy.name}`, cloud);
        }
    }
    const listed: PolicyVerdict[] = [];
    const collapsed: (PolicyVerdict & { cloud: string })[] = [];
    for (const verdict of evaluation.verdicts) {
        const cloud = cloudOf.get(`${verdict.policyPack}/${verdict.policy}`);
        if (
            cloud !== undefined &&
            !used.has(cloud) &&
            verdictStatus(verdict).text === "not applicable"
        ) {
            collapsed.push({ ...verdict, cloud });
        } else {
            listed.push(verdict);
        }
    }
    return { listed, collapsed };
}

/** `12 policies of azure (5) and gcp (7), which this stack does not use`, or null for none. */
export function otherCloudsLine(collapsed: readonly { readonly cloud: string }[]): string | null {
    if (collapsed.length === 0) return null;
    const counts = new Map<string, number>();
    for (const { cloud } of collapsed) counts.set(cloud, (counts.get(cloud) ?? 0) + 1);
    const clouds = [...counts.entries()].map(([cloud, n]) => `${cloud} (${n})`);
    const listed =
        clouds.length === 1 ? clouds[0] : `${clouds.slice(0, -1).join(", ")} and ${clouds.at(-1)}`;
    const total = collapsed.length;
    return `${total} ${total === 1 ? "policy" : "policies"} of ${listed}, which this stack does not use`;
}

export function summarize(evaluation: Evaluation): Summary {
    const mandatory = evaluation.findings.filter((f) => isMandatory(f.enforcementLevel)).length;
    const advisory = evaluation.findings.filter((f) => f.enforcementLevel === "advisory").length;
    return {
        resources: evaluation.resources.length,
        findings: evaluation.findings.length,
        mandatory,
        advisory,
    };
}

export function addSummaries(summaries: readonly Summary[]): Summary {
    return summaries.reduce(
        (total, s) => ({
            resources: total.resources + s.resources,
            findings: total.findings + s.findings,
            mandatory: total.mandatory + s.mandatory,
            advisory: total.advisory + s.advisory,
        }),
        { resources: 0, findings: 0, mandatory: 0, advisory: 0 },
    );
}

/** The findings about one resource, or about the stack as a whole when `urn` is null. */
export interface ResourceFindings {
    readonly urn: string | null;
    readonly type: string | null;
    readonly name: string | null;
    readonly findings: readonly Finding[];
}

/**
 * Findings grouped by resource, stack-level findings first, then resources in URN order, and within a
 * resource by policy: the same input always gives the same report, whatever order the pack answered in.
 */
export function groupByResource(findings: readonly Finding[]): ResourceFindings[] {
    const groups = new Map<string | null, Finding[]>();
    for (const finding of sortFindings(findings)) {
        const group = groups.get(finding.urn);
        if (group === undefined) {
            groups.set(finding.urn, [finding]);
        } else {
            group.push(finding);
        }
    }
    return [...groups.entries()].map(([urn, group]) => ({
        urn,
        type: group[0]?.resourceType ?? null,
        name: group[0]?.resourceName ?? null,
        findings: group,
    }));
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
    return [...findings].sort(
        (a, b) =>
            compareUrns(a.urn, b.urn) ||
            compareText(a.policy, b.policy) ||
            compareText(a.findingKey, b.findingKey) ||
            compareText(a.message, b.message),
    );
}

function compareUrns(a: string | null, b: string | null): number {
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    return compareText(a, b);
}

/**
 * Natural order (fn2 before fn10), the same on every machine: runs of digits compare by value,
 * everything else by code unit.
 */
export function compareText(a: string, b: string): number {
    const isDigit = (code: number): boolean => code >= 48 && code <= 57;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        const ca = a.charCodeAt(i);
        const cb = b.charCodeAt(j);
        if (isDigit(ca) && isDigit(cb)) {
            let ie = i;
            while (ie < a.length && isDigit(a.charCodeAt(ie))) ie++;
            let je = j;
            while (je < b.length && isDigit(b.charCodeAt(je))) je++;
            const na = a.slice(i, ie).replace(/^0+/, "");
            const nb = b.slice(j, je).replace(/^0+/, "");
            if (na.length !== nb.length) return na.length - nb.length;
            if (na !== nb) return na < nb ? -1 : 1;
            i = ie;
            j = je;
            continue;
        }
        if (ca !== cb) return ca - cb;
        i++;
        j++;
    }
    return a.length - i - (b.length - j) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A resource's type and name for display: from the snapshot when present, else parsed from its URN. */
export function describeResource(
    urn: string | null,
    resources: readonly RecordedResource[],
): { type: string; name: string } {
    if (urn === null) {
        return { type: "stack", name: "(stack)" };
    }
    const resource = resources.find((r) => r.urn === urn);
    if (resource !== undefined) {
        return { type: resource.type, name: resource.name };
    }
    // urn:pulumi:<stack>::<project>::<parent$type chain>::<name>; the name itself may contain "::".
    const parts = urn.split("::");
    const qualifiedType = parts[2] ?? "";
    return {
        type: qualifiedType.split("$").pop() ?? qualifiedType,
        name: parts.slice(3).join("::") || urn,
    };
}
