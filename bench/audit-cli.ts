/**
 * Benchmark of `perimeter audit` as a user runs it (issue 17): generated exports of each size
 * (bench/generate-stack.ts as it is: per function a role, an inline policy, a log group and the
 * Lambda, one role in fifty allowed `*` on `*`, which may then invoke every function), audited to a
 * JSON report. Our pack runs in the CLI's process by default, so GNU time's wall time and peak
 * resident memory are the whole audit; with `--protocol` (up to `--protocol-sizes`) the pack runs in
 * a process of its own, whose memory GNU time does not count. `--big` also audits the 200 MB export
 * of bench/README.md (2,000 buckets with 50 tags of 1,000 characters).
 *
 * `node dist/bench/audit-cli.js [--sizes 10000,52000,100000] [--protocol-sizes 10000] [--big]`
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateStackExport } from "./generate-stack";
import { option, runPerimeter } from "./measure";

function audited(file: string, flags: readonly string[], dir: string): Record<string, number> {
    const out = ["--format", "json", "--output", path.join(dir, "out.json"), "--fail-on", "none"];
    const measured = runPerimeter(["audit", file, ...out, ...flags]);
    if (measured.status !== 0) throw new Error(`perimeter audit ${file} exited ${measured.status}`);
    return { seconds: measured.seconds, peakMiB: Math.round(measured.peakMiB) };
}

function bigExport(): object {
    const x = "x".repeat(1000);
    const resources: object[] = [
        {
            urn: "urn:pulumi:dev::big::pulumi:pulumi:Stack::big-dev",
            custom: false,
            type: "pulumi:pulumi:Stack",
        },
    ];
    for (let i = 0; i < 2000; i++) {
        const tags: Record<string, string> = {};
        for (let t = 0; t < 50; t++) tags[`tag${t}`] = x;
        const props = { bucket: `b${i}`, arn: `arn:aws:s3:::b${i}`, tags };
        resources.push({
            urn: `urn:pulumi:dev::big::aws:s3/bucket:Bucket::b${i}`,
            custom: true,
            id: `b${i}`,
            type: "aws:s3/bucket:Bucket",
            inputs: props,
            outputs: props,
        });
    }
    const manifest = { time: "2026-01-01T00:00:00Z", magic: "x", version: "v3" };
    return { version: 3, deployment: { manifest, resources } };
}

export function benchAuditCli(
    sizes: readonly number[],
    protocolSizes: readonly number[],
    big: boolean,
): Record<string, number>[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-bench-audit-"));
    try {
        const results = sizes.map((size) => {
            const file = path.join(dir, `stack-${size}.json`);
            fs.writeFileSync(file, JSON.stringify(generateStackExport(size)));
            const inProcess = audited(file, [], dir);
            const result: Record<string, number> = {
                resources: size,
                inProcessSeconds: inProcess.seconds ?? NaN,
                inProcessPeakMiB: inProcess.peakMiB ?? NaN,
            };
            if (protocolSizes.includes(size)) {
                const protocol = audited(file, ["--protocol"], dir);
                result["protocolSeconds"] = protocol.seconds ?? NaN;
                result["protocolCliPeakMiB"] = protocol.peakMiB ?? NaN;
            }
            console.error(`audit: ${JSON.stringify(result)}`);
            return result;
        });
        if (big) {
            const file = path.join(dir, "big200.json");
            fs.writeFileSync(file, JSON.stringify(bigExport()));
            const bytes = fs.statSync(file).size;
            const measured = audited(file, [], dir);
            const result = {
                fileMiB: Math.round(bytes / 2 ** 20),
                inProcessSeconds: measured.seconds ?? NaN,
                inProcessPeakMiB: measured.peakMiB ?? NaN,
            };
            console.error(`audit: ${JSON.stringify(result)}`);
            results.push(result);
        }
        return results;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const sizes = option("sizes", "10000,52000,100000").split(",").map(Number);
    const protocolSizes = option("protocol-sizes", "10000").split(",").map(Number);
    console.log(
        JSON.stringify(
            benchAuditCli(sizes, protocolSizes, process.argv.includes("--big")),
            null,
            2,
        ),
    );
}
