/**
 * The one way a rule becomes a CrossGuard policy. Every policy gets the same metadata shape, the common
 * `exemptions` config property, config defaults, keyed messages, and exemption handling, so a rule file
 * holds only its judgement.
 */
import type {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { type Cloud, type ComplianceControl, type Service, frameworkOf } from "./compliance";
import { currentPolicyEnvironment, type PolicyEnvironment } from "./environment";
import {
    type Exemption,
    EXEMPTIONS_CONFIG_PROPERTY,
    exemptionLine,
    invalidExemptionLine,
    judgeExemption,
    readExemptions,
    recordExemptionConfig,
} from "./exemptions";
import { formatFindingKey, messageWithKey, quoteList, type RuleFinding } from "./finding";
import { rulesDocUrl } from "./rules-doc";
import { DECLARED_TYPES } from "./serve/declared-types";
import type { StackResource } from "./stack/resource";

/** A policy of this pack, as the SDK's PolicyPack takes it. */
export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

export interface PolicyMetadata {
    /** `<cloud>-<resource>-<requirement>`, equal to the file name. */
    readonly name: string;
    /** One sentence starting "Checks that". */
    readonly description: string;
    readonly severity: Severity;
    readonly enforcementLevel: EnforcementLevel;
    /** What to change, pointing at the component API where one exists. */
    readonly remediationSteps: string;
    readonly cloud: Cloud;
    readonly services: readonly Service[];
    /** The first control is the policy's primary framework reference. */
    readonly controls: readonly [ComplianceControl, ...ComplianceControl[]];
}

/** A config property: JSON schema with a description and a default, as the manifest test demands. */
export type ConfigProperty<T> = PolicyConfigJSONSchema & {
    readonly description: string;
    readonly default: T;
};

export type ConfigSchemaFor<C> = { readonly [K in keyof C]: ConfigProperty<C[K]> };

export type ReportFinding = (finding: RuleFinding) => void;

/** A stack finding names the resource it is about, or none for a finding about the stack as a whole. */
export type ReportStackFinding = (
    finding: RuleFinding & { readonly resource?: Pick<PolicyResource, "urn" | "name"> },
) => void;

export interface ResourcePolicyDefinition<C extends object> extends PolicyMetadata {
    /** Type tokens (`aws:iam/role:Role`); the policy is not applicable to any other. */
    readonly resourceTypes: readonly [string, ...string[]];
    readonly config: ConfigSchemaFor<C>;
    readonly validate: (resource: StackResource, report: ReportFinding, config: C) => void;
}

export interface StackPolicyDefinition<C extends object> extends PolicyMetadata {
    readonly config: ConfigSchemaFor<C>;
    readonly validate: (
        args: StackValidationArgs,
        report: ReportStackFinding,
        config: C,
    ) => void | Promise<void>;
}

const RESERVED_CONFIG = ["exemptions", "enforcementLevel"];

const resourceTypesByPolicy = new WeakMap<object, readonly string[]>();

/** The resource types a resource policy judges; undefined for stack policies. */
export function policyResourceTypes(
    policy: ResourceValidationPolicy | StackValidationPolicy,
): readonly string[] | undefined {
    return resourceTypesByPolicy.get(policy);
}

function commonFields(definition: PolicyMetadata, config: Record<string, PolicyConfigJSONSchema>) {
    for (const key of RESERVED_CONFIG) {
        if (Object.prototype.hasOwnProperty.call(config, key)) {
            throw new Error(
                `policy ${definition.name} must not declare the reserved config '${key}'`,
            );
        }
    }
    return {
        name: definition.name,
        description: definition.description,
        severity: definition.severity,
        enforcementLevel: definition.enforcementLevel,
        remediationSteps: definition.remediationSteps,
        ...urlOf(definition.name),
        tags: [definition.cloud, ...definition.services, ...definition.controls],
        framework: frameworkOf(definition.controls[0]),
        configSchema: { properties: { ...config, exemptions: EXEMPTIONS_CONFIG_PROPERTY } },
    };
}

/** The policy's documentation, sent as PolicyInfo.url over the analyzer protocol, when installed. */
function urlOf(name: string): { url?: string } {
    const url = rulesDocUrl(name);
    return url === undefined ? {} : { url };
}

/**
 * The Pulumi CLI fills schema defaults before Configure, but other drivers (or an empty config) may not;
 * fill them here too so a rule always sees every property.
 */
function readConfig<C extends object>(schema: ConfigSchemaFor<C>, raw: Record<string, unknown>): C {
    // The same raw config object comes with every resource of a request: fill it in once.
    let bySchema = configsRead.get(raw);
    if (bySchema === undefined) {
        bySchema = new WeakMap();
        configsRead.set(raw, bySchema);
    }
    let config = bySchema.get(schema) as C | undefined;
    if (config === undefined) {
        config = filledConfig(schema, raw);
        bySchema.set(schema, config);
    }
    return config;
}

const configsRead = new WeakMap<object, WeakMap<object, object>>();

function filledConfig<C extends object>(
    schema: ConfigSchemaFor<C>,
    raw: Record<string, unknown>,
): C {
    const config: Record<string, unknown> = {};
    for (const [key, property] of Object.entries<ConfigProperty<unknown>>(schema)) {
        config[key] = raw[key] !== undefined ? raw[key] : property.default;
    }
    return config as C;
}

const reportedProblems = new WeakMap<PolicyEnvironment["writeLine"], Set<string>>();

/** Malformed exemptions are named once per process, not once per resource. */
function readExemptionsOnce(
    policy: string,
    raw: unknown,
    environment: PolicyEnvironment,
): readonly Exemption[] {
    const { exemptions, problems } = readExemptions(raw);
    let seen = reportedProblems.get(environment.writeLine);
    if (seen === undefined) {
        seen = new Set();
        reportedProblems.set(environment.writeLine, seen);
    }
    for (const problem of problems) {
        const line = invalidExemptionLine(policy, problem);
        if (!seen.has(line)) {
            seen.add(line);
            environment.writeLine(line);
        }
    }
    return exemptions;
}

interface Target {
    readonly urn: string | undefined;
    readonly name: string | undefined;
}

/** Reports one finding unless an exemption covers it; each key is reported once per resource. */
function makeReporter(
    policy: string,
    exemptions: readonly Exemption[],
    environment: PolicyEnvironment,
    reportViolation: ReportViolation,
    urnOnTheWire: boolean,
): (finding: RuleFinding, target: Target) => void {
    // Made on the first finding: most runs find nothing.
    let seen: Set<string> | undefined;
    return (finding, target) => {
        const findingKey = formatFindingKey(finding.key);
        const seenKey = `${target.urn ?? ""}\n${findingKey}`;
        seen ??= new Set<string>();
        if (seen.has(seenKey)) {
            return;
        }
        seen.add(seenKey);
        const verdict = judgeExemption(
            exemptions,
            { policy, urn: target.urn, name: target.name, findingKey },
            environment.now(),
        );
        if (verdict.kind === "exempt") {
            environment.writeLine(
                exemptionLine({
                    policy,
                    urn: target.urn ?? null,
                    findingKey: `${policy}[${findingKey}]`,
                    reason: verdict.exemption.reason,
                    expires: verdict.exemption.expires ?? null,
                }),
            );
            return;
        }
        const message =
            verdict.kind === "expired"
                ? `${finding.message} (its exemption expired on ${verdict.exemption.expires})`
                : finding.message;
        const text = messageWithKey({ message, key: finding.key });
        if (urnOnTheWire && target.urn !== undefined) {
            reportViolation(text, target.urn);
        } else {
            reportViolation(text);
        }
    };
}

/**
 * The SDK runs every multi-type policy on every resource and learns "not applicable" only from the error
 * that `args.notApplicable` throws. Building that error (and its stack trace) once per policy per
 * resource is most of a big stack's cost, so each policy keeps the first one and throws it again: the
 * SDK reads nothing from it but its class and its `reason`, which is the same for every resource.
 */
class NotApplicable {
    private thrown: unknown;

    constructor(readonly reason: string) {}

    raise(args: { notApplicable(reason: string): never }): never {
        if (this.thrown === undefined) {
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 0;
            try {
                args.notApplicable(this.reason);
            } catch (error) {
                this.thrown = error;
            } finally {
                Error.stackTraceLimit = limit;
            }
        }
        throw this.thrown;
    }
}

/** Sent for every other resource of a stack, so long type lists are cut short. */
function notApplicableReason(types: readonly string[]): string {
    const noun = types.length === 1 ? "type" : "types";
    return `Policy only applies to resources of ${noun} ${quoteList(types)}`;
}

/** What every run of a policy starts with: its raw config and a reporter that applies exemptions. */
function prepareRun(
    policy: string,
    args: { getConfig<T extends object>(): T },
    reportViolation: ReportViolation,
    stackLevel: boolean,
): { raw: Record<string, unknown>; report: ReturnType<typeof makeReporter> } {
    const environment = currentPolicyEnvironment();
    const raw = args.getConfig<Record<string, unknown>>();
    recordExemptionConfig(policy, raw["exemptions"]);
    const exemptions = readExemptionsOnce(policy, raw["exemptions"], environment);
    const report = makeReporter(policy, exemptions, environment, reportViolation, stackLevel);
    return { raw, report };
}

export function defineResourcePolicy<C extends object>(
    definition: ResourcePolicyDefinition<C>,
): ResourceValidationPolicy {
    const types = new Set(definition.resourceTypes);
    const otherType = new NotApplicable(notApplicableReason(definition.resourceTypes));
    const validateResource: ResourceValidation = (args, reportViolation) => {
        if (!types.has(args.type)) {
            otherType.raise(args);
        }
        const { raw, report } = prepareRun(definition.name, args, reportViolation, false);
        const target = { urn: args.urn, name: args.name };
        const resource: StackResource = {
            type: args.type,
            name: args.name,
            urn: args.urn,
            props: args.props,
        };
        definition.validate(
            resource,
            (finding) => report(finding, target),
            readConfig(definition.config, raw),
        );
    };
    if (types.size === 1) {
        // The SDK skips a policy without calling it when the function carries its one type.
        Object.assign(validateResource, { __pulumiType: definition.resourceTypes[0] });
    } else {
        // Our handlers do the same for several types (./serve/read-once.ts), with the same answer.
        Object.assign(validateResource, {
            [DECLARED_TYPES]: { types, reason: otherType.reason },
        });
    }
    const policy: ResourceValidationPolicy = {
        ...commonFields(definition, definition.config),
        validateResource,
    };
    resourceTypesByPolicy.set(policy, definition.resourceTypes);
    return policy;
}

/**
 * The type-token prefixes of each cloud's providers. A stack policy of one cloud is not applicable to a
 * stack without any of that cloud's resources, so an AWS-only stack shows Azure and GCP policies as not
 * applicable rather than as passed.
 */
const CLOUD_TYPE_PREFIXES: Partial<Record<Cloud, readonly string[]>> = {
    aws: ["aws:", "aws-native:"],
    azure: ["azure-native:", "azure:"],
    gcp: ["gcp:", "google-native:"],
};

export function defineStackPolicy<C extends object>(
    definition: StackPolicyDefinition<C>,
): StackValidationPolicy {
    return {
        ...commonFields(definition, definition.config),
        validateStack: (args, reportViolation) => {
            const providers = CLOUD_TYPE_PREFIXES[definition.cloud];
            if (
                providers &&
                !args.resources.some((r) => providers.some((p) => r.type.startsWith(p)))
            ) {
                // stack-exemptions-valid judges this policy's exemptions even when it does not apply.
                recordExemptionConfig(
                    definition.name,
                    args.getConfig<Record<string, unknown>>()["exemptions"],
                );
                args.notApplicable(`the stack has no ${definition.cloud.toUpperCase()} resources`);
            }
            const { raw, report } = prepareRun(definition.name, args, reportViolation, true);
            const judged = definition.validate(
                args,
                (finding) =>
                    report(finding, { urn: finding.resource?.urn, name: finding.resource?.name }),
                readConfig(definition.config, raw),
            );
            return Promise.resolve(judged).then(nextTurn);
        },
    };
}

/**
 * A turn of the event loop after each stack policy. The SDK awaits the policies of a request one after
 * the other, which never leaves the microtask queue; a host that runs the pack in its own process
 * (`perimeter`) then answers a signal between two policies instead of after the whole stack.
 */
function nextTurn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}
