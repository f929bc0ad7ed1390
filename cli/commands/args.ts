import { UsageError } from "../engine/errors";
import { REPORT_FORMATS, type ReportFormat } from "../report/input";

export type FailOn = "mandatory" | "advisory" | "none";
const FAIL_ON_LEVELS: readonly FailOn[] = ["mandatory", "advisory", "none"];

/** Flags every evaluating command takes. */
export interface CommonOptions {
    /** Pack directories; empty means our own pack. */
    readonly policyPacks: readonly string[];
    readonly policyConfig?: string;
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
}

export interface AuditArgs extends CommonOptions {
    readonly command: "audit";
    /** Files, directories of `*.json` exports, or "-" for standard input, as given. */
    readonly inputs: readonly string[];
}

export type CommandLine =
    | PreviewArgs
    | AuditArgs
    | { readonly command: "help"; readonly topic?: "preview" | "audit" }
    | { readonly command: "version" };

type CommandName = "preview" | "audit";

interface FlagSpec {
    readonly value: boolean;
    readonly repeatable?: boolean;
    readonly commands: readonly CommandName[];
}

const BOTH: readonly CommandName[] = ["preview", "audit"];
const FLAGS: Readonly<Record<string, FlagSpec>> = {
    "--policy-pack": { value: true, repeatable: true, commands: BOTH },
    "--policy-config": { value: true, commands: BOTH },
    "--format": { value: true, commands: BOTH },
    "--output": { value: true, commands: BOTH },
    "--fail-on": { value: true, commands: BOTH },
    "--debug": { value: false, commands: BOTH },
    "--stack": { value: true, commands: ["preview"] },
    "--config": { value: true, repeatable: true, commands: ["preview"] },
    "--preview": { value: false, commands: ["preview"] },
    "--help": { value: false, commands: BOTH },
    "--version": { value: false, commands: BOTH },
};
const ALIASES: Readonly<Record<string, string>> = { "-h": "--help" };

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
        return command === "preview" || command === "audit"
            ? { command: "help", topic: command }
            : { command: "help" };
    }
    if (values.has("--version")) return { command: "version" };
    if (command === undefined) {
        throw new UsageError(
            "missing command: use `perimeter preview [DIR]` or `perimeter audit FILE|-`; see `perimeter --help`",
        );
    }
    if (command !== "preview" && command !== "audit") {
        throw new UsageError(`unknown command \`${command}\`; use \`preview\` or \`audit\``);
    }
    for (const flag of values.keys()) {
        if (!(FLAGS[flag]?.commands ?? []).includes(command)) {
            throw new UsageError(`flag \`${flag}\` is not an option of \`perimeter ${command}\``);
        }
    }
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

function commonOptions(values: Map<string, string[]>): CommonOptions {
    const format = values.get("--format")?.[0] ?? "text";
    if (format === "html") {
        throw new UsageError(
            `format \`html\` is not available yet; use one of ${REPORT_FORMATS.join(", ")}`,
        );
    }
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
    const output = values.get("--output")?.[0];
    return {
        policyPacks: values.get("--policy-pack") ?? [],
        ...(policyConfig === undefined ? {} : { policyConfig }),
        format,
        ...(output === undefined ? {} : { output }),
        failOn,
        debug: values.has("--debug"),
    };
}

/** `--config key=value`, repeatable; the value may itself contain "=". */
function parseConfig(pairs: readonly string[]): Record<string, string> {
    const config: Record<string, string> = {};
    for (const pair of pairs) {
        const eq = pair.indexOf("=");
        if (eq <= 0) {
            throw new UsageError(`\`--config\` expects key=value, got \`${pair}\``);
        }
        config[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return config;
}

function isReportFormat(value: string): value is ReportFormat {
    return (REPORT_FORMATS as readonly string[]).includes(value);
}

function isFailOn(value: string): value is FailOn {
    return (FAIL_ON_LEVELS as readonly string[]).includes(value);
}
