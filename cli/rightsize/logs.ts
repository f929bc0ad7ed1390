/**
 * One pass over every log file given, whatever cloud wrote it: each record is told apart by its shape
 * and read by its cloud's reader into {@link Use}s of a principal, with the evidence of what the logs
 * record (./evidence.ts). A record no reader knows is counted, never thrown.
 *
 * - AWS CloudTrail (./aws/cloudtrail.ts): `eventSource` and `userIdentity`.
 * - Google Cloud Audit Logs (./gcp/audit-logs.ts): `protoPayload`.
 * - Azure activity log events and resource logs (./azure/logs.ts): `eventTimestamp` with
 *   `authorization`, or `operationName`/`OperationName`.
 */
import { isRecord } from "../../policypack/lib/values";
import type { Cloud } from "../../policypack/lib/graph/model";
import { awsUsesOf } from "./aws/cloudtrail";
import { authorizationChecksOf, storageAccountOf } from "./azure/logs";
import { RecordedPermissions } from "./evidence";
import { permissionChecksOf } from "./gcp/audit-logs";
import { itemsOfRecords, type LogFile, type RecordRead } from "./log-files";
import type { SkippedRecords } from "./skipped";
import { type Use, UsageByPrincipal } from "./usage";

/** The cloud whose log wrote a record, by its fields; undefined for a shape none writes. */
export function cloudOfRecord(record: unknown): Cloud | undefined {
    if (!isRecord(record)) return undefined;
    if (record["eventSource"] !== undefined && record["userIdentity"] !== undefined) return "aws";
    if (record["protoPayload"] !== undefined) return "gcp";
    if (
        (record["eventTimestamp"] !== undefined && record["authorization"] !== undefined) ||
        record["operationName"] !== undefined ||
        record["OperationName"] !== undefined
    ) {
        return "azure";
    }
    return undefined;
}

/** A check of a principal's permission, as the Google Cloud and Azure readers both give it. */
interface Check {
    readonly time: number;
    readonly principal: string;
    readonly permission: string;
    readonly granted: boolean;
    readonly resource?: string;
    /** Where the logging that recorded it is set (../evidence.ts), or undefined for everywhere. */
    readonly where: string | undefined;
}

/** The uses the checks hold, each noted as evidence of what these logs record where. */
function usesOfChecks(checks: readonly Check[], evidence: RecordedPermissions): Use[] {
    return checks.map((check) => {
        evidence.note(check.permission, check.where);
        return {
            time: check.time,
            principal: check.principal,
            action: check.permission,
            denied: !check.granted,
            resources: check.resource === undefined ? [] : [check.resource],
        };
    });
}

function gcpUsesOf(record: unknown, evidence: RecordedPermissions): RecordRead<Use> {
    const checks = permissionChecksOf(record);
    if ("skip" in checks) return checks;
    // Data Access logs are set per project: the project whose logs hold the entry.
    return usesOfChecks(
        checks.map((c) => ({ ...c, where: c.project ?? "" })),
        evidence,
    );
}

function azureUsesOf(record: unknown, evidence: RecordedPermissions): RecordRead<Use> {
    const checks = authorizationChecksOf(record);
    if ("skip" in checks) return checks;
    // The activity log covers the subscription; resource logs, the storage account they come from.
    return usesOfChecks(
        checks.map((c) => ({
            ...c,
            principal: c.principalId,
            permission: c.action,
            where: c.plane === "control" ? undefined : (storageAccountOf(c.resource ?? "") ?? ""),
        })),
        evidence,
    );
}

export interface LogUsage {
    readonly usage: UsageByPrincipal;
    readonly evidence: RecordedPermissions;
    /** The clouds some usable record came from. */
    readonly clouds: ReadonlySet<Cloud>;
}

/**
 * Every use the files show, from `since` (milliseconds since the epoch) on, by principal; what is
 * not one is counted in `skipped` with why.
 */
export async function readUsage(
    files: AsyncIterable<LogFile>,
    skipped: SkippedRecords,
    since?: number,
): Promise<LogUsage> {
    const usage = new UsageByPrincipal();
    const evidence = new RecordedPermissions();
    const clouds = new Set<Cloud>();
    const read = (record: unknown): RecordRead<Use> => {
        const cloud = cloudOfRecord(record);
        const uses =
            cloud === "aws"
                ? awsUsesOf(record, evidence)
                : cloud === "gcp"
                  ? gcpUsesOf(record, evidence)
                  : cloud === "azure"
                    ? azureUsesOf(record, evidence)
                    : {
                          skip: "not a record of CloudTrail, Cloud Audit Logs or an Azure activity or resource log",
                      };
        if (cloud !== undefined && !("skip" in uses)) clouds.add(cloud);
        return uses;
    };
    for await (const use of itemsOfRecords(files, skipped, read, since)) usage.add(use);
    return { usage, evidence, clouds };
}
