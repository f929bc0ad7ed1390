/**
 * What the docs show about a policy, read from the policy object the pack serves (name, levels,
 * tags, config schema) and the resource types defineResourcePolicy recorded: the same metadata
 * `pulumi policy publish` sends to Pulumi Cloud.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import {
    CLOUDS,
    type Cloud,
    type ComplianceControl,
    frameworkOf,
    isComplianceControl,
    SERVICES,
    type Service,
} from "../../policypack/lib/compliance";
import { type PackPolicy, policyResourceTypes } from "../../policypack/lib/define-policy";

export interface ConfigPropertyInfo {
    readonly name: string;
    readonly schema: PolicyConfigJSONSchema;
}

export interface PolicyInfo {
    readonly name: string;
    readonly description: string;
    readonly severity: string;
    readonly enforcementLevel: string;
    readonly remediationSteps: string;
    readonly cloud: Cloud;
    readonly services: readonly Service[];
    readonly controls: readonly ComplianceControl[];
    readonly tags: readonly string[];
    /** undefined for a stack policy. */
    readonly resourceTypes: readonly string[] | undefined;
    /** The policy's own properties; the common `exemptions` is documented once, not here. */
    readonly config: readonly ConfigPropertyInfo[];
}

export const CLOUD_TITLES: Readonly<Record<Cloud, string>> = {
    aws: "AWS",
    azure: "Azure",
    gcp: "Google Cloud",
    stack: "Stack-wide (all clouds)",
};

const COMMON_PROPERTIES = new Set(["exemptions"]);

export function policyInfo(policy: PackPolicy): PolicyInfo {
    const tags = policy.tags ?? [];
    const cloud = CLOUDS.find((c) => tags.includes(c));
    if (cloud === undefined) {
        throw new Error(`policy ${policy.name} has no cloud tag (${CLOUDS.join(", ")})`);
    }
    const properties = policy.configSchema?.properties ?? {};
    return {
        name: policy.name,
        description: policy.description,
        severity: policy.severity ?? "unspecified",
        enforcementLevel: policy.enforcementLevel ?? "advisory",
        remediationSteps: policy.remediationSteps ?? "",
        cloud,
        services: SERVICES.filter((s) => tags.includes(s)),
        controls: tags.filter(isComplianceControl),
        tags,
        resourceTypes: "validateResource" in policy ? policyResourceTypes(policy) : undefined,
        config: Object.keys(properties)
            .filter((name) => !COMMON_PROPERTIES.has(name))
            .sort()
            .map((name) => ({ name, schema: properties[name] as PolicyConfigJSONSchema })),
    };
}

/** `NIST SP 800-53 AC-6`, `PCI DSS 7.2`; a framework-wide tag (`cis`) is the framework's name. */
export function controlLabel(control: ComplianceControl): string {
    const framework = frameworkOf(control);
    return control.includes(":") ? `${framework.name} ${framework.reference}` : framework.name;
}

/** The heading of a control in docs/compliance.md: `AC-6: Least Privilege`. */
export function controlHeading(control: ComplianceControl): string {
    const framework = frameworkOf(control);
    const reference = control.includes(":") ? framework.reference : framework.name;
    return `${reference ?? control}: ${framework.specification ?? ""}`;
}
