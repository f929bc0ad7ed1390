/**
 * Loads a policy pack into this process with the analyzer handlers its own `@pulumi/policy` would
 * serve over gRPC: constructing the pack's `PolicyPack` calls the SDK's `serve`, which registers
 * the handlers with a `grpc.Server` (node_modules/@pulumi/policy/server.js); while the pack loads,
 * that server's `addService` keeps them and `bindAsync` binds nothing. Everything a request meets
 * after that is the SDK's own code: config defaults and enforcement levels, not-applicable answers,
 * the unknown-value proxy, secrets, the diagnostics it reports.
 *
 * Each pack gets its own instance of the SDK, as its own process would: the SDK keeps the pack's
 * config and "serving" state in module variables and refuses a second pack per instance.
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import type { PackSdk, ServedPack } from "../../policypack/lib/serve/read-once";
import { UsageError } from "./errors";

/** A unary handler as grpc-js calls it. */
export type Handler = (
    call: { readonly request: unknown },
    callback: (error: unknown, response?: unknown) => void,
) => unknown;

/**
 * The SDK handlers used as they are (Analyze and AnalyzeStack follow theirs in
 * policypack/lib/serve/read-once.ts).
 */
export interface PackHandlers {
    readonly getAnalyzerInfo: Handler;
    readonly configure: Handler;
    readonly configureStack: Handler;
}

/** Where the pack's policies write lines and read the date: policypack/lib/environment.ts. */
export interface PolicyEnvironmentHook {
    runWithPolicyEnvironment<T>(
        environment: { now: () => Date; writeLine: (line: string) => void },
        run: () => T,
    ): T;
}

/** policypack/lib/graph/request-graph.ts, when the pack has it. */
export interface RequestGraphHook {
    keepRequestGraphs(): void;
    takeRequestGraph(): IdentityGraph | undefined;
}

export interface LoadedPack {
    readonly packDir: string;
    readonly served: ServedPack;
    readonly sdk: PackSdk;
    readonly handlers: PackHandlers;
    readonly environment: PolicyEnvironmentHook;
    readonly requestGraph?: RequestGraphHook;
}

const loaded = new Map<string, LoadedPack>();

/** `require` of a path known only at run time (a pack's modules, its SDK's gRPC). */
const loadModule = createRequire(__filename);

/**
 * The pack in `packDir`, loaded once per process. Its entry is package.json's `main` (compiled
 * JavaScript); its policy environment is `lib/environment.js` beside that entry.
 */
export function loadPackInProcess(packDir: string): LoadedPack {
    const dir = fs.realpathSync(packDir);
    const known = loaded.get(dir);
    if (known) return known;
    const fail = (why: string): UsageError =>
        new UsageError(`policy pack '${packDir}' failed to load in process: ${why}`);
    let entry: string;
    let environment: PolicyEnvironmentHook;
    try {
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
            main?: unknown;
        };
        entry = require.resolve(
            path.resolve(dir, typeof manifest.main === "string" ? manifest.main : "index.js"),
        );
        environment = loadModule(
            path.join(path.dirname(entry), "lib", "environment.js"),
        ) as PolicyEnvironmentHook;
    } catch (error) {
        throw fail(`${(error as Error).message}; build it with npm run build`);
    }
    const { handlers, served, sdk } = withOwnSdk(dir, (sdkDir) => {
        // policy.js calls `server_1.serve(...)` through the module's exports: wrapped, it tells us
        // what the pack served.
        const server = loadModule(path.join(sdkDir, "server.js")) as {
            serve: (...args: unknown[]) => void;
        };
        const serve = server.serve;
        let servedArgs: unknown[] = [];
        server.serve = (...args: unknown[]) => {
            servedArgs = args;
            serve(...args);
        };
        const captured = captureHandlers(dir, entry, fail);
        const [name, version, enforcementLevel, packArgs] = servedArgs as [
            string,
            string,
            string,
            { policies?: Record<string, unknown>[] },
        ];
        return {
            handlers: captured,
            served: { name, version, enforcementLevel, policies: packArgs.policies ?? [] },
            sdk: packSdk(sdkDir),
        };
    });
    const requestGraph = optionalHook<RequestGraphHook>(entry, "lib/graph/request-graph.js");
    requestGraph?.keepRequestGraphs();
    const pack = {
        packDir: dir,
        served,
        sdk,
        handlers,
        environment,
        ...(requestGraph ? { requestGraph } : {}),
    };
    loaded.set(dir, pack);
    return pack;
}

/** A module of the pack beside its entry, loaded after the pack (so it is the pack's own). */
function optionalHook<T>(entry: string, file: string): T | undefined {
    const hook = path.join(path.dirname(entry), file);
    return fs.existsSync(hook) ? (loadModule(hook) as T) : undefined;
}

function captureHandlers(
    dir: string,
    entry: string,
    fail: (why: string) => UsageError,
): PackHandlers {
    const grpcPath = require.resolve("@grpc/grpc-js", {
        paths: [path.dirname(require.resolve("@pulumi/policy", { paths: [dir] }))],
    });
    const grpc = loadModule(grpcPath) as {
        Server: { prototype: { addService: unknown; bindAsync: unknown } };
    };
    const server = grpc.Server.prototype;
    const saved = { addService: server.addService, bindAsync: server.bindAsync };
    const exit = Object.getOwnPropertyDescriptor(process, "exit");
    const cwd = process.cwd();
    let captured: PackHandlers | undefined;
    server.addService = function (_service: unknown, implementation: PackHandlers): void {
        captured = implementation;
    };
    server.bindAsync = function (): void {};
    // The SDK exits the process on a pack it refuses (a bad name, a reserved policy name).
    process.exit = (code?: number | string | null) => {
        throw fail(`the policy SDK refused it (exit ${String(code)}); see the message above`);
    };
    try {
        // The SDK reads the pack's version from package.json in the working directory.
        process.chdir(dir);
        loadModule(entry);
    } catch (error) {
        throw error instanceof UsageError ? error : fail((error as Error).message);
    } finally {
        process.chdir(cwd);
        if (exit) Object.defineProperty(process, "exit", exit);
        server.addService = saved.addService;
        server.bindAsync = saved.bindAsync;
    }
    if (!captured) {
        throw fail("loading it constructed no PolicyPack");
    }
    return captured;
}

/**
 * Runs `load` with a fresh `@pulumi/policy` in the module cache, then puts back what was there: the
 * pack keeps its own instance, and the rest of this process keeps the one it had.
 */
function packSdk(sdkDir: string): PackSdk {
    const load = (file: string): Record<string, unknown> =>
        loadModule(path.join(sdkDir, file)) as Record<string, unknown>;
    const proto = loadModule(
        require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [sdkDir] }),
    ) as Record<string, unknown>;
    return {
        ...load("deserialize.js"),
        ...load("proxy.js"),
        ...load("policy.js"),
        ...load("protoutil.js"),
        PolicyNotApplicable: proto["PolicyNotApplicable"],
    } as unknown as PackSdk;
}

function withOwnSdk<T>(dir: string, load: (sdkDir: string) => T): T {
    const sdkDir = path.dirname(require.resolve("@pulumi/policy/package.json", { paths: [dir] }));
    const inSdk = (key: string): boolean => key.startsWith(sdkDir + path.sep);
    const saved = Object.entries(require.cache).filter(([key]) => inSdk(key));
    for (const [key] of saved) delete require.cache[key];
    try {
        return load(sdkDir);
    } finally {
        for (const key of Object.keys(require.cache)) {
            if (inSdk(key)) delete require.cache[key];
        }
        for (const [key, module] of saved) require.cache[key] = module;
    }
}
