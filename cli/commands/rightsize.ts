import { graphResourcesOf } from "../graph/resources";
import { buildIdentityGraph } from "../../policypack/lib/graph/build";
import type { Cloud } from "../../policypack/lib/graph/model";
import { compareFunction } from "../rightsize/compare";
import { functionGrants } from "../rightsize/granted";
import { logFiles } from "../rightsize/log-files";
import { readUsage } from "../rightsize/logs";
import {
    RIGHTSIZE_REPORT_VERSION,
    type RightsizeReport,
    renderRightsize,
    summaryOf,
} from "../rightsize/report";
import { SkippedRecords } from "../rightsize/skipped";
import { suggestionFor } from "../rightsize/suggest";
import { UsageError } from "../engine/errors";
import type { Progress } from "../terminal";
import type { RightsizeArgs } from "./args";
import type { CommandIo } from "./context";
import { writeOutput } from "./output";
import { readSnapshot } from "./snapshot";

const CLOUD_LOGS: Readonly<Record<Cloud, string>> = {
    aws: "CloudTrail",
    azure: "Azure activity or resource log",
    gcp: "Cloud Audit Logs",
};

/**
 * `perimeter rightsize STACK --logs PATH...`: each function's grants, read from the identity graph,
 * against what the clouds' logs show its identity did, with a suggestion per function. Exit 0 when the
 * report is written; 2 on a usage error or when no record of the logs could be used at all.
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
    let read;
    try {
        read = await readUsage(logFiles(args.logs, io.stdin), skipped, args.since);
    } catch (error) {
        throw new UsageError(
            `cannot read the logs: ${error instanceof Error ? error.message : String(error)}`,
        );
    }
    if (skipped.recordsUsed === 0) {
        const why = skipped.reasons().map((r) => `${r.count} × ${r.reason}`);
        throw new UsageError(
            `no log record of a principal's call could be read from ${args.logs.join(", ")}${why.length > 0 ? ` (${why.join("; ")})` : ""}; give CloudTrail files (\`{"Records": [...]}\`, gzip or not), Cloud Audit Logs entries (\`gcloud logging read --format=json\`) or Azure activity and resource logs, as JSON or JSON Lines`,
        );
    }
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const functions = functionGrants(buildIdentityGraph(resources), resources).map((grants) => {
        const comparison = compareFunction(grants, read.usage, read.evidence);
        const fn =
            grants.functions[0] === undefined ? undefined : byUrn.get(grants.functions[0].urn);
        return { ...comparison, suggestion: suggestionFor(comparison, fn, resources) };
    });
    const silent = [...new Set(functions.map((f) => f.cloud))].filter((c) => !read.clouds.has(c));
    const report: RightsizeReport = {
        version: RIGHTSIZE_REPORT_VERSION,
        stack: snapshot.source,
        ...(args.since === undefined ? {} : { since: new Date(args.since).toISOString() }),
        records: { used: skipped.recordsUsed, skipped: skipped.reasons() },
        functions,
        notCovered: silent.map(
            (cloud) =>
                `${cloud} functions: the logs hold no ${CLOUD_LOGS[cloud]} record, so nothing of theirs is judged unused`,
        ),
        summary: summaryOf(functions),
    };
    progress.clear();
    await writeOutput(io, args.output, renderRightsize(report, args.format), "the report");
    return 0;
}
