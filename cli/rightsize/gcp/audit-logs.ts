/**
 * Google Cloud Audit Logs, read as the permission checks each principal's calls made. A log entry
 * (https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry: `timestamp`, `protoPayload`)
 * carries an AuditLog (https://cloud.google.com/logging/docs/reference/audit/auditlog/rest/Shared.Types/AuditLog):
 * `authenticationInfo.principalEmail` (a function's service account), `serviceName`, `methodName`,
 * `status`, and one `authorizationInfo` element per {resource, permission} checked, with `granted`.
 *
 * `granted` is a proto3 bool: the JSON mapping leaves a false value out
 * (https://protobuf.dev/programming-guides/proto3/#json), so a check without it is a denial only when
 * the call failed with PERMISSION_DENIED (`status.code` 7 in google.rpc.Code,
 * https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto); otherwise it is
 * counted as unreadable.
 *
 * Files: `gcloud logging read --format=json` (a JSON array) and a log sink's JSON Lines
 * (../log-files.ts).
 */
import { isRecord, textOf } from "../../../policypack/lib/values";
import { itemsOfRecords, type LogFile } from "../log-files";
import type { SkippedRecords } from "../skipped";

const PERMISSION_DENIED = 7;

/** One permission check of a principal's call. */
export interface PermissionCheck {
    /** Milliseconds since the epoch. */
    readonly time: number;
    /** Lower-cased principal email: `fn@project.iam.gserviceaccount.com`. */
    readonly principal: string;
    /** `storage.objects.get`. */
    readonly permission: string;
    /** `projects/_/buckets/b/objects/o`, as the entry names it. */
    readonly resource?: string;
    readonly granted: boolean;
    readonly method?: string;
    /** The project whose logs hold the entry (`logName`: `projects/<project>/logs/...`). */
    readonly project?: string;
}

/** The permission checks a log entry records, or why it records none of a principal's. */
export function permissionChecksOf(
    entry: unknown,
): readonly PermissionCheck[] | { readonly skip: string } {
    if (!isRecord(entry)) return { skip: "not a JSON object" };
    const payload = entry["protoPayload"];
    if (!isRecord(payload)) return { skip: "no protoPayload (not an audit log entry)" };
    const authentication = payload["authenticationInfo"];
    const principal = isRecord(authentication)
        ? textOf(authentication["principalEmail"])
        : undefined;
    if (principal === undefined) return { skip: "no authenticationInfo.principalEmail" };
    const time = Date.parse(textOf(entry["timestamp"]) ?? "");
    if (Number.isNaN(time)) return { skip: "no readable timestamp" };
    const checks = payload["authorizationInfo"];
    if (!Array.isArray(checks) || checks.length === 0) return { skip: "no authorizationInfo" };
    const status = payload["status"];
    const failedForPermission = isRecord(status) && status["code"] === PERMISSION_DENIED;
    const method = textOf(payload["methodName"]);
    const project = /^projects\/([^/]+)\/logs\//.exec(textOf(entry["logName"]) ?? "")?.[1];
    const read: PermissionCheck[] = [];
    for (const check of checks as unknown[]) {
        const permission = isRecord(check) ? textOf(check["permission"]) : undefined;
        if (!isRecord(check) || permission === undefined) continue;
        const granted = check["granted"];
        if (granted !== true && granted !== false && !failedForPermission) continue;
        const resource = textOf(check["resource"]);
        read.push({
            time,
            principal: principal.toLowerCase(),
            permission,
            ...(resource === undefined ? {} : { resource }),
            granted: granted === true,
            ...(method === undefined ? {} : { method }),
            ...(project === undefined ? {} : { project }),
        });
    }
    return read.length > 0
        ? read
        : { skip: "no authorizationInfo with a permission and a verdict" };
}

/** Every permission check in the files, from `since` on; what is not one is counted in `skipped`. */
export function permissionChecks(
    files: AsyncIterable<LogFile>,
    skipped: SkippedRecords,
    since?: number,
): AsyncGenerator<PermissionCheck> {
    return itemsOfRecords(files, skipped, permissionChecksOf, since);
}
