/**
 * Azure log records written from their documented fields: storage resource logs as a diagnostic
 * setting writes them (https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage-reference),
 * StorageBlobLogs rows from Log Analytics
 * (https://learn.microsoft.com/azure/azure-monitor/reference/tables/storagebloblogs), and activity log
 * events (https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema).
 */
const OBJECT_ID_CLAIM = "http://schemas.microsoft.com/identity/claims/objectidentifier";

export interface StorageRequest {
    /** The caller's object ID (a managed identity's principal ID). */
    readonly principal: string;
    /** The RBAC data action checked. */
    readonly action: string;
    readonly result?: "Granted" | "Denied";
    /** `https://<account>.<service>.core.windows.net/<container>/<name>`. */
    readonly uri: string;
    /** `GetBlob`, `PutMessage`. */
    readonly operation: string;
    /** The storage account's resource ID. */
    readonly account: string;
    readonly time?: string;
}

/** A storage request as a diagnostic setting writes it to a storage account (`PT1H.json`). */
export function storageLogRecord(request: StorageRequest): Record<string, unknown> {
    const result = request.result ?? "Granted";
    const service = /^https:\/\/[^.]+\.([a-z]+)\./.exec(request.uri)?.[1] ?? "blob";
    const read = /^(Get|List|Peek|Query)/.test(request.operation);
    return {
        time: request.time ?? "2026-11-30T09:15:00.1234567Z",
        resourceId: `${request.account}/${service}Services/default`,
        category: read ? "StorageRead" : "StorageWrite",
        operationName: request.operation,
        operationVersion: "2023-11-03",
        schemaVersion: "1.0",
        statusCode: result === "Granted" ? 200 : 403,
        statusText: result === "Granted" ? "Success" : "AuthorizationPermissionMismatch",
        callerIpAddress: "10.0.0.4:50433",
        uri: request.uri,
        identity: {
            type: "OAuth",
            authorization: [
                {
                    action: request.action,
                    result,
                    type: "RBAC",
                    principals: [{ id: request.principal, type: "ServicePrincipal" }],
                },
            ],
            requester: {
                appId: "11111111-2222-3333-4444-555555555555",
                audience: "https://storage.azure.com/",
                objectId: request.principal,
                tenantId: "aaaabbbb-1111-cccc-2222-dddd3333eeee",
            },
        },
        properties: { accountName: request.account.split("/").pop(), serviceType: service },
    };
}

/** The same request as a StorageBlobLogs row exported from Log Analytics. */
export function storageLogsRow(request: StorageRequest): Record<string, unknown> {
    return {
        TimeGenerated: request.time ?? "2026-11-30T09:16:00Z",
        AccountName: request.account.split("/").pop(),
        OperationName: request.operation,
        AuthenticationType: "OAuth",
        StatusCode: request.result === "Denied" ? "403" : "200",
        Uri: request.uri,
        RequesterObjectId: request.principal.toUpperCase(),
        AuthorizationDetails: JSON.stringify([
            { action: request.action, result: request.result ?? "Granted", type: "RBAC" },
        ]),
        Category: "StorageRead",
    };
}

export interface ControlCall {
    readonly principal: string;
    readonly action: string;
    readonly resourceId: string;
    readonly forbidden?: boolean;
    readonly time?: string;
}

/** A control-plane call as the activity log records it (`az monitor activity-log list`). */
export function activityEvent(call: ControlCall): Record<string, unknown> {
    return {
        authorization: { action: call.action, scope: call.resourceId },
        caller: call.principal,
        category: { value: "Administrative", localizedValue: "Administrative" },
        claims: { [OBJECT_ID_CLAIM]: call.principal },
        eventTimestamp: call.time ?? "2026-11-30T10:00:00.0000000Z",
        level: "Informational",
        operationName: { value: call.action },
        resourceId: call.resourceId,
        status: { value: call.forbidden === true ? "Failed" : "Succeeded" },
        subStatus: { value: call.forbidden === true ? "Forbidden" : "OK" },
    };
}
