/**
 * Our pack's own Analyze and AnalyzeStack handlers, reading each resource once per request.
 *
 * The SDK's handlers (node_modules/@pulumi/policy/server.js `makeAnalyzeRpcFun`,
 * `makeAnalyzeStackRpcFun`) deserialize a resource again for each policy they run on it, and hand each
 * stack policy new objects, so nothing a policy derives from the stack can serve the next one. While
 * our `PolicyPack` is constructed, the SDK's `serve` registers its handlers with a `grpc.Server`; this
 * wraps that registration so Analyze and AnalyzeStack run ./read-once.ts instead (the same steps as
 * the SDK's, with the pack's own SDK functions), and Configure and ConfigureStack also keep what
 * ./read-once.ts needs (each policy's config and level, the stack tags) before the SDK's own handlers
 * take them. Every other handler (GetAnalyzerInfo, GetPluginInfo, Remediate) is the SDK's.
 *
 * `PERIMETER_SDK_HANDLERS=1` in the pack's environment keeps the SDK's handlers (the reference the
 * differential tests compare with).
 */
import { createRequire } from "module";
import * as path from "path";
import {
    type AnalyzedResource,
    analyzeOnce,
    analyzeStackOnce,
    frozenTags,
    type PackSdk,
    type PolicyConfigEntry,
    type RequestResource,
    type ServedPack,
    type StackTags,
} from "./read-once";

type Callback = (error: unknown, response?: unknown) => void;
type AddService = (this: unknown, service: unknown, implementation: object) => void;
type Handler = (call: { readonly request: unknown }, callback: Callback) => unknown;

interface ConfigureRequest {
    getPolicyconfigMap(): {
        entries(): Iterable<
            [
                string,
                { getProperties(): { toJavaScript(): unknown }; getEnforcementlevel(): number },
            ]
        >;
    };
}

interface ConfigureStackRequest {
    getTagsMap(): { forEach(visit: (value: string, key: string) => void): void };
}

interface AnalyzeStackRequest {
    getResourcesList(): RequestResource[];
}

/** The environment variable that keeps the SDK's own handlers. */
export const SDK_HANDLERS_VARIABLE = "PERIMETER_SDK_HANDLERS";

/** Runs `construct` (which constructs the pack's `PolicyPack`) with our handlers served. */
export function servingStackReadOnce(construct: () => void): void {
    if (process.env[SDK_HANDLERS_VARIABLE] === "1") {
        construct();
        return;
    }
    const sdkDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    const load = createRequire(path.join(sdkDir, "package.json"));
    const server = load("./server.js") as { serve: (...args: unknown[]) => void };
    const grpc = load("@grpc/grpc-js") as {
        Server: { prototype: { addService: AddService } };
    };
    const sdk = packSdk(load);
    const serve = server.serve;
    const addService = grpc.Server.prototype.addService;
    let served: ServedPack | undefined;
    server.serve = (...args: unknown[]) => {
        const [name, version, enforcementLevel, packArgs] = args as [
            string,
            string,
            string,
            { policies?: Record<string, unknown>[] },
        ];
        served = { name, version, enforcementLevel, policies: packArgs.policies ?? [] };
        serve(...args);
    };
    grpc.Server.prototype.addService = function (this: unknown, service, implementation) {
        const pack = served;
        const handlers = implementation as Record<string, Handler>;
        addService.call(
            this,
            service,
            pack === undefined ? implementation : readingStackOnce(handlers, pack, sdk),
        );
    };
    try {
        construct();
    } finally {
        server.serve = serve;
        grpc.Server.prototype.addService = addService;
    }
}

function readingStackOnce(
    handlers: Record<string, Handler>,
    pack: ServedPack,
    sdk: PackSdk & SdkProtocol,
): Record<string, Handler> {
    const configure = handlers["configure"];
    const configureStack = handlers["configureStack"];
    if (configure === undefined || configureStack === undefined) {
        return handlers;
    }
    let config: Record<string, PolicyConfigEntry> = {};
    let tags: StackTags | undefined;
    return {
        ...handlers,
        configure(call, callback) {
            try {
                config = configOf(call.request as ConfigureRequest, sdk);
            } catch {
                // The SDK's handler meets the same request and answers with its own error.
            }
            return configure(call, callback);
        },
        configureStack(call, callback) {
            try {
                const map = new Map<string, string>();
                (call.request as ConfigureStackRequest)
                    .getTagsMap()
                    .forEach((value, key) => map.set(key, value));
                tags = frozenTags(map);
            } catch {
                // As above: the SDK's handler answers.
            }
            return configureStack(call, callback);
        },
        analyze(call, callback) {
            analyzeOnce(sdk, pack, config, call.request as AnalyzedResource, tags).then(
                (response) => callback(undefined, response),
                (error: unknown) => callback(error, undefined),
            );
        },
        analyzeStack(call, callback) {
            const resources = (call.request as AnalyzeStackRequest).getResourcesList();
            analyzeStackOnce(sdk, pack, config, resources, tags).then(
                (response) => callback(undefined, response),
                (error: unknown) => callback(error, undefined),
            );
        },
    };
}

/** The SDK's Configure handler's reading of the request: each policy's properties and level. */
function configOf(request: ConfigureRequest, sdk: SdkProtocol): Record<string, PolicyConfigEntry> {
    const config: Record<string, PolicyConfigEntry> = {};
    for (const [name, entry] of request.getPolicyconfigMap().entries()) {
        config[name] = {
            properties: entry.getProperties().toJavaScript() as Record<string, unknown>,
            enforcementLevel: sdk.convertEnforcementLevel(entry.getEnforcementlevel()),
        };
    }
    return config;
}

interface SdkProtocol {
    convertEnforcementLevel(level: number): string;
}

/** The functions of the pack's own SDK instance (the one `@pulumi/policy` resolves to here). */
function packSdk(load: NodeJS.Require): PackSdk & SdkProtocol {
    const proto = load("@pulumi/pulumi/proto/analyzer_pb") as Record<string, unknown>;
    return {
        ...(load("./deserialize.js") as object),
        ...(load("./proxy.js") as object),
        ...(load("./policy.js") as object),
        ...(load("./protoutil.js") as object),
        PolicyNotApplicable: proto["PolicyNotApplicable"],
    } as unknown as PackSdk & SdkProtocol;
}
