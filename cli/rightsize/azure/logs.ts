/**
 * Azure logs read as the authorization checks each principal's calls made, by object ID (a managed
 * identity's principal ID). Three shapes, told apart by their fields:
 *
 * - **Activity log** events (`az monitor activity-log list`, a JSON array; schema:
 *   https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema): `eventTimestamp`,
 *   `authorization.action` (the RBAC action), `resourceId`, the caller's object ID in `claims`
 *   (`http://schemas.microsoft.com/identity/claims/objectidentifier`), and `subStatus.value`
 *   `Forbidden` for a refused call.
 * - **Storage resource logs** as a diagnostic setting writes them to a storage account (JSON Lines,
 *   `PT1H.json`) and as Log Analytics holds them (StorageBlobLogs, StorageQueueLogs, StorageTableLogs,
 *   exported as JSON rows): `time`/`TimeGenerated`, `operationName`/`OperationName`,
 *   `identity.requester.objectId`/`RequesterObjectId`, `identity.authorization`/`AuthorizationDetails`
 *   (each with the RBAC `action` checked and its `result`, `Granted` or `Denied`), `uri`/`Uri`
 *   (https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage-reference,
 *   https://learn.microsoft.com/azure/azure-monitor/reference/tables/storagebloblogs). A request
 *   authorized with a key or a SAS names no principal and is skipped, counted.
 */
import { isRecord, textOf } from "../../../policypack/lib/values";
import { itemsOfRecords, type LogFile } from "../log-files";
import type { SkippedRecords } from "../skipped";

const OBJECT_ID_CLAIM = "http://schemas.microsoft.com/identity/claims/objectidentifier";

/**
 * The storage account a request URI (`https://<account>.blob.core.windows.net/...`) or a resource ID
 * or scope (`.../providers/Microsoft.Storage/storageAccounts/<account>...`) names, in lower case.
 */
export function storageAccountOf(resource: string): string | undefined {
    const uri = /^https:\/\/([a-z0-9]+)\.(?:blob|queue|table|file|dfs)\.core\.windows\.net/i.exec(
        resource,
    );
    if (uri !== null) return uri[1]?.toLowerCase();
    return /\/providers\/microsoft\.storage\/storageaccounts\/([^/]+)/i
        .exec(resource)?.[1]
        ?.toLowerCase();
}

/** One authorization check of a principal's call. */
export interface AuthorizationCheck {
    /** Milliseconds since the epoch. */
    readonly time: number;
    /** Lower-cased object ID of the caller. */
    readonly principalId: string;
    /** The RBAC action checked: `Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read`. */
    readonly action: string;
    readonly granted: boolean;
    /** The resource ID or request URI. */
    readonly resource?: string;
    readonly plane: "control" | "data";
}

/** The first present field among names (resource logs and Log Analytics spell them differently). */
function field(record: Record<string, unknown>, ...names: string[]): unknown {
    for (const name of names) {
        if (record[name] !== undefined) return record[name];
    }
    return undefined;
}

function activityLogChecks(event: Record<string, unknown>): AuthorizationCheck[] | string {
    const authorization = event["authorization"];
    const action = isRecord(authorization) ? textOf(authorization["action"]) : undefined;
    const claims = event["claims"];
    const principalId = isRecord(claims) ? textOf(claims[OBJECT_ID_CLAIM]) : undefined;
    const time = Date.parse(textOf(event["eventTimestamp"]) ?? "");
    if (action === undefined) return "no authorization.action";
    if (principalId === undefined) return "no object ID claim";
    if (Number.isNaN(time)) return "no readable eventTimestamp";
    const subStatus = event["subStatus"];
    const refused = isRecord(subStatus) && subStatus["value"] === "Forbidden";
    const resource = textOf(event["resourceId"]);
    return [
        {
            time,
            principalId: principalId.toLowerCase(),
            action,
            granted: !refused,
            ...(resource === undefined ? {} : { resource }),
            plane: "control",
        },
    ];
}

/** `AuthorizationDetails` is dynamic in Log Analytics: a list, or the list as JSON text. */
function authorizationDetails(value: unknown): unknown[] {
    if (Array.isArray(value)) return value as unknown[];
    if (typeof value === "string") {
        try {
            const parsed = JSON.parse(value) as unknown;
            return Array.isArray(parsed) ? (parsed as unknown[]) : [];
        } catch {
            return [];
        }
    }
    return [];
}

function resourceLogChecks(record: Record<string, unknown>): AuthorizationCheck[] | string {
    const identity = record["identity"];
    const requester = isRecord(identity) ? identity["requester"] : undefined;
    const principalId =
        textOf(record["RequesterObjectId"]) ??
        (isRecord(requester) ? textOf(requester["objectId"]) : undefined);
    if (principalId === undefined)
        return "no requester object ID (a key, SAS or anonymous request)";
    const time = Date.parse(textOf(field(record, "time", "TimeGenerated")) ?? "");
    if (Number.isNaN(time)) return "no readable time";
    const details = authorizationDetails(
        record["AuthorizationDetails"] ??
            (isRecord(identity) ? identity["authorization"] : undefined),
    );
    const resource = textOf(field(record, "uri", "Uri"));
    const checks: AuthorizationCheck[] = [];
    for (const detail of details) {
        const action = isRecord(detail) ? textOf(detail["action"]) : undefined;
        const result = isRecord(detail) ? detail["result"] : undefined;
        if (action === undefined || (result !== "Granted" && result !== "Denied")) continue;
        checks.push({
            time,
            principalId: principalId.toLowerCase(),
            action,
            granted: result === "Granted",
            ...(resource === undefined ? {} : { resource }),
            plane: "data",
        });
    }
    return checks.length > 0 ? checks : "no authorization details with an action and a result";
}

/** The authorization checks a record holds, or why it holds none of a principal's. */
export function authorizationChecksOf(record: unknown): AuthorizationCheck[] | { skip: string } {
    if (!isRecord(record)) return { skip: "not a JSON object" };
    const checks =
        record["eventTimestamp"] !== undefined && record["authorization"] !== undefined
            ? activityLogChecks(record)
            : field(record, "operationName", "OperationName") !== undefined
              ? resourceLogChecks(record)
              : "neither an activity log event nor a resource log record";
    return typeof checks === "string" ? { skip: checks } : checks;
}

/** Every authorization check in the files, from `since` on; what is not one is counted in `skipped`. */
export function authorizationChecks(
    files: AsyncIterable<LogFile>,
    skipped: SkippedRecords,
    since?: number,
): AsyncGenerator<AuthorizationCheck> {
    return itemsOfRecords(files, skipped, authorizationChecksOf, since);
}
