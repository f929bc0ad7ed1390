/**
 * Analyze and AnalyzeStack reading each resource once: for our pack in `perimeter`'s process
 * (cli/engine/in-process.ts), and for AnalyzeStack in our pack's own process (./serve.ts). The SDK's own handlers
 * (node_modules/@pulumi/policy/server.js `makeAnalyzeRpcFun`, `makeAnalyzeStackRpcFun`) deserialize a
 * resource again for each policy they run on it; here it is deserialized once per request, with the
 * pack's own SDK functions (`deserializeProperties`, `unknownCheckingProxy`), and every policy gets
 * the same resource (AnalyzeStack: the same list, so stack policies also share what they derive from
 * it). Everything else is the handlers', step by step: which policies run at which level, the
 * single-type fast path, not-applicable answers, values unknown in preview, the diagnostics, and the
 * error that names a policy that threw. test/cli/engine/in-process.test.ts and the example tests hold
 * the results equal to the SDK's own handlers'.
 *
 * Our policies only read what they are given; the resource objects and the list are frozen, so one
 * that wrote to them would fail loudly instead of changing what the next policy sees.
 */
import { declaredTypesOf } from "./declared-types";

/** A policy's config as Configure delivered it: its level and its properties. */
export interface PolicyConfigEntry {
    readonly enforcementLevel: string;
    readonly properties: { readonly [key: string]: unknown };
}

/** What the pack handed the SDK's `serve`: its name, version, default level and policies. */
export interface ServedPack {
    readonly name: string;
    readonly version: string;
    readonly enforcementLevel: string;
    readonly policies: readonly Record<string, unknown>[];
}

/** The parts of the pack's own SDK instance that a request is run with. */
export interface PackSdk {
    deserializeProperties(struct: { toJavaScript(): unknown }, proxySecrets: boolean): object;
    unknownCheckingProxy<T extends object>(value: T): T;
    readonly UnknownValueError: new (...args: never[]) => Error;
    isStackPolicy(policy: unknown): boolean;
    isResourcePolicy(policy: unknown): boolean;
    getPulumiType(value: unknown): string | undefined;
    makeAnalyzeResponse(diagnostics: unknown[], notApplicable: unknown[] | undefined): unknown;
    readonly PolicyNotApplicable: new () => {
        setPolicyName(name: string): void;
        setReason(reason: string): void;
    };
}

/** The read-only view of the stack tags the SDK gives policies (server.js `freezeMap`). */
export type StackTags = ReadonlyMap<string, string>;

/** A resource of the request, as the handlers read it (./in-process.ts ReceivedResource). */
export interface RequestResource {
    /**
     * The resource options as the protocol sends them (pulumirpc.AnalyzerResourceOptions); absent in
     * `perimeter`'s process, which knows only `protect` and the parent.
     */
    getOptions?(): RequestOptions | undefined;
    getType(): string;
    getUrn(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): {
        entries(): Iterable<[string, { getUrnsList(): string[] }]>;
    };
    getProperties(): { toJavaScript(): unknown };
    /** In `perimeter`'s process, in place of {@link getOptions}. */
    getProtect?(): boolean;
    getProvider():
        | {
              getType(): string;
              getUrn(): string;
              getName(): string;
              getProperties(): { toJavaScript(): unknown };
          }
        | undefined;
}

/**
 * The resource of an Analyze request (pulumirpc.AnalyzeRequest, or `perimeter`'s in-process stand-in):
 * a stack resource without its links to the others.
 */
export type AnalyzedResource = Pick<
    RequestResource,
    "getOptions" | "getType" | "getUrn" | "getName" | "getProperties" | "getProtect" | "getProvider"
> & { getParent?(): string };

/** pulumirpc.AnalyzerResourceOptions, as the SDK reads it (server.js `getResourceOptions`). */
export interface RequestOptions {
    getProtect(): boolean;
    getIgnorechangesList(): string[];
    getAliasesList(): string[];
    getCustomtimeouts():
        { getCreate(): number; getUpdate(): number; getDelete(): number } | undefined;
    getAdditionalsecretoutputsList(): string[];
    getDeletebeforereplacedefined(): boolean;
    getDeletebeforereplace(): boolean;
    getParent(): string;
}

interface PolicyResource {
    type: string;
    props: object;
    urn: string;
    name: string;
    opts: Record<string, unknown>;
    dependencies: PolicyResource[];
    propertyDependencies: Record<string, PolicyResource[]>;
    parent?: PolicyResource;
    provider?: { type: string; props: object; urn: string; name: string };
    isType: (resourceClass: unknown) => boolean;
    asType: (resourceClass: unknown) => object | undefined;
}

class NotApplicableError extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

/** The SDK's read-only view of stack tags (server.js `freezeMap`). */
export function frozenTags(map: Map<string, string>): StackTags {
    return Object.freeze({
        entries: map.entries.bind(map),
        forEach: map.forEach.bind(map),
        get: map.get.bind(map),
        has: map.has.bind(map),
        keys: map.keys.bind(map),
        size: map.size,
        values: map.values.bind(map),
        [Symbol.iterator]: map[Symbol.iterator].bind(map),
    });
}

/** No tags: what `perimeter` sends (its ConfigureStack carries none). */
const NO_TAGS = frozenTags(new Map());

/**
 * The AnalyzeResponse of the pack's stack policies over `resources`, with `config` as Configure set
 * it (each policy's properties as the protocol delivers them, and its level; empty when the pack
 * was not configured) and the stack tags ConfigureStack set.
 */
export async function analyzeStackOnce(
    sdk: PackSdk,
    pack: ServedPack,
    config: Readonly<Record<string, PolicyConfigEntry>>,
    request: readonly RequestResource[],
    stackTags: StackTags = NO_TAGS,
): Promise<unknown> {
    const diagnostics: Record<string, unknown>[] = [];
    const notApplicable = new NotApplicableList(sdk);
    let resources: readonly PolicyResource[] | undefined;
    for (const p of pack.policies) {
        const name = String(p["name"]);
        let level = levelOf(p, pack, config);
        if (level === "disabled" || !sdk.isStackPolicy(p)) continue;
        if (level === "remediate") level = "mandatory";
        const validateStack = p["validateStack"] as Validation;
        const pulumiType = sdk.getPulumiType(validateStack);
        if (pulumiType && !request.some((r) => r.getType() === pulumiType)) {
            notApplicable.push(name, `Policy only applies to resources of type '${pulumiType}'`);
            continue;
        }
        const report = reportViolation(p, pack, level, diagnostics);
        try {
            resources ??= readResources(sdk, request);
            const args = {
                resources: [...resources],
                getConfig: configReader(config, name),
                stackTags,
                notApplicable: throwNotApplicable,
            };
            await Promise.resolve(validateStack(args, report));
        } catch (e) {
            settle(e, { sdk, pack, p, validator: "validateStack", diagnostics, notApplicable });
        }
    }
    return sdk.makeAnalyzeResponse(diagnostics, notApplicable.list);
}

/** The AnalyzeResponse of the pack's resource policies for one resource (its inputs). */
export async function analyzeOnce(
    sdk: PackSdk,
    pack: ServedPack,
    config: Readonly<Record<string, PolicyConfigEntry>>,
    request: AnalyzedResource,
    stackTags: StackTags = NO_TAGS,
): Promise<unknown> {
    const diagnostics: Record<string, unknown>[] = [];
    const notApplicable = new NotApplicableList(sdk);
    const type = request.getType();
    let args: Record<string, unknown> | undefined;
    for (const p of pack.policies) {
        const name = String(p["name"]);
        let level = levelOf(p, pack, config);
        if (level === "disabled" || !sdk.isResourcePolicy(p)) continue;
        const validateResource = p["validateResource"] as Validation | Validation[] | undefined;
        if (!validateResource) {
            notApplicable.push(name, "Policy does not implement validateResource");
            continue;
        }
        if (level === "remediate") level = "mandatory";
        if (!Array.isArray(validateResource)) {
            const pulumiType = sdk.getPulumiType(validateResource);
            if (pulumiType && type !== pulumiType) {
                notApplicable.push(
                    name,
                    `Policy only applies to resources of type '${pulumiType}'`,
                );
                continue;
            }
            // Ours, for several types: the answer the policy would give (./declared-types.ts).
            const declared = declaredTypesOf(validateResource);
            if (declared !== undefined && !declared.types.has(type)) {
                notApplicable.push(name, declared.reason);
                continue;
            }
        }
        const report = reportViolation(p, pack, level, diagnostics);
        for (const validation of Array.isArray(validateResource)
            ? validateResource
            : [validateResource]) {
            try {
                args ??= resourceArgs(sdk, request, stackTags);
                await Promise.resolve(
                    validation({ ...args, getConfig: configReader(config, name) }, report),
                );
            } catch (e) {
                settle(e, {
                    sdk,
                    pack,
                    p,
                    validator: "validateResource",
                    diagnostics,
                    notApplicable,
                });
            }
        }
    }
    return sdk.makeAnalyzeResponse(diagnostics, notApplicable.list);
}

type Validation = (args: unknown, report: unknown) => void | Promise<void>;

/** What every resource policy is given about the resource, built once (getConfig aside). */
function resourceArgs(
    sdk: PackSdk,
    request: AnalyzedResource,
    stackTags: StackTags,
): Record<string, unknown> {
    const resource = readResource(sdk, request);
    const args: Record<string, unknown> = {
        type: resource.type,
        props: resource.props,
        urn: resource.urn,
        name: resource.name,
        opts: resource.opts,
        stackTags,
        isType: resource.isType,
        asType: resource.asType,
        notApplicable: throwNotApplicable,
    };
    if (resource.provider) args["provider"] = resource.provider;
    return args;
}

/** The policy's level: from its config, else its own, else the pack's. */
function levelOf(
    p: Record<string, unknown>,
    pack: ServedPack,
    config: Readonly<Record<string, PolicyConfigEntry>>,
): string {
    return (
        config[String(p["name"])]?.enforcementLevel ||
        (p["enforcementLevel"] as string | undefined) ||
        pack.enforcementLevel
    );
}

/**
 * The handler's `makeGetConfigFun`: the policy's properties, without its level. One object per policy
 * and configuration, shared by every resource of the request (the SDK makes one per call; a policy
 * reads it and never writes to it), so what a policy derives from it can be derived once.
 */
function configReader(
    config: Readonly<Record<string, PolicyConfigEntry>>,
    name: string,
): () => Record<string, unknown> {
    let byName = propertiesOf.get(config);
    if (byName === undefined) {
        byName = new Map();
        propertiesOf.set(config, byName);
    }
    let properties = byName.get(name);
    if (properties === undefined) {
        const entry = config[name];
        properties = entry === undefined ? {} : { ...entry.properties };
        delete properties["enforcementLevel"];
        byName.set(name, properties);
    }
    const shared = properties;
    return () => shared;
}

const propertiesOf = new WeakMap<object, Map<string, Record<string, unknown>>>();

/**
 * What the handlers make of a policy that threw: a value unknown in preview gives an advisory
 * diagnostic, `args.notApplicable` a not-applicable answer, anything else fails the request.
 */
function settle(
    e: unknown,
    at: {
        sdk: PackSdk;
        pack: ServedPack;
        p: Record<string, unknown>;
        validator: string;
        diagnostics: Record<string, unknown>[];
        notApplicable: NotApplicableList;
    },
): void {
    const policyFrom = `policy '${String(at.p["name"])}' from policy pack '${at.pack.name}@v${at.pack.version}'`;
    if (e instanceof at.sdk.UnknownValueError) {
        at.diagnostics.push(notRunInPreview(at.p, at.validator, at.pack, policyFrom, e));
    } else if (e instanceof NotApplicableError) {
        at.notApplicable.push(String(at.p["name"]), e.reason);
    } else {
        throw policyError(policyFrom, e);
    }
}

/** The advisory diagnostic for a policy that met a value unknown in preview. */
function notRunInPreview(
    p: Record<string, unknown>,
    validator: string,
    pack: ServedPack,
    policyFrom: string,
    e: Error,
): Record<string, unknown> {
    const rest: Record<string, unknown> = { ...p };
    delete rest[validator];
    delete rest["name"];
    return {
        policyName: p["name"],
        policyPackName: pack.name,
        policyPackVersion: pack.version,
        message: `can't run ${policyFrom} during preview: ${e.message}`,
        ...rest,
        enforcementLevel: "advisory",
    };
}

/** The handler's `asGrpcError`. */
function policyError(policyFrom: string, e: unknown): Error {
    const detail = e instanceof Error ? e.stack : String(e);
    return new Error(`Error validating resource with ${policyFrom}:\n${detail}`);
}

class NotApplicableList {
    list: InstanceType<PackSdk["PolicyNotApplicable"]>[] | undefined;

    constructor(private readonly sdk: PackSdk) {}

    push(policy: string, reason: string | undefined): void {
        const entry = new this.sdk.PolicyNotApplicable();
        entry.setPolicyName(policy);
        if (reason) entry.setReason(reason);
        (this.list ??= []).push(entry);
    }
}

/** The handler's `makeReportViolationFun`. */
function reportViolation(
    p: Record<string, unknown>,
    pack: ServedPack,
    level: string,
    diagnostics: Record<string, unknown>[],
): (message: unknown, urn?: string) => void {
    const policyName = p["name"];
    const description = p["description"] as string | undefined;
    const severity = p["severity"];
    return (message, urn) => {
        if (typeof message === "object" && message !== null) {
            const info = message as Record<string, unknown>;
            diagnostics.push({
                policyName: info["name"] || policyName,
                policyPackName: pack.name,
                policyPackVersion: pack.version,
                message: info["message"] || info["description"] || description,
                urn: info["urn"],
                description: info["description"] || description,
                enforcementLevel: info["enforcementLevel"] || level,
                severity: info["severity"] || severity,
            });
            return;
        }
        let text = description;
        if (message) text += `\n${message as string}`;
        diagnostics.push({
            policyName,
            policyPackName: pack.name,
            policyPackVersion: pack.version,
            message: text,
            urn,
            description,
            enforcementLevel: level,
            severity,
        });
    };
}

/** One resource as the handlers build it: props deserialized and behind the unknown-value proxy. */
function readResource(sdk: PackSdk, r: AnalyzedResource): PolicyResource {
    const type = r.getType();
    const props = sdk.unknownCheckingProxy(sdk.deserializeProperties(r.getProperties(), false));
    const parent = r.getParent?.() ?? "";
    const resource: PolicyResource = {
        type,
        props,
        urn: r.getUrn(),
        name: r.getName(),
        opts: optionsOf(r, parent),
        dependencies: [],
        propertyDependencies: {},
        isType: (resourceClass) => isTypeOf(sdk, type, resourceClass),
        asType: (resourceClass) => (isTypeOf(sdk, type, resourceClass) ? props : undefined),
    };
    const provider = r.getProvider();
    if (provider) {
        resource.provider = {
            type: provider.getType(),
            props: sdk.unknownCheckingProxy(
                sdk.deserializeProperties(provider.getProperties(), false),
            ),
            urn: provider.getUrn(),
            name: provider.getName(),
        };
    }
    return resource;
}

/** The handler's `getResourceOptions`. */
function optionsOf(r: AnalyzedResource, parent: string): Record<string, unknown> {
    if (r.getOptions === undefined) {
        return {
            protect: r.getProtect?.() ?? false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
            ...(parent ? { parent } : {}),
        };
    }
    const opts = r.getOptions();
    if (!opts) {
        throw new Error(
            "A more recent version of the Pulumi CLI is required. " +
                "To upgrade, see https://www.pulumi.com/docs/get-started/install/",
        );
    }
    const timeouts = opts.getCustomtimeouts();
    const result: Record<string, unknown> = {
        protect: opts.getProtect(),
        ignoreChanges: opts.getIgnorechangesList(),
        aliases: opts.getAliasesList(),
        customTimeouts: {
            createSeconds: timeouts?.getCreate() ?? 0.0,
            updateSeconds: timeouts?.getUpdate() ?? 0.0,
            deleteSeconds: timeouts?.getDelete() ?? 0.0,
        },
        additionalSecretOutputs: opts.getAdditionalsecretoutputsList(),
    };
    if (opts.getDeletebeforereplacedefined()) {
        result["deleteBeforeReplace"] = opts.getDeletebeforereplace();
    }
    if (opts.getParent()) {
        result["parent"] = opts.getParent();
    }
    return result;
}

/** The request's resources as the handler builds them for a stack policy, linked, once. */
function readResources(sdk: PackSdk, request: readonly RequestResource[]): PolicyResource[] {
    const resources = request.map((r) => readResource(sdk, r));
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const linked = (urns: readonly string[]): PolicyResource[] =>
        urns.flatMap((urn) => {
            const found = byUrn.get(urn);
            return found === undefined ? [] : [found];
        });
    request.forEach((r, index) => {
        const resource = resources[index] as PolicyResource;
        const parent = r.getParent() ? byUrn.get(r.getParent()) : undefined;
        if (parent) resource.parent = parent;
        resource.dependencies = linked(r.getDependenciesList());
        for (const [key, urns] of r.getPropertydependenciesMap().entries()) {
            resource.propertyDependencies[key] = linked(urns.getUrnsList());
        }
    });
    for (const resource of resources) Object.freeze(resource);
    return Object.freeze(resources) as PolicyResource[];
}

/** The handler's `isTypeOf`. */
function isTypeOf(sdk: PackSdk, type: string, resourceClass: unknown): boolean {
    const pulumiType = sdk.getPulumiType(resourceClass);
    if (pulumiType) return type === pulumiType;
    const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
    return (
        typeof isInstance === "function" &&
        (isInstance as (o: unknown) => unknown)({ __pulumiType: type }) === true
    );
}
