/**
 * Drives one CrossGuard policy pack over the Pulumi analyzer gRPC protocol, as the Pulumi engine does:
 * GetAnalyzerInfo, Configure, ConfigureStack, Analyze per resource, AnalyzeStack.
 */
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import {
    analyzeRequest,
    analyzeStackRequest,
    configureRequest,
    readAnalyzeResponse,
    readAnalyzerInfo,
    type AnalyzeResult,
    type PolicyConfigEntry,
} from "./analyzer-messages";
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import { UsageError } from "./errors";
import { PackProcess } from "./pack-process";
import type { Exempted, PolicyPackDescriptor, RecordedResource } from "./types";

export type { AnalyzeResult, AnalyzerDiagnostic, PolicyConfigEntry } from "./analyzer-messages";

export interface Analyzer {
    readonly packDir: string;
    /** The pack's process id; undefined for a pack evaluated in this process (./in-process.ts). */
    readonly pid: number | undefined;
    readonly info: PolicyPackDescriptor;
    /** Config the pack supplied itself (`new PolicyPack(name, args, initialConfig)`). */
    readonly initialConfig: Readonly<Record<string, Partial<PolicyConfigEntry>>>;
    /** Sets every policy's effective level and properties (see ./policy-config). */
    configure(config: Record<string, PolicyConfigEntry>): Promise<void>;
    configureStack(stack: { project?: string; stack?: string; preview?: boolean }): Promise<void>;
    analyze(resource: RecordedResource, provider?: RecordedResource): Promise<AnalyzeResult>;
    /** Providers are looked up among `resources` by each resource's provider reference. */
    analyzeStack(resources: readonly RecordedResource[]): Promise<AnalyzeResult>;
    /**
     * The identity graph the pack built in the last AnalyzeStack, when it hands one over (our own
     * pack in process; see ./built-graph.ts).
     */
    takeGraph?(): IdentityGraph | undefined;
    /** Exemptions the pack reported on stderr since the last call; reads stderr to the end first. */
    takeExemptions(): Promise<Exempted[]>;
    close(): void;
}

// The pack raises its receive limit to 400 MB; large stacks need the same for AnalyzeStack replies.
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

type Callback<T> = (error: grpc.ServiceError | null, response: T) => void;

export async function startAnalyzer(packDir: string): Promise<Analyzer> {
    const { process: pack, port } = await PackProcess.start(packDir);
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
        "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    });
    const close = (): void => {
        client.close();
        pack.kill();
    };

    /** A unary call; a failure names the pack, the call and the pack's own explanation. */
    const call = async <T>(what: string, invoke: (callback: Callback<T>) => void): Promise<T> => {
        try {
            return await new Promise<T>((resolve, reject) =>
                invoke((error, response) => (error ? reject(error) : resolve(response))),
            );
        } catch (error) {
            await pack.drain();
            throw new UsageError(
                `policy pack '${packDir}' failed ${what}: ${explain(error, pack)}`,
            );
        }
    };

    try {
        const answer = await call<pb.AnalyzerInfo>("to describe itself", (cb) =>
            client.getAnalyzerInfo(new Empty(), cb),
        );
        const { descriptor, initialConfig } = readAnalyzerInfo(answer);
        return {
            packDir,
            pid: pack.pid,
            info: descriptor,
            initialConfig,
            async configure(config) {
                // As the engine does: a pack that declares no config support gets no Configure call.
                if (!answer.getSupportsconfig()) {
                    return;
                }
                await call<unknown>("to accept its config", (cb) =>
                    client.configure(configureRequest(config), cb),
                );
            },
            async configureStack(stack) {
                const request = new pb.AnalyzerStackConfigureRequest();
                request.setProject(stack.project ?? "");
                request.setStack(stack.stack ?? "");
                request.setDryRun(stack.preview ?? false);
                try {
                    await new Promise<void>((resolve, reject) =>
                        client.configureStack(request, (error) =>
                            error ? reject(error) : resolve(),
                        ),
                    );
                } catch (error) {
                    // Older packs predate ConfigureStack; the engine carries on without it too.
                    if ((error as grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) {
                        throw new UsageError(
                            `policy pack '${packDir}' failed to accept the stack: ${explain(error, pack)}`,
                        );
                    }
                }
            },
            async analyze(resource, provider) {
                const response = await call<pb.AnalyzeResponse>(`on ${resource.urn}`, (cb) =>
                    client.analyze(analyzeRequest(resource, provider), cb),
                );
                return readAnalyzeResponse(response);
            },
            async analyzeStack(resources) {
                const byUrn = new Map(resources.map((r) => [r.urn, r]));
                const providerOf = (r: RecordedResource): RecordedResource | undefined =>
                    r.provider ? byUrn.get(providerUrn(r.provider)) : undefined;
                const response = await call<pb.AnalyzeResponse>("on the stack", (cb) =>
                    client.analyzeStack(analyzeStackRequest(resources, providerOf), cb),
                );
                return readAnalyzeResponse(response);
            },
            async takeExemptions() {
                await pack.drain();
                return pack.takeExemptions();
            },
            close,
        };
    } catch (error) {
        close();
        throw error;
    }
}

/** A provider reference is `<provider URN>::<provider ID>`. */
export function providerUrn(reference: string): string {
    const separator = reference.lastIndexOf("::");
    return separator > 0 ? reference.slice(0, separator) : reference;
}

/**
 * The pack's explanation: its gRPC error details start with the policy that threw ("Error validating
 * resource with policy ...:") and the error's first line; the rest is a stack trace.
 */
function explain(error: unknown, pack: PackProcess): string {
    const grpcError = error as Partial<grpc.ServiceError>;
    if (grpcError.code === grpc.status.UNAVAILABLE || grpcError.code === grpc.status.CANCELLED) {
        return `it stopped (${pack.lastError()})`;
    }
    return firstLinesOf(typeof grpcError.details === "string" ? grpcError.details : String(error));
}

/** The first two lines of a pack's error that are not stack frames. */
export function firstLinesOf(details: string): string {
    return details
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("at "))
        .slice(0, 2)
        .join(" ");
}
