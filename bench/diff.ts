/**
 * Benchmark of `perimeter diff` (issue 16): the command as a user runs it, on two generated exports
 * of the same size (bench/generate-stack.ts, its `*`-on-`*` policies replaced as bench/graph.ts
 * replaces them: a role allowed `*` may invoke every function, so the graph's edges grow with roles ×
 * functions by nature; the second export with one role policy in ten widened to `s3:*` on its bucket
 * prefix), without the packs (`--no-policy`) and, up to `--pack-sizes`, with them. Wall time and peak resident memory
 * of the CLI process come from GNU time (`/usr/bin/time -f "%e %M"`); with the packs, each side's pack
 * process is a child whose memory GNU time does not count (bench/run.ts `audit` measures a pack).
 *
 * `node dist/bench/diff.js [--sizes 10000,20000,50000] [--pack-sizes 10000,20000]`
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateStackExport } from "./generate-stack";
import { withoutAdminAccess } from "./graph";
import { option, runPerimeter } from "./measure";

function widened(exported: { deployment: { resources: Record<string, unknown>[] } }): object {
    let n = 0;
    const resources = exported.deployment.resources.map((resource) => {
        if (resource["type"] !== "aws:iam/rolePolicy:RolePolicy" || n++ % 10 !== 0) return resource;
        const outputs = resource["outputs"] as Record<string, unknown>;
        const policy = JSON.parse(String(outputs["policy"])) as { Statement: object[] };
        policy.Statement.push({
            Effect: "Allow",
            Action: "s3:*",
            Resource: `arn:aws:s3:::bench-${n}/*`,
        });
        const props = { ...outputs, policy: JSON.stringify(policy) };
        return { ...resource, inputs: props, outputs: props };
    });
    return { ...exported, deployment: { ...exported.deployment, resources } };
}

function withPacks(a: string, b: string, out: readonly string[]): Record<string, number> {
    const measured = runPerimeter(["diff", a, b, ...out]);
    return {
        withPacksSeconds: measured.seconds,
        withPacksCliPeakMiB: Math.round(measured.peakMiB),
    };
}

export function benchDiff(
    sizes: readonly number[],
    packSizes: readonly number[],
): Record<string, unknown>[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-bench-diff-"));
    try {
        return sizes.map((size) => {
            const generated = generateStackExport(size);
            const before = {
                ...generated,
                deployment: {
                    ...generated.deployment,
                    resources: generated.deployment.resources.map(withoutAdminAccess),
                },
            };
            const a = path.join(dir, `a-${size}.json`);
            const b = path.join(dir, `b-${size}.json`);
            fs.writeFileSync(a, JSON.stringify(before));
            fs.writeFileSync(b, JSON.stringify(widened(before)));
            const out = [
                "--format",
                "json",
                "--output",
                path.join(dir, "out.json"),
                "--fail-on",
                "none",
            ];
            const graphOnly = runPerimeter(["diff", a, b, "--no-policy", ...out]);
            const changed = (
                JSON.parse(fs.readFileSync(path.join(dir, "out.json"), "utf8")) as {
                    summary: { functionsChanged: number };
                }
            ).summary.functionsChanged;
            const result = {
                resources: size,
                functionsChanged: changed,
                noPolicySeconds: graphOnly.seconds,
                noPolicyPeakMiB: Math.round(graphOnly.peakMiB),
                ...(packSizes.includes(size) ? withPacks(a, b, out) : {}),
            };
            console.error(`diff: ${JSON.stringify(result)}`);
            return result;
        });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const sizes = option("sizes", "10000,20000,50000").split(",").map(Number);
    const packSizes = option("pack-sizes", "10000,20000").split(",").map(Number);
    console.log(JSON.stringify(benchDiff(sizes, packSizes), null, 2));
}
