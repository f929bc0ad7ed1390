/**
 * Reads a Pulumi project the way the Pulumi CLI does: `Pulumi.yaml` (name, runtime, main, project
 * config) and `Pulumi.<stack>.yaml` (stack config), merged with `--config` values.
 */
import * as fs from "fs";
import * as path from "path";
import { load } from "js-yaml";
import { UsageError } from "./errors";

export interface PulumiProject {
    readonly dir: string;
    readonly name: string;
    /** Absolute path of the entry point: a file, or a directory Node resolves (package.json, index). */
    readonly main: string;
    /** false only when Pulumi.yaml sets `runtime.options.typescript: false`. */
    readonly typescript: boolean;
    /** Project-level config values and defaults from Pulumi.yaml, keyed `ns:key`. */
    readonly config: Readonly<Record<string, unknown>>;
    /** Where `Pulumi.<stack>.yaml` files live (Pulumi.yaml `stackConfigDir`, default the project). */
    readonly stackConfigDir: string;
}

export function readProject(dir: string): PulumiProject {
    const absolute = path.resolve(dir);
    if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
        throw new UsageError(
            `program directory '${dir}' does not exist; pass the directory that holds Pulumi.yaml`,
        );
    }
    const file = ["Pulumi.yaml", "Pulumi.yml"]
        .map((f) => path.join(absolute, f))
        .find((f) => fs.existsSync(f));
    if (!file) {
        throw new UsageError(`no Pulumi.yaml in '${dir}'; pass the directory of a Pulumi project`);
    }
    const doc = asRecord(parseYaml(file));
    const name = doc.name;
    if (typeof name !== "string" || name === "") {
        throw new UsageError(`${file} has no project 'name'; add one (for example 'name: my-app')`);
    }
    const runtime = typeof doc.runtime === "string" ? { name: doc.runtime } : asRecord(doc.runtime);
    if (runtime.name !== "nodejs") {
        throw new UsageError(
            `project '${name}' uses runtime '${String(runtime.name)}'; perimeter runs Node.js (TypeScript or JavaScript) programs`,
        );
    }
    const main = path.resolve(absolute, typeof doc.main === "string" ? doc.main : ".");
    assertEntryPoint(main, name);
    const projectConfig: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(asRecord(doc.config))) {
        const given = projectConfigValue(value);
        if (given !== undefined) {
            projectConfig[qualify(key, name)] = given;
        }
    }
    return {
        dir: absolute,
        name,
        main,
        typescript: asRecord(runtime.options).typescript !== false,
        config: projectConfig,
        stackConfigDir: path.resolve(
            absolute,
            typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : ".",
        ),
    };
}

/** The stack to run: the one asked for, else the only `Pulumi.<stack>.yaml`, else `dev`. */
export function selectStack(project: PulumiProject, requested?: string): string {
    if (requested) {
        return requested;
    }
    const stacks = (
        fs.existsSync(project.stackConfigDir) ? fs.readdirSync(project.stackConfigDir) : []
    )
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined);
    if (stacks.length === 1 && stacks[0]) {
        return stacks[0];
    }
    if (stacks.length > 1 && !stacks.includes("dev")) {
        throw new UsageError(
            `project '${project.name}' has several stacks (${stacks.sort().join(", ")}); choose one with --stack`,
        );
    }
    return "dev";
}

/**
 * The config the program sees, as the language host passes it (`PULUMI_CONFIG`): every value a string,
 * objects and lists as JSON, keys `ns:key`. Later sources win: Pulumi.yaml, stack file, `--config`.
 */
export function programConfig(
    project: PulumiProject,
    stack: string,
    overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
    const stackFile = ["yaml", "yml"]
        .map((ext) => path.join(project.stackConfigDir, `Pulumi.${stack}.${ext}`))
        .find((f) => fs.existsSync(f));
    const stackConfig = stackFile ? asRecord(asRecord(parseYaml(stackFile)).config) : {};
    const given = new Map<string, unknown>();
    for (const [key, value] of Object.entries(project.config)) {
        given.set(key, value);
    }
    for (const [key, value] of Object.entries(stackConfig)) {
        given.set(qualify(key, project.name), value);
    }
    const result: Record<string, string> = {};
    for (const [key, value] of given) {
        if (containsSecure(value)) {
            continue;
        }
        if (value !== null && value !== undefined) {
            result[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    for (const [key, value] of Object.entries(overrides)) {
        result[qualify(key, project.name)] = value;
    }
    const encrypted = [...given].filter(
        ([key, value]) => containsSecure(value) && !(key in result),
    );
    const first = encrypted[0];
    if (first) {
        throw new UsageError(
            `config '${first[0]}' in ${path.basename(stackFile ?? "Pulumi.yaml")} is encrypted and perimeter cannot decrypt it; ` +
                `pass a value with --config ${first[0]}=<value>`,
        );
    }
    return result;
}

/** A Pulumi.yaml config entry: a plain value, `{value}`, or a declaration `{type, default?}`. */
function projectConfigValue(entry: unknown): unknown {
    const declared = asRecord(entry);
    if ("default" in declared) {
        return declared.default;
    }
    if ("value" in declared) {
        return declared.value;
    }
    return "type" in declared ? undefined : entry;
}

function qualify(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function containsSecure(value: unknown): boolean {
    if (Array.isArray(value)) {
        return value.some(containsSecure);
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record);
        return (
            (keys.length === 1 && keys[0] === "secure") ||
            Object.values(record).some(containsSecure)
        );
    }
    return false;
}

function assertEntryPoint(main: string, project: string): void {
    if (!fs.existsSync(main)) {
        throw new UsageError(
            `the entry point '${main}' of project '${project}' does not exist; fix 'main' in Pulumi.yaml`,
        );
    }
    if (!fs.statSync(main).isDirectory()) {
        return;
    }
    const packageJson = path.join(main, "package.json");
    const packageMain = fs.existsSync(packageJson)
        ? asRecord(JSON.parse(fs.readFileSync(packageJson, "utf8"))).main
        : undefined;
    const candidates = [
        ...(typeof packageMain === "string"
            ? [
                  packageMain,
                  `${packageMain}.js`,
                  `${packageMain}.ts`,
                  path.join(packageMain, "index.js"),
              ]
            : []),
        "index.ts",
        "index.js",
    ];
    if (!candidates.some((candidate) => fs.existsSync(path.resolve(main, candidate)))) {
        throw new UsageError(
            `no program entry point in '${main}'; add index.ts or index.js, or set 'main' in package.json or Pulumi.yaml`,
        );
    }
}

function parseYaml(file: string): unknown {
    try {
        return load(fs.readFileSync(file, "utf8"));
    } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        throw new UsageError(`${file} is not valid YAML: ${reason}`);
    }
}

function asRecord(value: unknown): Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {};
}
