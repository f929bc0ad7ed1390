import { UsageError } from "../engine/errors";
import { GRAPH_FORMATS, isGraphFormat, type GraphFormat } from "../graph/render";
import { REPORT_FORMATS, type ReportFormat } from "../report/input";
import {
    DEFAULT_DIFF_FAIL_LEVEL,
    DIFF_FAIL_LEVELS,
    DIFF_FORMATS,
    type DiffFailLevel,
    type DiffFormat,
} from "../diff/compare";

export type FailOn = "mandatory" | "advisory" | "none";
const FAIL_ON_LEVELS: readonly FailOn[] = ["mandatory", "advisory", "none"];

/** Flags every evaluating command takes. */
export interface CommonOptions {
    /** Pack directories; empty means our own pack. */
    readonly policyPacks: readonly string[];
    readonly policyConfig?: string;
    /** --protocol: run every pack in its own process over the analyzer protocol, ours included. */
    readonly protocol: boolean;
    readonly format: ReportFormat;
    readonly output?: string;
    readonly failOn: FailOn;
    readonly debug: boolean;
}

export interface PreviewArgs extends CommonOptions {
    readonly command: "preview";
    readonly dir: string;
    readonly stack?: string;
    readonly config: Readonly<Record<string, string>>;
    readonly preview: boolean;
    readonly transpileOnly: boolean;
}

export interface AuditArgs extends CommonOptions {
    readonly command: "audit";
    /** Files, directories of `*.json` exports, or "-" for standard input, as given. */
    readonly inputs: readonly string[];
}

/** `perimeter graph FILE|DIR|-`: the identity graph of a stack export or a program, no policy pack. */
/** What a command that reads one stack takes besides it: how a program directory is run, and output. */
export interface StackReadingFlags {
    readonly output?: string;
    /** For a program directory: as `perimeter preview`. */
    readonly stack?: string;
    readonly config: Readonly<Record<string, string>>;
    readonly preview: boolean;
    readonly transpileOnly: boolean;
    readonly debug: boolean;
}

export interface GraphArgs extends StackReadingFlags {
    readonly command: "graph";
    /** A stack export file, `-` for standard input, or a program directory. */
    readonly input: string;
    readonly format: GraphFormat;
}

/**
 * `perimeter diff OLD NEW` or `perimeter diff --base REF [DIR]`: what a change does to each function's
 * permissions. Each side is a stack export file, `-` (one side at most) or a program directory.
 */
export interface DiffArgs {
    readonly command: "diff";
    readonly before: DiffSide;
    readonly after: DiffSide;
    readonly format: DiffFormat;
    readonly output?: string;
    readonly failOn: DiffFailLevel;
    readonly policyPacks: readonly string[];
    readonly policyConfig?: string;
    /** As for preview and audit. */
    readonly protocol: boolean;
    /** --no-policy: compare permissions and invokers only, without running the packs. */
    readonly policy: boolean;
    readonly stack?: string;
    readonly preview: boolean;
    readonly transpileOnly: boolean;
    readonly debug: boolean;
}

export const RIGHTSIZE_FORMATS = ["text", "json", "markdown"] as const;
export type RightsizeFormat = (typeof RIGHTSIZE_FORMATS)[number];

/** `perimeter rightsize STACK --logs PATH...`: each function's grants against what its logs show it did. */
export interface RightsizeArgs extends StackReadingFlags {
    readonly command: "rightsize";
    /** A stack export file, `-`, or a program directory. */
    readonly input: string;
    /** Log files, directories of them, or `-` (not together with a STACK of `-`). */
    readonly logs: readonly string[];
    /** Milliseconds since the epoch: records before it are left out. */
    readonly since?: number;
    readonly format: RightsizeFormat;
}

export interface DiffSide {
    /** A stack export file, `-`, or a program directory. */
    readonly input: string;
    /** For a program directory: the git ref to read it at (`--base`); the working tree otherwise. */
    readonly ref?: string;
    /** For a program directory: `--config` and this side's `--old-config` / `--new-config`. */
    readonly config: Readonly<Record<string, string>>;
}

export type CommandName = "preview" | "audit" | "graph" | "diff" | "rightsize";

export type CommandLine =
    | PreviewArgs
    | AuditArgs
    | GraphArgs
    | DiffArgs
    | RightsizeArgs
    | { readonly command: "help"; readonly topic?: CommandName }
    | { readonly command: "version" };

interface FlagSpec {
    readonly value: boolean;
    readonly repeatable?: boolean;
    readonly commands: readonly CommandName[];
}

const PACKS: readonly CommandName[] = ["preview", "audit", "diff"];
const ALL: readonly CommandName[] = ["preview", "audit", "graph", "diff", "rightsize"];
const PROGRAM: readonly CommandName[] = ["preview", "graph", "diff", "rightsize"];
const DIFF: readonly CommandName[] = ["diff"];
const RIGHTSIZE: readonly CommandName[] = ["rightsize"];
const FLAGS: Readonly<Record<string, FlagSpec>> = {
    "--policy-pack": { value: true, repeatable: true, commands: PACKS },
    "--policy-config": { value: true, commands: PACKS },
    "--no-policy": { value: false, commands: DIFF },
    "--protocol": { value: false, commands: PACKS },
    "--format": { value: true, commands: ALL },
    "--output": { value: true, commands: ALL },
    "--fail-on": { value: true, commands: PACKS },
    "--debug": { value: false, commands: ALL },
    "--stack": { value: true, commands: PROGRAM },
    "--config": { value: true, repeatable: true, commands: PROGRAM },
    "--old-config": { value: true, repeatable: true, commands: DIFF },
    "--new-config": { value: true, repeatable: true, commands: DIFF },
    "--base": { value: true, commands: DIFF },
    "--logs": { value: true, repeatable: true, commands: RIGHTSIZE },
    "--since": { value: true, commands: RIGHTSIZE },
    "--preview": { value: false, commands: PROGRAM },
    "--transpile-only": { value: false, commands: PROGRAM },
    "--help": { value: false, commands: ALL },
    "--version": { value: false, commands: ALL },
};
const ALIASES: Readonly<Record<string, string>> = { "-h": "--help", "-o": "--output" };

/**
 * Parses the arguments after `perimeter`. Every mistake is a UsageError naming the flag or argument
 * and the fix; nothing is guessed (an unknown flag is never taken for a positional argument).
 */
export function parseCommandLine(args: readonly string[]): CommandLine {
    const positionals: string[] = [];
    const values = new Map<string, string[]>();
    for (let i = 0; i < args.length; i++) {
        const arg = args[i] ?? "";
        if (arg === "--") {
            positionals.push(...args.slice(i + 1));
            break;
        }
        if (!arg.startsWith("-") || arg === "-") {
            positionals.push(arg);
            continue;
        }
        const eq = arg.indexOf("=");
        const written = eq > 0 && arg.startsWith("--") ? arg.slice(0, eq) : arg;
        const flag = ALIASES[written] ?? written;
        const spec = FLAGS[flag];
        if (spec === undefined) {
            throw new UsageError(`unknown flag \`${written}\`; see \`perimeter --help\``);
        }
        let value = "";
        if (spec.value) {
            if (eq > 0 && written.startsWith("--")) {
                value = arg.slice(eq + 1);
            } else {
                const next = args[i + 1];
                if (next === undefined || (next.startsWith("--") && next.length > 2)) {
                    throw new UsageError(`flag \`${flag}\` needs a value`);
                }
                value = next;
                i++;
            }
            if (value === "") {
                throw new UsageError(`flag \`${flag}\` needs a value`);
            }
        } else if (eq > 0 && written.startsWith("--")) {
            throw new UsageError(`flag \`${flag}\` takes no value, got \`${arg}\``);
        }
        const seen = values.get(flag) ?? [];
        if (seen.length > 0 && spec.value && spec.repeatable !== true) {
            throw new UsageError(`flag \`${flag}\` is given more than once`);
        }
        values.set(flag, [...seen, value]);
    }
    return toCommandLine(positionals, values);
}

function toCommandLine(positionals: string[], values: Map<string, string[]>): CommandLine {
    const [first, ...rest] = positionals;
    const command = first === "help" ? rest[0] : first;
    if (first === "help" || values.has("--help")) {
        return command !== undefined && isCommandName(command)
            ? { command: "help", topic: command }
            : { command: "help" };
    }
    if (values.has("--version")) return { command: "version" };
    if (command === undefined) {
        throw new UsageError(
            "missing command: use `perimeter preview [DIR]`, `perimeter audit FILE|-`, `perimeter graph FILE|DIR`, `perimeter diff OLD NEW` or `perimeter rightsize STACK --logs PATH`; see `perimeter --help`",
        );
    }
    if (!isCommandName(command)) {
        throw new UsageError(
            `unknown command \`${command}\`; use \`preview\`, \`audit\`, \`graph\`, \`diff\` or \`rightsize\``,
        );
    }
    for (const flag of values.keys()) {
        if (!(FLAGS[flag]?.commands ?? []).includes(command)) {
            throw new UsageError(`flag \`${flag}\` is not an option of \`perimeter ${command}\``);
        }
    }
    if (command === "graph") return graphArgs(rest, values);
    if (command === "diff") return diffArgs(rest, values);
    if (command === "rightsize") return rightsizeArgs(rest, values);
    const common = commonOptions(values);
    if (command === "preview") {
        if (rest.length > 1) {
            throw new UsageError(
                `\`perimeter preview\` takes one project directory, got ${rest.length}: ${rest.join(" ")}`,
            );
        }
        const stack = values.get("--stack")?.[0];
        return {
            command,
            ...common,
            dir: rest[0] ?? ".",
            ...(stack === undefined ? {} : { stack }),
            config: parseConfig(values.get("--config") ?? []),
            preview: values.has("--preview"),
            transpileOnly: values.has("--transpile-only"),
        };
    }
    if (rest.length === 0) {
        throw new UsageError(
            "`perimeter audit` needs a `pulumi stack export` file, a directory of them, or `-` for standard input",
        );
    }
    if (rest.filter((input) => input === "-").length > 1) {
        throw new UsageError("standard input (`-`) can be audited only once");
    }
    return { command, ...common, inputs: rest };
}

/** The one STACK argument of a command that reads a stack: an export file, `-` or a program directory. */
function oneStack(command: CommandName, rest: readonly string[]): string {
    const [input, ...extra] = rest;
    if (input === undefined || extra.length > 0) {
        throw new UsageError(
            `\`perimeter ${command}\` takes one stack export file, \`-\` or program directory, got ${rest.length}${rest.length > 0 ? `: ${rest.join(" ")}` : ""}`,
        );
    }
    return input;
}

/** How a program directory is run (`--stack`, `--config`, `--preview`, `--transpile-only`), and `--output`, `--debug`. */
function programFlags(values: Map<string, string[]>): StackReadingFlags {
    const output = outputOf(values);
    const stack = values.get("--stack")?.[0];
    return {
        ...(output === undefined ? {} : { output }),
        ...(stack === undefined ? {} : { stack }),
        config: parseConfig(values.get("--config") ?? []),
        preview: values.has("--preview"),
        transpileOnly: values.has("--transpile-only"),
        debug: values.has("--debug"),
    };
}

function graphArgs(rest: readonly string[], values: Map<string, string[]>): GraphArgs {
    const input = oneStack("graph", rest);
    const format = values.get("--format")?.[0] ?? "dot";
    if (!isGraphFormat(format)) {
        throw new UsageError(
            `unknown format \`${format}\` for \`perimeter graph --format\`; use one of ${GRAPH_FORMATS.join(", ")}`,
        );
    }
    return { command: "graph", input, format, ...programFlags(values) };
}

function rightsizeArgs(rest: readonly string[], values: Map<string, string[]>): RightsizeArgs {
    const input = oneStack("rightsize", rest);
    const logs = values.get("--logs") ?? [];
    if (logs.length === 0) {
        throw new UsageError(
            "`perimeter rightsize` needs `--logs PATH`: CloudTrail files or a directory of them (repeatable; `-` reads standard input)",
        );
    }
    if (input === "-" && logs.includes("-")) {
        throw new UsageError("standard input (`-`) can be the stack or the logs, not both");
    }
    const format = values.get("--format")?.[0] ?? "text";
    if (!(RIGHTSIZE_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(
            `unknown format \`${format}\` for \`perimeter rightsize --format\`; use one of ${RIGHTSIZE_FORMATS.join(", ")}`,
        );
    }
    const sinceText = values.get("--since")?.[0];
    const since = sinceText === undefined ? undefined : Date.parse(sinceText);
    if (since !== undefined && Number.isNaN(since)) {
        throw new UsageError(
            `\`--since ${sinceText}\` is not a date; give one as 2026-11-27 or 2026-11-27T08:00:00Z`,
        );
    }
    return {
        command: "rightsize",
        input,
        logs,
        ...(since === undefined ? {} : { since }),
        format: format as RightsizeFormat,
        ...programFlags(values),
    };
}

function diffArgs(rest: readonly string[], values: Map<string, string[]>): DiffArgs {
    const base = values.get("--base")?.[0];
    const config = parseConfig(values.get("--config") ?? []);
    const side = (input: string, own: string, ref?: string): DiffSide => ({
        input,
        ...(ref === undefined ? {} : { ref }),
        config: { ...config, ...parseConfig(values.get(own) ?? [], own) },
    });
    let before: DiffSide;
    let after: DiffSide;
    if (base !== undefined) {
        if (rest.length > 1) {
            throw new UsageError(
                `\`perimeter diff --base REF\` takes one program directory (default: .), got ${rest.length}: ${rest.join(" ")}`,
            );
        }
        const dir = rest[0] ?? ".";
        before = side(dir, "--old-config", base);
        after = side(dir, "--new-config");
    } else {
        if (rest.length !== 2) {
            throw new UsageError(
                `\`perimeter diff\` compares two stacks: OLD NEW (each a stack export, \`-\` or a program directory), or \`--base REF [DIR]\`; got ${rest.length}${rest.length > 0 ? `: ${rest.join(" ")}` : ""}`,
            );
        }
        if (rest[0] === "-" && rest[1] === "-") {
            throw new UsageError(
                "standard input (`-`) can be one side of `perimeter diff`, not both",
            );
        }
        before = side(rest[0] ?? "", "--old-config");
        after = side(rest[1] ?? "", "--new-config");
    }
    const format = values.get("--format")?.[0] ?? "text";
    if (!(DIFF_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(
            `unknown format \`${format}\` for \`perimeter diff --format\`; use one of ${DIFF_FORMATS.join(", ")}`,
        );
    }
    const failOn = values.get("--fail-on")?.[0] ?? DEFAULT_DIFF_FAIL_LEVEL;
    if (!(DIFF_FAIL_LEVELS as readonly string[]).includes(failOn)) {
        throw new UsageError(
            `unknown level \`${failOn}\` for \`perimeter diff --fail-on\`; use one of ${DIFF_FAIL_LEVELS.join(", ")}`,
        );
    }
    if (
        values.has("--no-policy") &&
        (values.has("--policy-pack") || values.has("--policy-config") || values.has("--protocol"))
    ) {
        throw new UsageError(
            "`--no-policy` runs no pack; drop `--policy-pack`, `--policy-config` and `--protocol`",
        );
    }
    const output = outputOf(values);
    const policyConfig = values.get("--policy-config")?.[0];
    const stack = values.get("--stack")?.[0];
    return {
        command: "diff",
        before,
        after,
        format: format as DiffFormat,
        ...(output === undefined ? {} : { output }),
        failOn: failOn as DiffFailLevel,
        policyPacks: values.get("--policy-pack") ?? [],
        ...(policyConfig === undefined ? {} : { policyConfig }),
        protocol: values.has("--protocol"),
        policy: !values.has("--no-policy"),
        ...(stack === undefined ? {} : { stack }),
        preview: values.has("--preview"),
        transpileOnly: values.has("--transpile-only"),
        debug: values.has("--debug"),
    };
}

/** `--output FILE`; `--output -` is standard output, as if it were not given. */
function outputOf(values: Map<string, string[]>): string | undefined {
    const output = values.get("--output")?.[0];
    return output === "-" ? undefined : output;
}

function commonOptions(values: Map<string, string[]>): CommonOptions {
    const format = values.get("--format")?.[0] ?? "text";
    if (!isReportFormat(format)) {
        throw new UsageError(
            `unknown format \`${format}\` for \`--format\`; use one of ${REPORT_FORMATS.join(", ")}`,
        );
    }
    const failOn = values.get("--fail-on")?.[0] ?? "mandatory";
    if (!isFailOn(failOn)) {
        throw new UsageError(
            `unknown level \`${failOn}\` for \`--fail-on\`; use one of ${FAIL_ON_LEVELS.join(", ")}`,
        );
    }
    const policyConfig = values.get("--policy-config")?.[0];
    const output = outputOf(values);
    return {
        policyPacks: values.get("--policy-pack") ?? [],
        ...(policyConfig === undefined ? {} : { policyConfig }),
        protocol: values.has("--protocol"),
        format,
        ...(output === undefined ? {} : { output }),
        failOn,
        debug: values.has("--debug"),
    };
}

/** `--config key=value`, repeatable; the value may itself contain "=". */
function parseConfig(pairs: readonly string[], flag = "--config"): Record<string, string> {
    const config: Record<string, string> = {};
    for (const pair of pairs) {
        const eq = pair.indexOf("=");
        if (eq <= 0) {
            throw new UsageError(`\`${flag}\` expects key=value, got \`${pair}\``);
        }
        config[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return config;
}

function isCommandName(value: string): value is CommandName {
    return (ALL as readonly string[]).includes(value);
}

function isReportFormat(value: string): value is ReportFormat {
    return (REPORT_FORMATS as readonly string[]).includes(value);
}

function isFailOn(value: string): value is FailOn {
    return (FAIL_ON_LEVELS as readonly string[]).includes(value);
}
