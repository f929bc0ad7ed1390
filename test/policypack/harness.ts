/**
 * Runs one policy the way @pulumi/policy's analyzer server does (node_modules/@pulumi/policy/server.js),
 * without gRPC: enforcement level from config, the type fast path and `notApplicable`, properties
 * deserialized from a protobuf Struct behind the SDK's own unknown-checking proxy, config defaults from
 * the schema (the Pulumi CLI fills them before Configure), and the pack's stderr lines captured through
 * the policy environment instead of process.stderr.
 */
import type {
    EnforcementLevel,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { runWithPolicyEnvironment } from "../../policypack/lib/environment";
import { EXEMPTION_LINE_PREFIX, type ExemptionRecord } from "../../policypack/lib/exemptions";
import { formatFindingKey, parseFindingKey } from "../../policypack/lib/finding";

// Internal SDK modules: the same deserializer and unknown sentinels the server uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deserialize = require("@pulumi/policy/deserialize") as {
    deserializeProperties(struct: Struct, proxySecrets: boolean): Record<string, unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkProxy = require("@pulumi/policy/proxy") as {
    unknownStringValue: string;
    unknownArrayValue: string;
    unknownObjectValue: string;
};

/** Put this where the engine would send a computed value during preview. */
export const UNKNOWN = sdkProxy.unknownStringValue;
export const UNKNOWN_ARRAY = sdkProxy.unknownArrayValue;
export const UNKNOWN_OBJECT = sdkProxy.unknownObjectValue;

export type PolicyConfig = { readonly enforcementLevel?: EnforcementLevel } & Record<
    string,
    unknown
>;

export interface HarnessOptions {
    /** The policy's config as `pulumi policy enable --config` would hold it. */
    readonly config?: PolicyConfig;
    /** Today, for exemption expiry. */
    readonly now?: Date;
}

export interface HarnessResource {
    readonly type: string;
    readonly name: string;
    readonly urn?: string;
    readonly props: Record<string, unknown>;
}

export interface HarnessViolation {
    readonly message: string;
    readonly urn?: string;
    /** `<policy>[Kind::value]` as the CLI forms it, or undefined when the message carries no key. */
    readonly findingKey?: string;
}

export interface HarnessResult {
    readonly enforcementLevel: EnforcementLevel;
    /** True when config disabled the policy and the server skipped it. */
    readonly skipped: boolean;
    readonly violations: readonly HarnessViolation[];
    readonly notApplicable?: string;
    /** The "can't run during preview" message when the policy read an unknown value. */
    readonly unknown?: string;
    readonly exemptions: readonly ExemptionRecord[];
    readonly stderr: readonly string[];
}

class NotApplicable extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicable(reason);
}

/** What survives the wire: no undefined (dropped from objects, null in lists), plain JSON otherwise. */
function toWire(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map((v) => (v === undefined ? null : toWire(v)));
    }
    if (typeof value === "object" && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            if (v !== undefined) {
                out[k] = toWire(v);
            }
        }
        return out;
    }
    return value;
}

// The SDK deserializes a bag for every policy; tests that feed one huge bag to every policy reuse the
// deserialized value (rules never mutate props) and wrap it in a fresh unknown-checking proxy per call.
const deserializedBags = new WeakMap<object, unknown>();

function deserialized(props: Record<string, unknown>): Record<string, unknown> {
    let plain = deserializedBags.get(props);
    if (plain === undefined) {
        const struct = Struct.fromJavaScript(
            toWire(props) as Parameters<typeof Struct.fromJavaScript>[0],
        );
        plain = deserialize.deserializeProperties(struct, false);
        deserializedBags.set(props, plain);
    }
    return unknownCheckingProxy(plain) as Record<string, unknown>;
}

function configWithDefaults(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    config: PolicyConfig | undefined,
): { level: EnforcementLevel | undefined; properties: Record<string, unknown> } {
    const properties: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (typeof schema === "object" && schema.default !== undefined) {
            properties[key] = schema.default;
        }
    }
    const { enforcementLevel, ...given } = config ?? {};
    return { level: enforcementLevel, properties: { ...properties, ...given } };
}

function levelOf(policy: { enforcementLevel?: EnforcementLevel }, configured?: EnforcementLevel) {
    const level = configured ?? policy.enforcementLevel ?? "advisory";
    return level === "remediate" ? "mandatory" : level;
}

interface Run {
    readonly violations: HarnessViolation[];
    readonly stderr: string[];
    report(message: string, urn?: string): void;
}

function startRun(policyName: string): Run {
    const violations: HarnessViolation[] = [];
    return {
        violations,
        stderr: [],
        report(message, urn) {
            const key = parseFindingKey(message);
            violations.push({
                message,
                urn,
                findingKey:
                    key === undefined ? undefined : `${policyName}[${formatFindingKey(key)}]`,
            });
        },
    };
}

function finish(
    run: Run,
    level: EnforcementLevel,
    outcome: { notApplicable?: string; unknown?: string },
): HarnessResult {
    const exemptions = run.stderr
        .filter((line) => line.startsWith(EXEMPTION_LINE_PREFIX))
        .map((line) => JSON.parse(line.slice(EXEMPTION_LINE_PREFIX.length)) as ExemptionRecord);
    return {
        enforcementLevel: level,
        skipped: false,
        violations: run.violations,
        exemptions,
        stderr: run.stderr,
        ...outcome,
    };
}

async function guarded(
    policyName: string,
    run: () => Promise<void>,
): Promise<{ notApplicable?: string; unknown?: string }> {
    try {
        await run();
        return {};
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return {
                unknown: `can't run policy '${policyName}' during preview: ${(e as Error).message}`,
            };
        }
        if (e instanceof NotApplicable) {
            return { notApplicable: e.reason ?? "" };
        }
        throw e;
    }
}

const skipped = (level: EnforcementLevel): HarnessResult => ({
    enforcementLevel: level,
    skipped: true,
    violations: [],
    exemptions: [],
    stderr: [],
});

export async function runResourcePolicy(
    policy: ResourceValidationPolicy,
    resource: HarnessResource,
    options: HarnessOptions = {},
): Promise<HarnessResult> {
    const { level: configured, properties } = configWithDefaults(policy, options.config);
    const level = levelOf(policy, configured);
    if (level === "disabled") {
        return skipped(level);
    }
    const run = startRun(policy.name);
    const validations = policy.validateResource;
    if (validations === undefined) {
        return finish(run, level, { notApplicable: "Policy does not implement validateResource" });
    }
    const fastType = (validations as { __pulumiType?: unknown }).__pulumiType;
    if (typeof fastType === "string" && fastType !== resource.type) {
        return finish(run, level, {
            notApplicable: `Policy only applies to resources of type '${fastType}'`,
        });
    }
    const environment = {
        now: () => options.now ?? new Date(),
        writeLine: (l: string) => void run.stderr.push(l),
    };
    const outcome = await guarded(policy.name, async () => {
        for (const validate of Array.isArray(validations) ? validations : [validations]) {
            const props = deserialized(resource.props);
            const args = {
                type: resource.type,
                name: resource.name,
                urn:
                    resource.urn ??
                    `urn:pulumi:test::perimeter::${resource.type}::${resource.name}`,
                props,
                opts: {
                    protect: false,
                    ignoreChanges: [],
                    aliases: [],
                    additionalSecretOutputs: [],
                },
                stackTags: new Map<string, string>(),
                getConfig: () => properties,
                notApplicable: throwNotApplicable,
            } as unknown as ResourceValidationArgs;
            await runWithPolicyEnvironment(environment, () =>
                Promise.resolve(validate(args, (m, urn) => run.report(m, urn))),
            );
        }
    });
    return finish(run, level, outcome);
}

export async function runStackPolicy(
    policy: StackValidationPolicy,
    resources: readonly HarnessResource[],
    options: HarnessOptions = {},
): Promise<HarnessResult> {
    const { level: configured, properties } = configWithDefaults(policy, options.config);
    const level = levelOf(policy, configured);
    if (level === "disabled") {
        return skipped(level);
    }
    const run = startRun(policy.name);
    const environment = {
        now: () => options.now ?? new Date(),
        writeLine: (l: string) => void run.stderr.push(l),
    };
    const outcome = await guarded(policy.name, async () => {
        const policyResources = resources.map(
            (r) =>
                ({
                    type: r.type,
                    name: r.name,
                    urn: r.urn ?? `urn:pulumi:test::perimeter::${r.type}::${r.name}`,
                    props: deserialized(r.props),
                    dependencies: [],
                    propertyDependencies: {},
                }) as unknown as PolicyResource,
        );
        const args = {
            resources: policyResources,
            stackTags: new Map<string, string>(),
            getConfig: () => properties,
            notApplicable: throwNotApplicable,
        } as unknown as StackValidationArgs;
        await runWithPolicyEnvironment(environment, () =>
            Promise.resolve(policy.validateStack(args, (m, urn) => run.report(m, urn))),
        );
    });
    return finish(run, level, outcome);
}

/**
 * What `read` finds in `resources`, read inside a stack policy as the pack reads them (behind the
 * SDK's unknown-checking proxy). `wrap` adds what the plain harness leaves out, e.g. property
 * dependencies. Fails when the read stopped on an unknown value or did not run.
 */
export async function readInStackPolicy<T>(
    resources: readonly HarnessResource[],
    read: (resources: StackValidationArgs["resources"]) => T,
    wrap: (policy: StackValidationPolicy) => StackValidationPolicy = (p) => p,
): Promise<T> {
    let found: { value: T } | undefined;
    const capture: StackValidationPolicy = {
        name: "capture",
        description: "Reads a stack as a stack policy does.",
        enforcementLevel: "advisory",
        validateStack: (args) => {
            found = { value: read(args.resources) };
        },
    };
    const result = await runStackPolicy(wrap(capture), resources);
    if (result.unknown !== undefined) {
        throw new Error(`reading the stack stopped on an unknown value: ${result.unknown}`);
    }
    if (found === undefined) {
        throw new Error("the capture policy did not run");
    }
    return found.value;
}
