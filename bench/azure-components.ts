/**
 * Benchmarks of the Azure components (issue 4; not tests, nothing asserts a time):
 *
 * - load: a fresh Node process requiring @pulumi/pulumi, then the compiled `components/azure` entry
 *   point; how long the entry point takes on top of the SDK, and proof from require.cache that neither @pulumi/aws nor @pulumi/gcp (nor the top-level
 *   @pulumi/azure-native index) was loaded. The top-level @pulumi/azure-native import is timed too.
 * - preview: 25, 50 and 100 AzureFunctions (three grants each) previewed offline in-process under
 *   perimeter's mocks; time per function should stay flat (linear growth).
 *
 * `npm run build && node dist/bench/azure-components.js [--runs 5]`
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { AzureFunction } from "../components/azure";
import { runComponents } from "../test/components/harness";
import { median } from "./measure";

const dist = path.resolve(__dirname, "..");
const RG = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/app";
const ACCOUNT = `${RG}/providers/Microsoft.Storage/storageAccounts/data`;

interface LoadResult {
    /** @pulumi/pulumi alone. */
    sdkMs: number;
    /** The target, after @pulumi/pulumi. */
    ms: number;
    aws: boolean;
    gcp: boolean;
    azureNativeIndex: boolean;
    azureNativeModules: string[];
}

/** Requires `target` in a fresh process and reports what ended up in require.cache. */
function load(target: string): LoadResult {
    const script = `
        // @pulumi/pulumi first: every Pulumi program pays for it; the target's own cost is the rest.
        const sdkStarted = process.hrtime.bigint();
        require("@pulumi/pulumi");
        const sdkMs = Number(process.hrtime.bigint() - sdkStarted) / 1e6;
        const started = process.hrtime.bigint();
        require(${JSON.stringify(target)});
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const files = Object.keys(require.cache);
        const modules = new Set();
        for (const f of files) {
            const m = /@pulumi\\/azure-native\\/([^/]+)\\//.exec(f);
            if (m) modules.add(m[1]);
        }
        console.log(JSON.stringify({
            sdkMs,
            ms,
            aws: files.some((f) => f.includes("/@pulumi/aws/")),
            gcp: files.some((f) => f.includes("/@pulumi/gcp/")),
            azureNativeIndex: files.some((f) => /@pulumi\\/azure-native\\/index\\.js$/.test(f)),
            azureNativeModules: [...modules].sort(),
        }));`;
    const run = spawnSync(process.execPath, ["-e", script], { cwd: dist, encoding: "utf8" });
    if (run.status !== 0) {
        throw new Error(run.stderr);
    }
    return JSON.parse(run.stdout) as LoadResult;
}

function benchLoad(runs: number): Record<string, unknown> {
    const entry = path.join(dist, "components", "azure", "index.js");
    const results = Array.from({ length: runs }, () => load(entry));
    const first = results[0]!;
    const topLevel = Array.from({ length: runs }, () => load("@pulumi/azure-native").ms);
    return {
        runs,
        pulumiSdkMs: median(results.map((r) => r.sdkMs)),
        componentsAzureAfterSdkMs: median(results.map((r) => r.ms)),
        topLevelAzureNativeAfterSdkMs: median(topLevel),
        loadedAws: results.some((r) => r.aws),
        loadedGcp: results.some((r) => r.gcp),
        loadedAzureNativeIndex: results.some((r) => r.azureNativeIndex),
        azureNativeModules: first.azureNativeModules,
    };
}

async function previewFunctions(count: number): Promise<{ ms: number; resources: number }> {
    const started = process.hrtime.bigint();
    const recorded = await runComponents(
        () => {
            for (let i = 0; i < count; i++) {
                new AzureFunction(`fn-${i}`, {
                    resourceGroupName: "app",
                    grants: [
                        {
                            name: "uploads",
                            access: "blob:read",
                            resource: `${ACCOUNT}/blobServices/default/containers/c${i}`,
                        },
                        {
                            name: "jobs",
                            access: "queue:send",
                            resource: `${ACCOUNT}/queueServices/default/queues/q${i}`,
                        },
                        {
                            name: "token",
                            access: "keyvault-secret:read",
                            resource: `${RG}/providers/Microsoft.KeyVault/vaults/kv/secrets/s${i}`,
                        },
                    ],
                });
            }
        },
        { preview: true },
    );
    return {
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        resources: recorded.resources.length,
    };
}

async function benchPreview(runs: number): Promise<Record<string, unknown>[]> {
    await previewFunctions(5); // warm up module loading and the JIT
    const rows: Record<string, unknown>[] = [];
    for (const count of [25, 50, 100]) {
        const times: number[] = [];
        let resources = 0;
        for (let i = 0; i < runs; i++) {
            const result = await previewFunctions(count);
            times.push(result.ms);
            resources = result.resources;
        }
        const ms = median(times);
        rows.push({
            functions: count,
            resources,
            medianMs: Math.round(ms),
            msPerFunction: +(ms / count).toFixed(1),
        });
    }
    return rows;
}

async function main(): Promise<void> {
    const runsFlag = process.argv.indexOf("--runs");
    const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 3;
    const loadResult = benchLoad(runs);
    console.log("load", JSON.stringify(loadResult));
    const preview = await benchPreview(runs);
    for (const row of preview) {
        console.log("preview", JSON.stringify(row));
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
