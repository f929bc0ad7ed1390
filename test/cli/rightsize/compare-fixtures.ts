/** A stack's functions compared with log records, as `perimeter rightsize` compares them. */
import { Readable } from "node:stream";
import { compareFunction } from "../../../cli/rightsize/compare";
import { functionGrants, type FunctionGrants } from "../../../cli/rightsize/granted";
import { logFiles } from "../../../cli/rightsize/log-files";
import { readUsage } from "../../../cli/rightsize/logs";
import type { FunctionComparison } from "../../../cli/rightsize/report";
import { SkippedRecords } from "../../../cli/rightsize/skipped";
import { suggestionFor } from "../../../cli/rightsize/suggest";
import { buildIdentityGraph } from "../../../policypack/lib/graph/build";
import type { StackResource } from "../../../policypack/lib/stack/resource";
import { jsonLines, writeLog } from "./log-fixtures";

/** Each function's grants, from the identity graph of the stack. */
export function grantsOf(stack: readonly StackResource[]): FunctionGrants[] {
    return functionGrants(buildIdentityGraph(stack), stack);
}

/** Every permission a function is granted, with the resources it is granted on. */
export function grantedPermissions(grants: FunctionGrants): Map<string, string[]> {
    const granted = new Map<string, string[]>();
    for (const grant of grants.grants) {
        for (const p of grant.permissions) {
            granted.set(p.action, [...(granted.get(p.action) ?? []), p.resource]);
        }
    }
    return granted;
}

/** Each function of the stack, by name, compared with the records (or with the log files given). */
export async function rightsized(
    stack: readonly StackResource[],
    records: readonly unknown[] | { readonly paths: readonly string[] },
    since?: number,
): Promise<Map<string, FunctionComparison>> {
    const paths = Array.isArray(records)
        ? [writeLog(jsonLines(records), "logs.jsonl")]
        : (records as { readonly paths: readonly string[] }).paths;
    const { usage, evidence } = await readUsage(
        logFiles(paths, Readable.from([])),
        new SkippedRecords(),
        since,
    );
    const byName = new Map<string, FunctionComparison>();
    for (const grants of grantsOf(stack)) {
        const comparison = compareFunction(grants, usage, evidence);
        const fn = grants.functions[0];
        byName.set(fn?.name ?? "?", {
            ...comparison,
            suggestion: suggestionFor(comparison, fn, stack),
        });
    }
    return byName;
}
