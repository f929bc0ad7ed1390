/**
 * AnalyzeStack for our pack in process, reading each resource once. The SDK's own handler
 * (node_modules/@pulumi/policy/server.js `makeAnalyzeStackRpcFun`) deserializes every resource again
 * for each of the pack's stack policies; here the resources are deserialized once per request, with
 * the pack's own SDK functions (`deserializeProperties`, `unknownCheckingProxy`), and the same list is
 * handed to every stack policy, which then also share what they derive from it. Everything else is
 * the handler's, step by step: which policies run at which level, the single-type fast path,
 * not-applicable answers, values unknown in preview, the diagnostics, and the error that names a
 * policy that threw. test/cli/engine/in-process.test.ts holds the result equal to the protocol's.
 *
 * Our policies only read `args.resources`; the resource objects and the list are frozen, so one that
 * wrote to them would fail loudly instead of changing what the next policy sees.
 */
import type { PolicyConfigEntry } from "./analyzer-messages";
import type { PackSdk, ServedPack } from "./pack-in-process";

/** A resource of the request, as the handlers read it (./in-process.ts ReceivedResource). */
export interface RequestResource {
    getType(): string;
    getUrn(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): Map<string, { getUrnsList(): string[] }>;
    getProperties(): { toJavaScript(): unknown };
    getProtect(): boolean;
    getProvider():
        | {
              getType(): string;
              getUrn(): string;
              getName(): string;
              getProperties(): { toJavaScript(): unknown };
          }
        | undefined;
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
    isType(resourceClass: unknown): boolean;
    asType(resourceClass: unknown): object | undefined;
}

class NotApplicableError extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

/** The SDK's read-only view of the stack tags (ConfigureStack sends none from perimeter). */
const NO_TAGS = (() => {
    const map = new Map<string, string>();
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
})();

/**
 * The AnalyzeResponse of the pack's stack policies over `resources`, with `config` as Configure set
 * it (each policy's properties as the protocol delivers them, and its level; empty when the pack
 * was not configured).
 */
export async function analyzeStackOnce(
    sdk: PackSdk,
    pack: ServedPack,
    config: Readonly<Record<string, PolicyConfigEntry>>,
    request: readonly RequestResource[],
): Promise<unknown> {
    const diagnostics: Record<string, unknown>[] = [];
    let notApplicable: InstanceType<PackSdk["PolicyNotApplicable"]>[] | undefined;
    const pushNotApplicable = (policy: string, reason: string | undefined): void => {
        const entry = new sdk.PolicyNotApplicable();
        entry.setPolicyName(policy);
        if (reason) entry.setReason(reason);
        (notApplicable ??= []).push(entry);
    };
    let resources: readonly PolicyResource[] | undefined;
    for (const p of pack.policies) {
        const name = String(p["name"]);
        let level =
            config[name]?.enforcementLevel ||
            (p["enforcementLevel"] as string | undefined) ||
            pack.enforcementLevel;
        if (level === "disabled" || !sdk.isStackPolicy(p)) continue;
        if (level === "remediate") level = "mandatory";
        const validateStack = p["validateStack"] as (
            args: unknown,
            report: unknown,
        ) => void | Promise<void>;
        const pulumiType = sdk.getPulumiType(validateStack);
        if (pulumiType && !request.some((r) => r.getType() === pulumiType)) {
            pushNotApplicable(name, `Policy only applies to resources of type '${pulumiType}'`);
            continue;
        }
        const report = reportViolation(p, pack, level, diagnostics);
        const policyFrom = `policy '${name}' from policy pack '${pack.name}@v${pack.version}'`;
        try {
            resources ??= readResources(sdk, request);
            const args = {
                resources: [...resources],
                getConfig: () => {
                    const entry = config[name];
                    if (entry === undefined) return {};
                    const properties: Record<string, unknown> = { ...entry.properties };
                    delete properties["enforcementLevel"];
                    return properties;
                },
                stackTags: NO_TAGS,
                notApplicable: throwNotApplicable,
            };
            await Promise.resolve(validateStack(args, report));
        } catch (e) {
            if (e instanceof sdk.UnknownValueError) {
                const rest: Record<string, unknown> = { ...p };
                delete rest["validateStack"];
                delete rest["name"];
                diagnostics.push({
                    policyName: name,
                    policyPackName: pack.name,
                    policyPackVersion: pack.version,
                    message: `can't run ${policyFrom} during preview: ${e.message}`,
                    ...rest,
                    enforcementLevel: "advisory",
                });
            } else if (e instanceof NotApplicableError) {
                pushNotApplicable(name, e.reason);
            } else {
                const detail = e instanceof Error ? e.stack : String(e);
                throw new Error(`Error validating resource with ${policyFrom}:\n${detail}`);
            }
        }
    }
    return sdk.makeAnalyzeResponse(diagnostics, notApplicable);
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

/** The request's resources as the handler builds them for a stack policy, linked, once. */
function readResources(sdk: PackSdk, request: readonly RequestResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const resources = request.map((r) => {
        const type = r.getType();
        const props = sdk.unknownCheckingProxy(sdk.deserializeProperties(r.getProperties(), false));
        const parent = r.getParent();
        const resource: PolicyResource = {
            type,
            props,
            urn: r.getUrn(),
            name: r.getName(),
            opts: {
                protect: r.getProtect(),
                ignoreChanges: [],
                aliases: [],
                customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                additionalSecretOutputs: [],
                ...(parent ? { parent } : {}),
            },
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
        byUrn.set(resource.urn, resource);
        return resource;
    });
    request.forEach((r, index) => {
        const resource = resources[index] as PolicyResource;
        const parent = r.getParent() ? byUrn.get(r.getParent()) : undefined;
        if (parent) resource.parent = parent;
        resource.dependencies = r
            .getDependenciesList()
            .flatMap((urn) => (byUrn.has(urn) ? [byUrn.get(urn) as PolicyResource] : []));
        for (const [key, urns] of r.getPropertydependenciesMap()) {
            resource.propertyDependencies[key] = urns
                .getUrnsList()
                .flatMap((urn) => (byUrn.has(urn) ? [byUrn.get(urn) as PolicyResource] : []));
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
