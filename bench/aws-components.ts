/**
 * Benchmarks of the AWS components (not a test; nothing asserts a time). After `npm run build`:
 *
 *     node dist/bench/aws-components.js [--sizes 50,100,200] [--runs 5]
 *
 * 1. Module load: `require` of components/aws in a fresh Node process, median of N runs, and which
 *    provider SDKs that loaded (it must load @pulumi/aws only, never Azure or GCP).
 * 2. Preview: a program with N AwsFunctions (three grants and a caller each) previewed offline in
 *    process under perimeter's mocks; wall time per size and time per function (linear growth keeps
 *    the per-function time flat).
 */
import * as path from "path";
import { loadOnce, median, option } from "./measure";
import * as pulumi from "@pulumi/pulumi";
import { AwsFunction } from "../components/aws";
import { runComponents } from "../test/components/harness";

async function previewFunctions(count: number): Promise<{ ms: number; resources: number }> {
    const code = new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;"),
    });
    const started = process.hrtime.bigint();
    const recorded = await runComponents(
        () => {
            for (let i = 0; i < count; i++) {
                new AwsFunction(`fn-${i}`, {
                    code,
                    handler: "index.handler",
                    runtime: "nodejs20.x",
                    grants: [
                        {
                            name: "uploads",
                            access: "s3:read",
                            resource: `arn:aws:s3:::uploads-${i}`,
                            prefix: "in/",
                        },
                        {
                            name: "orders",
                            access: "dynamodb:readwrite",
                            resource: `arn:aws:dynamodb:us-east-1:123456789012:table/orders-${i}`,
                        },
                        {
                            name: "jobs",
                            access: "sqs:send",
                            resource: `arn:aws:sqs:us-east-1:123456789012:jobs-${i}`,
                        },
                    ],
                    allowInvokeFrom: [
                        {
                            name: "uploads",
                            principal: "s3.amazonaws.com",
                            sourceArn: `arn:aws:s3:::uploads-${i}`,
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

async function main(): Promise<void> {
    const runs = Number(option("runs", "5"));
    const sizes = option("sizes", "50,100,200").split(",").map(Number);
    const entry = path.join(__dirname, "../components/aws/index.js");

    const loads = Array.from({ length: runs }, () => loadOnce(entry));
    const sdks = loads[0]?.sdks ?? [];
    const foreign = sdks.filter((s) => /azure|gcp/.test(s));
    console.log(
        `module load of components/aws: median ${median(loads.map((l) => l.ms)).toFixed(0)} ms over ${runs} runs`,
    );
    console.log(
        `  SDKs loaded: ${sdks.join(", ")}; Azure/GCP loaded: ${foreign.length === 0 ? "no" : foreign.join(", ")}`,
    );

    await previewFunctions(5); // Warm-up: module loading and JIT, not counted.
    console.log("offline preview (in process), AwsFunctions with 3 grants and 1 caller each:");
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
