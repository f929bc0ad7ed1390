import {
    CLOUDS,
    frameworkOf,
    isComplianceControl,
    type ComplianceControl,
} from "../../../policypack/lib/compliance";
import type { Finding, Severity } from "../../engine/types";

/** Most severe first: the order of the table and of the severity filter. */
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "unspecified"];

export function severityRank(severity: Severity): number {
    return SEVERITIES.indexOf(severity);
}

/**
 * The cloud of a finding: the pack's cloud tag (see policypack/lib/compliance.ts), else the provider
 * of the resource type, so findings of any CrossGuard pack can be filtered too.
 */
export function cloudOf(finding: Finding): string {
    const tagged = finding.tags.find((tag) => (CLOUDS as readonly string[]).includes(tag));
    if (tagged !== undefined) return tagged;
    if (finding.urn === null || finding.resourceType === null) return "stack";
    const provider = finding.resourceType.split(":")[0] ?? "";
    if (provider === "aws") return "aws";
    if (provider === "azure-native" || provider === "azure") return "azure";
    if (provider === "gcp" || provider === "google-native") return "gcp";
    return "other";
}

export const CLOUD_LABELS: Readonly<Record<string, string>> = {
    aws: "AWS",
    azure: "Azure",
    gcp: "Google Cloud",
    stack: "Stack-wide",
    other: "Other",
};

/** A compliance framework a finding's controls belong to, e.g. `nist-800-53` / NIST SP 800-53. */
export interface Framework {
    readonly id: string;
    readonly name: string;
}

export interface Control {
    readonly framework: Framework;
    /** As a reviewer quotes it: `NIST SP 800-53 AC-6`, `CIS Benchmarks`. */
    readonly label: string;
    readonly title: string;
}

/** The compliance controls among a finding's tags (tags outside the vocabulary are not controls). */
export function controlsOf(finding: Finding): Control[] {
    return finding.tags.filter(isComplianceControl).map(controlOf);
}

function controlOf(control: ComplianceControl): Control {
    const entry = frameworkOf(control);
    const id = control.split(":")[0] ?? control;
    // A control without a reference (`cis`) names the framework alone.
    const reference = entry.reference === control ? "" : ` ${entry.reference}`;
    return {
        framework: { id, name: entry.name },
        label: `${entry.name}${reference}`,
        title: entry.specification,
    };
}

/** The distinct values of a facet among the findings, in first-seen order. */
export function distinct<T>(items: readonly T[], key: (item: T) => string): T[] {
    const seen = new Map<string, T>();
    for (const item of items) {
        if (!seen.has(key(item))) seen.set(key(item), item);
    }
    return [...seen.values()];
}
