/**
 * The contracts between the offline engine (program runner, stack-export reader, analyzer driver) and the
 * reports. One home for each shape: the engine produces them, the reports only read them.
 */

/** A property value as the engine carries it: plain JSON, or one of the two protocol markers below. */
export type PropertyValue =
    | null
    | boolean
    | number
    | string
    | PropertyValue[]
    | { [key: string]: PropertyValue }
    | UnknownValue
    | SecretValue;

/** A value that is not known yet (a computed output during preview, or a secret whose plaintext we lack). */
export interface UnknownValue {
    readonly __unknown: true;
}

/** A secret: its content travels to the pack marked secret; `value` is unknown when only ciphertext exists. */
export interface SecretValue {
    readonly __secret: true;
    readonly value: PropertyValue;
}

export type PropertyMap = { [key: string]: PropertyValue };

/** One resource of a stack, as registered by a program under mocks or read from a stack export. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** true for custom (provider) resources, false for component resources. */
    readonly custom: boolean;
    readonly parent?: string;
    /** Provider reference `<provider URN>::<provider id>`, when the resource has one. */
    readonly provider?: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: { readonly [property: string]: readonly string[] };
    readonly inputs: PropertyMap;
    readonly outputs: PropertyMap;
    readonly protect?: boolean;
    /** The `retainOnDelete` option: a destroy leaves the cloud resource in place. */
    readonly retainOnDelete?: boolean;
    /** The provider-assigned ID of a custom resource; absent for components and during preview. */
    readonly id?: string;
    /** Read by the program (`Resource.get`), not managed by the stack; as `external` in an export. */
    readonly external?: boolean;
}

/** Everything one evaluation is about: a stack's resources and where they came from. */
export interface StackSnapshot {
    /** The project/stack or file the resources came from, for reports. */
    readonly source: string;
    readonly resources: readonly RecordedResource[];
    /** Project and stack names, when known; the analyzer's ConfigureStack call passes them on. */
    readonly project?: string;
    readonly stack?: string;
    /** true when computed outputs were left unknown, as in `pulumi preview`. */
    readonly preview?: boolean;
}

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical" | "unspecified";

/** A policy as the pack describes itself over GetAnalyzerInfo. */
export interface PolicyDescriptor {
    readonly name: string;
    readonly displayName: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly tags: readonly string[];
    readonly remediationSteps: string;
    /** Where the policy is documented (PolicyInfo.url), when the pack says. */
    readonly url?: string;
    /** Resource policies judge one resource at a time; stack policies judge the whole stack. */
    readonly kind: "resource" | "stack";
    readonly configSchema?: { properties: Record<string, unknown>; required?: string[] };
}

export interface PolicyPackDescriptor {
    readonly name: string;
    readonly version: string;
    readonly policies: readonly PolicyDescriptor[];
}

/**
 * Policy pack configuration in the JSON format of `pulumi policy enable --config`: per policy name (or
 * `all`), either an enforcement level or an object with an optional `enforcementLevel` and the policy's
 * config properties. Parsed JSON; the engine validates it against the packs.
 */
export type PolicyConfigFile = {
    readonly [policy: string]: string | { readonly [property: string]: unknown };
};

/** One violation reported by a pack (the JSON report's `findings[]` entries). */
export interface Finding {
    readonly policy: string;
    readonly policyPack: string;
    readonly severity: Severity;
    readonly enforcementLevel: EnforcementLevel;
    /** null for stack-level findings without a resource. */
    readonly urn: string | null;
    readonly resourceType: string | null;
    readonly resourceName: string | null;
    readonly message: string;
    /** `<policy>[<Kind>::<value>]` when the message carries a key, else `<policy>`. */
    readonly findingKey: string;
    /** What to do about it: the policy's remediation steps (else its description). */
    readonly remediation: string;
    /** The policy's documentation (for our pack, its section of docs/rules.md); null when the pack gives none. */
    readonly helpUri: string | null;
    readonly tags: readonly string[];
}

/** A policy that could not judge a resource (unknown values during preview). */
export interface NotEvaluated {
    readonly policy: string;
    readonly urn: string | null;
    readonly reason: string;
}

/** A finding an exemption in the pack config covered. */
export interface Exempted {
    readonly policy: string;
    readonly urn: string | null;
    readonly findingKey: string;
    readonly reason: string;
    readonly expires: string | null;
}

/**
 * What one policy concluded about the whole stack: how many resources it judged (for a stack policy,
 * 1 when it ran), with what effective level, and how many findings it reported.
 */
export interface PolicyVerdict {
    readonly policyPack: string;
    readonly policy: string;
    readonly kind: "resource" | "stack";
    /** The level after the policy config was applied. */
    readonly enforcementLevel: EnforcementLevel;
    readonly judged: number;
    readonly findings: number;
    readonly notEvaluated: number;
}

/** The result of driving one or more packs over one stack. */
export interface Evaluation {
    readonly source: string;
    readonly packs: readonly PolicyPackDescriptor[];
    readonly resources: readonly RecordedResource[];
    readonly findings: readonly Finding[];
    readonly notEvaluated: readonly NotEvaluated[];
    readonly exempted: readonly Exempted[];
    /** One per policy of every pack, in pack order. */
    readonly verdicts: readonly PolicyVerdict[];
}
