/**
 * Child-process entry point that runs one Pulumi program under mocks and sends back what it
 * registered. A separate process keeps the program's @pulumi/pulumi (and its global state) out of the
 * CLI, and lets several programs run one after another.
 *
 * Protocol: the parent sends one RunnerRequest over IPC; the child answers with one RunnerReply and
 * exits. Everything the runner needs is imported at the top, before the program's TypeScript compiler
 * is registered.
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { createMocks } from "./mocks";
import { ResourceRecorder, type MockMonitorLike } from "./recording-monitor";
import { programErrorMessage as message, settle } from "./settle";
import type { RecordedResource } from "./types";

export interface RunnerRequest {
    readonly dir: string;
    readonly main: string;
    readonly project: string;
    readonly stack: string;
    readonly preview: boolean;
    readonly config: Readonly<Record<string, string>>;
    readonly typescript: boolean;
    /** Compile TypeScript without type checking (`--transpile-only`). */
    readonly transpileOnly: boolean;
}

export type RunnerReply =
    | { readonly kind: "resources"; readonly resources: RecordedResource[] }
    | { readonly kind: "error"; readonly message: string };

/** The parts of the program's `@pulumi/pulumi` runtime the runner drives (typed here: another copy). */
interface ProgramRuntime {
    setMocks(mocks: unknown, project: string, stack: string, preview: boolean): Promise<void>;
    getMonitor(): unknown;
    runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
    waitForRPCs(): Promise<void>;
}

const TS_NODE_INSTANCE = Symbol.for("ts-node.register.instance");

/** Loads modules by resolved path at run time: the program's copies, not the CLI's. */
const load = createRequire(__filename);

async function run(request: RunnerRequest): Promise<RunnerReply> {
    const errors: unknown[] = [];
    // Failures inside registrations surface as unhandled rejections, as under `pulumi up`.
    process.on("unhandledRejection", (reason) => errors.push(reason));
    process.on("uncaughtException", (error) => errors.push(error));

    process.chdir(request.dir);
    // The language host hands config to the program in this variable; the SDK reads it on first use.
    process.env.PULUMI_CONFIG = JSON.stringify(request.config);
    const pulumiPath = resolveFrom(request.dir, "@pulumi/pulumi");
    if (!pulumiPath) {
        return failure(
            `no @pulumi/pulumi installed for the program in '${request.dir}'; run npm install there`,
        );
    }
    if (request.typescript) {
        registerTypeScript(request.dir, pulumiPath, request.transpileOnly);
    }
    const pulumi = load(pulumiPath) as { runtime: ProgramRuntime };
    const runtime = pulumi.runtime;
    await runtime.setMocks(
        createMocks({ preview: request.preview, config: request.config }),
        request.project,
        request.stack,
        request.preview,
    );
    const recorder = new ResourceRecorder(request);
    recorder.install(runtime.getMonitor() as MockMonitorLike);
    try {
        // As Pulumi's nodejs language host does: run the module inside the root stack resource; an
        // exported function is called, and what it resolves to becomes the stack outputs.
        await runtime.runInPulumiStack(async () => {
            // A directory is required as one ("dir/"), never as a sibling "dir.js", as Pulumi does.
            const main = fs.statSync(request.main).isDirectory()
                ? `${request.main}${path.sep}`
                : request.main;
            const exported: unknown = load(main);
            return typeof exported === "function" ? await (exported as () => unknown)() : exported;
        });
        await settle(runtime, () => errors.length + recorder.resources().length);
    } catch (error) {
        errors.unshift(error);
    }
    const first = errors[0];
    return first === undefined
        ? { kind: "resources", resources: recorder.resources() }
        : failure(message(first));
}

/**
 * Compiles the program's TypeScript as the Pulumi CLI's Node.js language host does
 * (`@pulumi/pulumi/cmd/run/run.js`): the `typescript` and `ts-node` that `@pulumi/pulumi` itself
 * resolves (else its vendored copies), the program's own tsconfig.json over defaults that depend on the
 * TypeScript version, and type checking unless the tsconfig says `noCheck` (or `--transpile-only`):
 * a program with type errors fails here as it fails `pulumi preview`.
 */
function registerTypeScript(dir: string, pulumiPath: string, transpileOnly: boolean): void {
    const pulumiDir = packageDirOf(pulumiPath);
    const typescriptPath =
        resolveFrom(pulumiDir, "typescript") ??
        path.join(pulumiDir, "vendor", "typescript@3.8.3", "typescript.js");
    const tsNodePath =
        resolveFrom(pulumiDir, "ts-node") ?? path.join(pulumiDir, "vendor", "ts-node@7.0.1");
    const ts = load(typescriptPath) as TypeScriptModule;
    const tsNode = load(tsNodePath) as { register(options: object): unknown };
    // When the runner itself runs from TypeScript sources, the CLI's ts-node compiled it: switch that
    // instance off so program files are compiled once, with the program's settings.
    const active = (
        process as unknown as Record<symbol, { enabled(on: boolean): void } | undefined>
    )[TS_NODE_INSTANCE];
    active?.enabled(false);
    const tsconfig = path.join(dir, "tsconfig.json");
    const compilerOptions = readCompilerOptions(ts, tsconfig);
    const [major = 0, minor = 0] = ts.version.split(".").map(Number);
    const nodeNext = major > 4 || (major === 4 && minor >= 7);
    tsNode.register({
        compiler: typescriptPath,
        transpileOnly: transpileOnly || compilerOptions.noCheck === true,
        project: tsconfig,
        skipProject: !fs.existsSync(tsconfig),
        compilerOptions: {
            target: "ES2020",
            module: nodeNext ? "nodenext" : "commonjs",
            moduleResolution: nodeNext ? "nodenext" : "node",
            sourceMap: "true",
            ...compilerOptions,
        },
    });
}

interface TypeScriptModule {
    readonly version: string;
    parseConfigFileTextToJson(file: string, text: string): { config?: unknown };
}

/** The `compilerOptions` of a tsconfig.json, as Pulumi reads them (none when it cannot). */
function readCompilerOptions(ts: TypeScriptModule, file: string): Record<string, unknown> {
    if (!fs.existsSync(file)) {
        return {};
    }
    const { config } = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8"));
    const options = (config as { compilerOptions?: unknown } | undefined)?.compilerOptions;
    return typeof options === "object" && options !== null
        ? (options as Record<string, unknown>)
        : {};
}

/** The directory of the package whose entry point is `entry` (the nearest package.json above it). */
function packageDirOf(entry: string): string {
    let dir = path.dirname(entry);
    while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) {
        dir = path.dirname(dir);
    }
    return dir;
}

function resolveFrom(dir: string, request: string): string | undefined {
    try {
        return require.resolve(request, { paths: [dir] });
    } catch {
        return undefined;
    }
}

function failure(text: string): RunnerReply {
    return { kind: "error", message: text };
}

function reply(answer: RunnerReply): void {
    // Exit explicitly: the program may leave timers or handles that would keep the process alive.
    process.send?.(answer, () => process.exit(0));
}

if (require.main === module) {
    // If the CLI goes away, so does the program it was running.
    process.once("disconnect", () => process.exit(1));
    process.once("message", (request: RunnerRequest) => {
        run(request).then(reply, (error: unknown) => reply(failure(message(error))));
    });
}
