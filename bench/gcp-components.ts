/**
 * Benchmarks of the GCP components (not a test; nothing asserts a time). After `npm run build`:
 *
 *     node dist/bench/gcp-components.js [--sizes 25,50,100] [--runs 5]
 *
 * 1. Module load: `require` of components/gcp in a fresh Node process, median of N runs, and which
 *    provider SDKs that loaded (read from require.cache: it must load @pulumi/gcp only, never
 *    @pulumi/aws or @pulumi/azure-native).
 * 2. Preview: a program with N GcpFunctions (three grants, one of them conditional, and a callee
 *    each) previewed offline in process under perimeter's mocks; wall time per size and time per
 *    function (linear growth keeps the per-function time flat).
 */
import * as path from "path";
import { loadOnce, median, option } from "./measure";
import { GcpFunction } from "../components/gcp";
import { runGcp } from "../test/components/gcp/fixtures";

async function previewFunctions(count: number): Promise<{ ms: number; resources: number }> {
    const started = process.hrtime.bigint();
    const recorded = await runGcp(
        () => {
            const callee = new GcpFunction("callee", {
                runtime: "nodejs20",
                entryPoint: "handler",
                sourceBucket: "sources",
                sourceObject: "callee.zip",
            });
            for (let i = 0; i < count; i++) {
                new GcpFunction(`fn-${i}`, {
                    runtime: "nodejs20",
                    entryPoint: "handler",
                    sourceBucket: "sources",
                    sourceObject: `fn-${i}.zip`,
                    // The callee is internal-only: callers reach it through the VPC.
                    vpcConnector: "projects/acme-prod/locations/us-central1/connectors/calls",
                    vpcConnectorEgress: "ALL_TRAFFIC",
                    grants: [
                        {
                            name: "uploads",
                            access: "storage:read",
                            resource: `uploads-${i}`,
                            prefix: "in/",
                        },
                        {
                            name: "events",
                            access: "pubsub:publish",
                            resource: `projects/acme-prod/topics/events-${i}`,
                        },
                        callee.invokeGrant("callee"),
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

async function main(): Promise<void> {
    const runs = Number(option("runs", "5"));
    const sizes = option("sizes", "25,50,100").split(",").map(Number);
    const entry = path.join(__dirname, "../components/gcp/index.js");

    const loads = Array.from({ length: runs }, () => loadOnce(entry));
    const sdks = loads[0]?.sdks ?? [];
    const foreign = sdks.filter((s) => /@pulumi\/(aws|azure)/.test(s));
    console.log(
        `module load of components/gcp: median ${median(loads.map((l) => l.ms)).toFixed(0)} ms over ${runs} runs`,
    );
    console.log(
        `  SDKs loaded: ${sdks.join(", ")}; AWS/Azure loaded: ${foreign.length === 0 ? "no" : foreign.join(", ")}`,
    );

    await previewFunctions(5); // Warm-up: module loading and JIT, not counted.
    console.log("offline preview (in process), GcpFunctions with 3 grants (1 conditional) each:");
    for (const size of sizes) {
        const { ms, resources } = await previewFunctions(size);
        console.log(
            `  ${String(size).padStart(4)} functions: ${ms.toFixed(0).padStart(6)} ms, ${resources} resources, ${(ms / size).toFixed(1)} ms/function`,
        );
    }
    if (foreign.length > 0) {
        process.exitCode = 1;
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
