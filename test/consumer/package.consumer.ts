/**
 * The consumer test: perimeter as a user gets it, from outside this repository. It packs the
 * repository, installs the tarball into fresh projects (one written the way `pulumi new
 * aws-typescript` writes it, one copied from examples/aws the way `pulumi new <template>` copies it),
 * type-checks them as the Pulumi CLI's ts-node does (type checking on, the template's tsconfig without
 * skipLibCheck), runs `perimeter preview` from the installed package and starts the installed pack
 * from its compiled JavaScript. Nothing here can see this repository's node_modules.
 *
 * Slow (installs and type-checks whole provider SDKs), so it is not part of `npm test`:
 * `npm run test:consumer`, and `.ci/run` runs it. It needs the npm cache that `npm ci` filled (it
 * installs with --prefer-offline).
 */
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findInstallRoot } from "../../cli/install-root";

const ROOT = findInstallRoot();
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** The tsconfig.json that `pulumi new aws-typescript` writes (pulumi/templates, aws-typescript). */
const PULUMI_NEW_TSCONFIG = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
};

/**
 * Each other resolution a Pulumi project may use, with the module setting it requires (`node10` is
 * the template's own `node`).
 */
const OTHER_RESOLUTIONS: Readonly<Record<string, { module: string; moduleResolution: string }>> = {
    node16: { module: "node16", moduleResolution: "node16" },
    nodenext: { module: "nodenext", moduleResolution: "nodenext" },
    bundler: { module: "esnext", moduleResolution: "bundler" },
};

const PROGRAM = `import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsFunction as RootAwsFunction, type AwsGrant } from "perimeter";
import { AwsAuditTrail, AwsFunction } from "perimeter/aws";

const uploads = new aws.s3.Bucket("uploads");
const code = new pulumi.asset.AssetArchive({
    "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 'ok';"),
});
const reader = new AwsFunction("reader", {
    code,
    handler: "index.handler",
    runtime: "nodejs20.x",
    grants: [{ name: "uploads", access: "s3:read", resource: uploads.arn, prefix: "in/" }],
});
const grant: AwsGrant = { name: "uploads", access: "s3:write", resource: uploads.arn, prefix: "out/" };
const writer = new RootAwsFunction("writer", {
    code,
    handler: "index.handler",
    runtime: "nodejs20.x",
    grants: [grant],
});
new AwsAuditTrail("audit", { functions: [reader, writer] });
export const readerRole: pulumi.Output<string> = reader.roleArn;
export const writerName: pulumi.Output<string> = writer.functionName;
export const invokeAccess: string = reader.invokeGrant("reader").access;
`;

interface Run {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Run {
    const result = spawnSync(command, args, {
        cwd,
        encoding: "utf8",
        // Nothing from this repository's environment may help the consumer resolve anything.
        env: { ...process.env, NODE_PATH: "", NO_COLOR: "1" },
        maxBuffer: 64 * 1024 * 1024,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(result: Run, what: string): Run {
    assert.equal(result.status, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
    return result;
}

function writeJson(file: string, value: unknown): void {
    fs.writeFileSync(file, JSON.stringify(value, null, 4) + "\n");
}

function install(dir: string): void {
    ok(run(NPM, ["install", "--prefer-offline", "--no-audit", "--no-fund"], dir), "npm install");
}

/** `tsc --noEmit` with the project's own TypeScript: the type check ts-node runs for Pulumi. */
function typeCheck(dir: string, project = "tsconfig.json"): Run {
    return run(
        process.execPath,
        [require.resolve("typescript/bin/tsc", { paths: [dir] }), "--noEmit", "-p", project],
        dir,
    );
}

function perimeter(dir: string, args: readonly string[]): Run {
    return run(
        process.execPath,
        [path.join(dir, "node_modules/perimeter/bin/perimeter.js"), ...args],
        dir,
    );
}

describe("the installed package (consumer test)", function () {
    this.timeout(600_000);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        version: string;
        dependencies: Record<string, string>;
        devDependencies: Record<string, string>;
    };
    const tarballName = `perimeter-${manifest.version}.tgz`;
    let work: string;
    let packed: string[];

    before(function () {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-consumer-"));
        // The build already ran (npm test / test:consumer build first); pack what it made.
        const pack = ok(
            run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT),
            "npm pack",
        );
        const [entry] = JSON.parse(pack.stdout) as {
            filename: string;
            files: { path: string }[];
        }[];
        assert.equal(entry?.filename, tarballName);
        packed = entry.files.map((f) => f.path);
    });
    after(function () {
        fs.rmSync(work, { recursive: true, force: true });
    });

    it("packs the compiled components with declarations, the CLI and the compiled pack, and no tests, benches or scripts", function () {
        for (const file of [
            "bin/perimeter.js",
            "dist/components/index.js",
            "dist/components/index.d.ts",
            "dist/components/aws/index.d.ts",
            "dist/cli/main.js",
            "policypack/PulumiPolicy.yaml",
            "policypack/package.json",
            "policypack/bin/index.js",
        ]) {
            assert.ok(packed.includes(file), `${file} is not in the tarball`);
        }
        const stray = packed.filter((f) =>
            /^(dist\/)?(test|bench|scripts|examples)\/|\.ts$(?<!\.d\.ts)|\.map$/.test(f),
        );
        assert.deepEqual(stray, []);
    });

    describe("in a project made the way `pulumi new aws-typescript` makes one, with the AWS SDK only", function () {
        let shop: string;
        before(function () {
            shop = path.join(work, "shop");
            fs.mkdirSync(shop);
            writeJson(path.join(shop, "package.json"), {
                name: "shop",
                main: "index.ts",
                devDependencies: {
                    "@types/node": manifest.devDependencies["@types/node"],
                    typescript: manifest.devDependencies.typescript,
                },
                dependencies: {
                    "@pulumi/aws": manifest.devDependencies["@pulumi/aws"],
                    "@pulumi/pulumi": manifest.dependencies["@pulumi/pulumi"],
                    perimeter: `file:../${tarballName}`,
                },
            });
            writeJson(path.join(shop, "tsconfig.json"), PULUMI_NEW_TSCONFIG);
            fs.writeFileSync(
                path.join(shop, "Pulumi.yaml"),
                "name: shop\nruntime:\n    name: nodejs\n    options:\n        typescript: true\n",
            );
            fs.writeFileSync(path.join(shop, "index.ts"), PROGRAM);
            install(shop);
        });

        it("installs no Azure or Google Cloud SDK", function () {
            for (const sdk of ["@pulumi/azure-native", "@pulumi/gcp"]) {
                assert.ok(
                    !fs.existsSync(path.join(shop, "node_modules", sdk)),
                    `${sdk} was installed`,
                );
            }
        });

        it("type-checks `perimeter/aws` and the package root with the tsconfig `pulumi new` writes", function () {
            const result = typeCheck(shop);
            assert.equal(result.status, 0, result.stdout + result.stderr);
        });

        it("resolves the package under every other moduleResolution a project may use", function () {
            for (const [name, options] of Object.entries(OTHER_RESOLUTIONS)) {
                const project = `tsconfig.${name}.json`;
                writeJson(path.join(shop, project), {
                    compilerOptions: {
                        ...PULUMI_NEW_TSCONFIG.compilerOptions,
                        ...options,
                        skipLibCheck: true,
                    },
                    files: ["index.ts"],
                });
                const result = typeCheck(shop, project);
                assert.equal(result.status, 0, `${name}:\n${result.stdout}${result.stderr}`);
            }
        });

        it("previews the program with the installed CLI and pack, type-checking it first", function () {
            const result = perimeter(shop, ["preview", ".", "--format", "json"]);
            assert.equal(result.status, 0, result.stderr);
            const report = JSON.parse(result.stdout) as {
                summary: { resources: number };
                findings: unknown[];
                policyPacks: { name: string }[];
            };
            assert.deepEqual(
                report.policyPacks.map((p) => p.name),
                ["perimeter-serverless-iam"],
            );
            assert.deepEqual(report.findings, []);
            assert.ok(report.summary.resources > 10);
        });

        it("fails the preview of a program with a type error, as `pulumi preview` does", function () {
            const broken = path.join(work, "broken");
            fs.mkdirSync(broken);
            fs.symlinkSync(
                path.join(shop, "node_modules"),
                path.join(broken, "node_modules"),
                "dir",
            );
            fs.copyFileSync(path.join(shop, "package.json"), path.join(broken, "package.json"));
            writeJson(path.join(broken, "tsconfig.json"), PULUMI_NEW_TSCONFIG);
            fs.writeFileSync(path.join(broken, "Pulumi.yaml"), "name: broken\nruntime: nodejs\n");
            // A program with nothing but a type error: type checking it costs little, and the
            // transpile-only runner this guards against would run it and report success.
            fs.writeFileSync(
                path.join(broken, "index.ts"),
                'const retention: number = "14";\nexport const days = retention;\n',
            );
            const result = perimeter(shop, ["preview", broken]);
            assert.equal(result.status, 2, result.stdout + result.stderr);
            assert.match(
                result.stderr,
                /Unable to compile TypeScript:\n {2}index\.ts\(\d+,\d+\): error TS2322/,
            );
        });

        it("starts the installed pack from its compiled JavaScript, as the Pulumi CLI does", async function () {
            const packDir = path.join(shop, "node_modules/perimeter/policypack");
            assert.ok(
                !fs.existsSync(path.join(packDir, "index.ts")),
                "the pack ships TypeScript sources",
            );
            // `pulumi-analyzer-policy` resolves run-policy-pack from the pack directory and runs it
            // with the engine address and the pack directory; the pack prints its port and serves.
            const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", {
                paths: [packDir],
            });
            const pack = spawn(process.execPath, [runner, "127.0.0.1:0", packDir], {
                cwd: packDir,
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stderr = "";
            pack.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
            try {
                const firstLine = await new Promise<string>((resolve, reject) => {
                    let stdout = "";
                    pack.stdout.on("data", (chunk: Buffer) => {
                        stdout += chunk.toString("utf8");
                        if (stdout.includes("\n")) resolve(stdout.split("\n")[0] ?? "");
                    });
                    pack.once("exit", (code) =>
                        reject(new Error(`the pack exited (${code}): ${stderr}`)),
                    );
                });
                assert.match(firstLine, /^\d+$/, stderr);
            } finally {
                pack.kill();
            }
        });

        it("names the SDK to install when a class of another cloud is used from the package root", function () {
            const result = run(
                process.execPath,
                ["-e", 'new (require("perimeter").AzureFunction)("api", {})'],
                shop,
            );
            assert.notEqual(result.status, 0);
            assert.match(
                result.stderr,
                /AzureFunction and AzureAuditLogs need the provider SDK '@pulumi\/azure-native', which is not installed in this project: run `npm install @pulumi\/azure-native`/,
            );
        });
    });

    describe("examples/aws used as a template by `pulumi new`", function () {
        let project: string;
        before(function () {
            // `pulumi new <dir>` copies the template's files into the new project, then installs.
            project = path.join(work, "from-template");
            fs.cpSync(path.join(ROOT, "examples/aws"), project, { recursive: true });
            install(project);
        });

        // Previewing it is the examples' own tests' job (test/examples); here it must install and
        // type-check from outside the repository.
        it("installs perimeter from the tarball its package.json names, and type-checks", function () {
            const pinned = (
                JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")) as {
                    dependencies: Record<string, string>;
                }
            ).dependencies.perimeter;
            assert.equal(pinned, `file:../${tarballName}`);
            const result = typeCheck(project);
            assert.equal(result.status, 0, result.stdout + result.stderr);
        });
    });
});
