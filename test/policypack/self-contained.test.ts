import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { sourcePackDir } from "./paths";

const PACK_DIR = sourcePackDir();

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return ["bin", "node_modules", "data"].includes(entry.name) ? [] : sourceFiles(full);
        }
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
}

function specifiers(source: string): string[] {
    const found: string[] = [];
    for (const m of source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)["']([^"']+)["']/g)) {
        if (m[1] !== undefined) {
            found.push(m[1]);
        }
    }
    return found;
}

function packageName(specifier: string): string {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** A preload for the pack process that reports provider SDK loads and reads of the action index. */
const PROBE = `
const Module = require("module");
const fs = require("fs");
const load = Module._load;
Module._load = function (request) {
    if (/^@pulumi\\/(aws|aws-native|azure|azure-native|gcp|google-native)(\\/|$)/.test(request)) {
        process.stderr.write("probe: provider SDK " + request + "\\n");
    }
    return load.apply(this, arguments);
};
const read = fs.readFileSync;
fs.readFileSync = function (file) {
    if (String(file).endsWith("aws-actions.json")) {
        process.stderr.write("probe: action index read\\n");
    }
    return read.apply(this, arguments);
};
`;

describe("the policy pack as a package of its own", () => {
    it("imports only its own files, its declared dependencies and Node built-ins", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as {
            dependencies: Record<string, string>;
        };
        const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
        for (const file of sourceFiles(PACK_DIR)) {
            for (const specifier of specifiers(fs.readFileSync(file, "utf8"))) {
                if (specifier.startsWith(".")) {
                    const target = path.resolve(path.dirname(file), specifier);
                    assert.ok(
                        target.startsWith(PACK_DIR + path.sep),
                        `${file} imports '${specifier}' from outside the pack`,
                    );
                } else {
                    assert.ok(
                        allowed.has(packageName(specifier)) || specifier.startsWith("node:"),
                        `${file} imports '${specifier}', which the pack does not depend on`,
                    );
                }
            }
        }
    });

    it("starts from compiled JavaScript under the Pulumi runner without loading a provider SDK or the action index", async () => {
        assert.strictEqual(require.resolve(PACK_DIR), path.join(PACK_DIR, "bin", "index.js"));
        const probe = path.join(
            fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-probe-")),
            "probe.js",
        );
        fs.writeFileSync(probe, PROBE);
        const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
        const child = spawn(
            process.execPath,
            ["--require", probe, runner, "127.0.0.1:1", PACK_DIR],
            {
                cwd: PACK_DIR,
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        let stdout = "";
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const port = await new Promise<string>((resolve, reject) => {
            child.stdout.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
                const line = /^(\d+)\s*$/m.exec(stdout);
                if (line?.[1] !== undefined) {
                    resolve(line[1]);
                }
            });
            child.on("exit", (code) => reject(new Error(`pack exited with ${code}: ${stderr}`)));
        });
        child.kill();
        fs.rmSync(path.dirname(probe), { recursive: true, force: true });
        assert.ok(Number(port) > 0);
        assert.doesNotMatch(stderr, /probe:/);
    });
});
