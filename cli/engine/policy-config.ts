/**
 * Policy pack configuration as the Pulumi CLI reconciles it (pkg/resource/analyzer/config.go): start
 * from each policy's level and configSchema defaults, apply the pack's initial config, then the user's
 * file (`all` first, then per policy), and validate every policy's properties against its schema.
 */
import Ajv, { type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import type { PolicyConfigEntry } from "./analyzer-messages";
import { UsageError } from "./errors";
import type { EnforcementLevel, PolicyConfigFile, PolicyPackDescriptor } from "./types";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** One entry of the file, with the enforcement level separated from the properties. */
export interface PolicyConfigOverride {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties: { readonly [key: string]: unknown };
}

/**
 * Checks the file's shape and that every name is `all` or a policy of one of the packs; returns the
 * entries with levels validated.
 */
export function readPolicyConfigFile(
    file: PolicyConfigFile | undefined,
    packs: readonly PolicyPackDescriptor[],
): Map<string, PolicyConfigOverride> {
    const result = new Map<string, PolicyConfigOverride>();
    if (file === undefined) {
        return result;
    }
    if (typeof file !== "object" || file === null || Array.isArray(file)) {
        throw new UsageError("the policy config must be a JSON object keyed by policy name");
    }
    const known = new Set(packs.flatMap((pack) => pack.policies.map((policy) => policy.name)));
    for (const [name, value] of Object.entries(file)) {
        if (name !== "all" && !known.has(name)) {
            throw new UsageError(
                `the policy config names '${name}', which no policy pack defines; known policies: ${summarize([...known])}`,
            );
        }
        result.set(name, readEntry(name, value));
    }
    return result;
}

function readEntry(name: string, value: unknown): PolicyConfigOverride {
    if (typeof value === "string") {
        return { enforcementLevel: readLevel(name, value), properties: {} };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new UsageError(
            `the policy config for '${name}' must be an enforcement level or an object, not ${JSON.stringify(value)}`,
        );
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    return {
        ...(enforcementLevel === undefined
            ? {}
            : { enforcementLevel: readLevel(name, enforcementLevel) }),
        properties,
    };
}

function readLevel(name: string, value: unknown): EnforcementLevel {
    const level = LEVELS.find((l) => l === value);
    if (!level) {
        throw new UsageError(
            `the policy config for '${name}' has enforcement level ${JSON.stringify(value)}; use one of ${LEVELS.join(", ")}`,
        );
    }
    return level;
}

/** The effective config of every policy of one pack, validated against the policies' schemas. */
export function reconcilePolicyConfig(
    pack: PolicyPackDescriptor,
    initialConfig: Readonly<Record<string, Partial<PolicyConfigEntry>>>,
    overrides: ReadonlyMap<string, PolicyConfigOverride>,
): Record<string, PolicyConfigEntry> {
    const result: Record<string, PolicyConfigEntry> = {};
    for (const policy of pack.policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (typeof schema === "object" && schema !== null && "default" in schema) {
                defaults[key] = schema.default;
            }
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties: defaults };
    }
    apply(
        result,
        new Map(
            Object.entries(initialConfig).map(([k, v]) => [
                k,
                { ...v, properties: v.properties ?? {} },
            ]),
        ),
    );
    apply(result, overrides);
    for (const policy of pack.policies) {
        const schema = policy.configSchema;
        const config = result[policy.name];
        if (schema && config) {
            validate(policy.name, schema, config.properties);
        }
    }
    return result;
}

function apply(
    result: Record<string, PolicyConfigEntry>,
    overrides: ReadonlyMap<string, PolicyConfigOverride>,
): void {
    const all = overrides.get("all")?.enforcementLevel;
    if (all) {
        for (const [name, config] of Object.entries(result)) {
            result[name] = { ...config, enforcementLevel: all };
        }
    }
    for (const [name, override] of overrides) {
        const current = result[name];
        if (name === "all" || !current) {
            continue;
        }
        result[name] = {
            enforcementLevel: override.enforcementLevel ?? current.enforcementLevel,
            properties: { ...current.properties, ...override.properties },
        };
    }
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

function validate(
    policy: string,
    schema: NonNullable<PolicyPackDescriptor["policies"][number]["configSchema"]>,
    properties: { readonly [key: string]: unknown },
): void {
    const objectSchema = {
        type: "object",
        properties: schema.properties,
        ...(schema.required && schema.required.length > 0 ? { required: schema.required } : {}),
    };
    // Ajv caches by schema object; a pack describes itself anew for every evaluation.
    const key = JSON.stringify(objectSchema);
    let check = compiled.get(key);
    if (check === undefined) {
        try {
            check = ajv.compile(objectSchema);
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            throw new UsageError(`policy '${policy}' has an invalid configSchema: ${reason}`);
        }
        compiled.set(key, check);
    }
    if (!check(properties)) {
        const problems = (check.errors ?? []).map(describe).join("; ");
        throw new UsageError(
            `the policy config for '${policy}' does not match its configSchema: ${problems}`,
        );
    }
}

function describe(error: ErrorObject): string {
    const property = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
    return property
        ? `'${property}' ${error.message ?? "is invalid"}`
        : (error.message ?? "is invalid");
}

function summarize(names: string[]): string {
    const shown = names.sort().slice(0, 8).join(", ");
    return names.length > 8 ? `${shown}, and ${names.length - 8} more` : shown || "none";
}
