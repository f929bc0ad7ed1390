/**
 * An {@link Analyzer} that evaluates our own policy pack inside this process instead of over gRPC:
 * the same requests, without a pack process, protobuf encoding or a second copy of the stack.
 * GetAnalyzerInfo, Configure and ConfigureStack go to the SDK's own handlers (./pack-in-process.ts);
 * Analyze and AnalyzeStack follow its handlers reading each resource once (policypack/lib/serve/read-once.ts). Each
 * resource is turned once per request into what the protocol would deliver (`toReceivedWireMap`),
 * read as a `Struct` is read. Answers and errors take the same shape as over the protocol;
 * test/cli/engine/in-process.test.ts compares the two paths over every fixture stack and example.
 */
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import { firstLinesOf, providerUrn, type Analyzer } from "./analyzer";
import {
    configureRequest,
    readAnalyzeResponse,
    readAnalyzerInfo,
    resourceOptions,
    type AnalyzeResult,
    type PolicyConfigEntry,
} from "./analyzer-messages";
import { UsageError } from "./errors";
import { exemptionOfLine } from "./exemption-line";
import { loadPackInProcess, type Handler } from "./pack-in-process";
import { analyzeOnce, analyzeStackOnce } from "../../policypack/lib/serve/read-once";
import type { Exempted, PropertyMap, RecordedResource } from "./types";
import { isWellFormed, toReceivedWireMap, type WireValue } from "./wire";

const STDERR_TAIL = 20;

let turn: Promise<unknown> = Promise.resolve();

/** Runs `evaluation` after every evaluation that asked before it has finished. */
export function inTurn<T>(evaluation: () => Promise<T>): Promise<T> {
    const result = turn.then(evaluation, evaluation);
    turn = result.catch(() => undefined);
    return result;
}

export async function startInProcessAnalyzer(packDir: string): Promise<Analyzer> {
    const pack = loadPackInProcess(packDir);
    const exempted: Exempted[] = [];
    const tail: string[] = [];
    const environment = {
        now: () => new Date(),
        writeLine: (line: string): void => {
            const record = exemptionOfLine(line);
            if (record) {
                exempted.push(record);
            } else if (line.trim() !== "") {
                tail.push(line);
                tail.splice(0, Math.max(0, tail.length - STDERR_TAIL));
            }
        },
    };
    /** A handler's answer; a failure names the pack, the call and the policy's own explanation. */
    const run = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
        // A turn of the event loop per call: answered in microtasks only, a whole audit would
        // never let a signal (Ctrl-C) or a progress line through.
        await new Promise((resolve) => setImmediate(resolve));
        return pack.environment.runWithPolicyEnvironment(environment, () =>
            work().catch((error: unknown) => {
                throw new UsageError(
                    `policy pack '${packDir}' failed ${what}: ${firstLinesOf(asError(error).message)}`,
                );
            }),
        );
    };
    const call = <T>(what: string, handler: Handler, request: unknown): Promise<T> =>
        run(
            what,
            () =>
                new Promise<T>((resolve, reject) => {
                    const done = (error: unknown, response?: unknown): void =>
                        error ? reject(asError(error)) : resolve(response as T);
                    Promise.resolve(handler({ request }, done)).catch(done);
                }),
        );
    const { handlers } = pack;
    // Each policy's config as Configure delivered it (policypack/lib/serve/read-once.ts reads it as the SDK does).
    let configured: Record<string, PolicyConfigEntry> = {};

    const info = await call<pb.AnalyzerInfo>(
        "to describe itself",
        handlers.getAnalyzerInfo,
        new Empty(),
    );
    const { descriptor, initialConfig } = readAnalyzerInfo(info);
    return {
        packDir,
        pid: undefined,
        info: descriptor,
        initialConfig,
        async configure(config) {
            if (!info.getSupportsconfig()) return;
            await call("to accept its config", handlers.configure, configureRequest(config));
            configured = Object.fromEntries(
                Object.entries(config).map(([policy, entry]) => [
                    policy,
                    { ...entry, properties: asDelivered(entry.properties) },
                ]),
            );
        },
        async configureStack(stack) {
            const request = new pb.AnalyzerStackConfigureRequest();
            request.setProject(stack.project ?? "");
            request.setStack(stack.stack ?? "");
            request.setDryRun(stack.preview ?? false);
            await call("to accept the stack", handlers.configureStack, request);
        },
        async analyze(resource, provider) {
            const request = new ReceivedResource(resource, resource.inputs, provider);
            const response = await run(`on ${resource.urn}`, () =>
                analyzeOnce(pack.sdk, pack.served, configured, request),
            );
            return answer(response as pb.AnalyzeResponse);
        },
        async analyzeStack(resources) {
            const providers = new Map<string, ReceivedProvider>();
            const byUrn = new Map(resources.map((r) => [r.urn, r]));
            const providerOf = (r: RecordedResource): ReceivedProvider | undefined => {
                const urn = r.provider ? providerUrn(r.provider) : undefined;
                const provider = urn === undefined ? undefined : byUrn.get(urn);
                if (!provider) return undefined;
                let received = providers.get(provider.urn);
                if (!received) {
                    received = new ReceivedProvider(provider);
                    providers.set(provider.urn, received);
                }
                return received;
            };
            const list = resources.map(
                (r) => new ReceivedResource(r, r.outputs, undefined, providerOf(r)),
            );
            const response = await run("on the stack", () =>
                analyzeStackOnce(pack.sdk, pack.served, configured, list),
            );
            return answer(response as pb.AnalyzeResponse);
        },
        takeGraph() {
            return pack.requestGraph?.takeRequestGraph();
        },
        takeExemptions() {
            return Promise.resolve(exempted.splice(0, exempted.length));
        },
        close() {},
    };
}

/**
 * The answer as the engine would read it. Over the protocol every string travels as UTF-8, which
 * changes a string that is not well-formed UTF-16 (a lone surrogate in a message); such a rare answer
 * takes the real protobuf round trip.
 */
function answer(response: pb.AnalyzeResponse): AnalyzeResult {
    const read = readAnalyzeResponse(response);
    const texts = [
        ...read.diagnostics.flatMap((d) => [d.policyName, d.message, d.description, d.urn]),
        ...read.notApplicable.flatMap((n) => [n.policy, n.reason]),
    ];
    return texts.every(isWellFormed)
        ? read
        : readAnalyzeResponse(pb.AnalyzeResponse.deserializeBinary(response.serializeBinary()));
}

/** Properties as a handler reads them from a request: `getProperties().toJavaScript()`. */
class ReceivedProperties {
    private received: { [key: string]: WireValue } | undefined;

    constructor(private readonly map: PropertyMap) {}

    toJavaScript(): { [key: string]: WireValue } {
        // The handlers copy what they read (deserializeProperties), so one object serves every policy.
        this.received ??= toReceivedWireMap(this.map);
        return this.received;
    }
}

class ReceivedProvider {
    private readonly properties: ReceivedProperties;

    constructor(private readonly provider: RecordedResource) {
        this.properties = new ReceivedProperties(provider.inputs);
    }

    getType = (): string => this.provider.type;
    getUrn = (): string => this.provider.urn;
    getName = (): string => this.provider.name;
    getProperties = (): ReceivedProperties => this.properties;
}

/** An AnalyzeRequest, or an AnalyzerResource of an AnalyzeStackRequest, as the handlers read it. */
class ReceivedResource {
    private readonly properties: ReceivedProperties;
    private readonly options: pb.AnalyzerResourceOptions;
    private readonly provider: ReceivedProvider | undefined;

    constructor(
        private readonly resource: RecordedResource,
        properties: PropertyMap,
        provider: RecordedResource | undefined,
        received?: ReceivedProvider,
    ) {
        this.properties = new ReceivedProperties(properties);
        this.options = resourceOptions(resource);
        this.provider = received ?? (provider ? new ReceivedProvider(provider) : undefined);
    }

    getType = (): string => this.resource.type;
    getUrn = (): string => this.resource.urn;
    getName = (): string => this.resource.name;
    getProperties = (): ReceivedProperties => this.properties;
    getOptions = (): pb.AnalyzerResourceOptions => this.options;
    getProvider = (): ReceivedProvider | undefined => this.provider;
    getProtect = (): boolean => this.resource.protect ?? false;
    getParent = (): string => this.resource.parent ?? "";
    getDependenciesList = (): string[] => [...this.resource.dependencies];
    getPropertydependenciesMap = (): Map<string, { getUrnsList: () => string[] }> =>
        new Map(
            Object.keys(this.resource.propertyDependencies)
                .sort()
                .map((key) => {
                    const urns = [...(this.resource.propertyDependencies[key] ?? [])];
                    return [key, { getUrnsList: () => urns }];
                }),
        );
}

function asError(error: unknown): Error {
    return error instanceof Error ? error : new Error(String(error));
}

/** Config properties as the protocol delivers them: through a protobuf Struct. */
function asDelivered(properties: { readonly [key: string]: unknown }): { [key: string]: unknown } {
    return Struct.fromJavaScript(properties as Record<string, JavaScriptValue>).toJavaScript();
}
