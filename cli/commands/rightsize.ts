import { graphResourcesOf } from "../graph/resources";
import { RecordedApis, roleCalls } from "../rightsize/aws/cloudtrail";
import { compareFunction } from "../rightsize/aws/compare";
import { awsFunctionGrants } from "../rightsize/aws/granted";
import { UsageByRole } from "../rightsize/aws/usage";
import { logFiles } from "../rightsize/log-files";
import {
    RIGHTSIZE_REPORT_VERSION,
    type RightsizeReport,
    renderRightsize,
    summaryOf,
} from "../rightsize/report";
import { SkippedRecords } from "../rightsize/skipped";
import { UsageError } from "../engine/errors";
import type { Progress } from "../terminal";
import type { RightsizeArgs } from "./args";
import type { CommandIo } from "./context";
import { writeOutput } from "./output";
import { readSnapshot } from "./snapshot";

/** Function types of the clouds whose logs are not compared yet. */
const NOT_YET: Readonly<Record<string, string>> = {
    "azure-native:web:WebApp": "Azure function apps",
    "gcp:cloudfunctionsv2/function:Function": "Google Cloud functions",
    "gcp:cloudfunctions/function:Function": "Google Cloud functions",
    "gcp:cloudrunv2/service:Service": "Google Cloud Run services",
};

/**
 * `perimeter rightsize STACK --logs PATH...`: each Lambda function's grants against what CloudTrail
 * shows its role did. Exit 0 when the report is written; 2 on a usage error or when no record of the
 * logs could be used at all.
 */
export async function runRightsize(
    args: RightsizeArgs,
    io: CommandIo,
    progress: Progress,
): Promise<number> {
    const snapshot = await readSnapshot(args.input, args, io, progress);
    const resources = graphResourcesOf(snapshot.resources);
    progress.update(`perimeter: reading ${args.logs.join(", ")}`);
    const skipped = new SkippedRecords();
    const usage = new UsageByRole();
    const recorded = new RecordedApis();
    const files = logFiles(args.logs, io.stdin);
    try {
        for await (const call of roleCalls(files, skipped, args.since, recorded)) usage.add(call);
    } catch (error) {
        throw new UsageError(
            `cannot read the logs: ${error instanceof Error ? error.message : String(error)}`,
        );
    }
    if (skipped.recordsUsed === 0) {
        const why = skipped.reasons().map((r) => `${r.count} × ${r.reason}`);
        throw new UsageError(
            `no CloudTrail record of a role's session could be read from ${args.logs.join(", ")}${why.length > 0 ? ` (${why.join("; ")})` : ""}; give CloudTrail files (\`{"Records": [...]}\`, gzip or not) or JSON Lines of records`,
        );
    }
    const functions = awsFunctionGrants(resources).map((grants) =>
        compareFunction(grants, usage, recorded),
    );
    const others = new Set(
        resources.flatMap((r) => (NOT_YET[r.type] === undefined ? [] : [NOT_YET[r.type] ?? ""])),
    );
    const report: RightsizeReport = {
        version: RIGHTSIZE_REPORT_VERSION,
        stack: snapshot.source,
        ...(args.since === undefined ? {} : { since: new Date(args.since).toISOString() }),
        records: { used: skipped.recordsUsed, skipped: skipped.reasons() },
        functions,
        notCovered: [...others].map((what) => `${what}: their logs are not compared yet`),
        summary: summaryOf(functions),
    };
    progress.clear();
    await writeOutput(io, args.output, renderRightsize(report, args.format), "the report");
    return 0;
}
