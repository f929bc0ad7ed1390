import { strict as assert } from "assert";
import { type AuthorizationCheck, authorizationChecks } from "../../../cli/rightsize/azure/logs";
import type { SkippedRecords } from "../../../cli/rightsize/skipped";
import { jsonLines, readLogs, skipReasons, writeLog } from "./log-fixtures";

const PRINCIPAL = "0a1b2c3d-0000-4000-8000-00000000abcd";
const ACCOUNT =
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/app-rg/providers/Microsoft.Storage/storageAccounts/data";
const BLOB_READ = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";

/**
 * A blob read by a managed identity, as a diagnostic setting writes it to a storage account (fields of
 * https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage-reference).
 */
function blobReadRecord(
    result: "Granted" | "Denied",
    time = "2026-11-30T09:15:00.1234567Z",
): Record<string, unknown> {
    return {
        time,
        resourceId: `${ACCOUNT}/blobServices/default`,
        category: "StorageRead",
        operationName: "GetBlob",
        operationVersion: "2023-11-03",
        schemaVersion: "1.0",
        statusCode: result === "Granted" ? 200 : 403,
        statusText: result === "Granted" ? "Success" : "AuthorizationPermissionMismatch",
        callerIpAddress: "10.0.0.4:50433",
        uri: "https://data.blob.core.windows.net/uploads/in/1.json",
        identity: {
            type: "OAuth",
            authorization: [
                {
                    action: BLOB_READ,
                    result,
                    type: "RBAC",
                    principals: [{ id: PRINCIPAL, type: "ServicePrincipal" }],
                },
            ],
            requester: {
                appId: "11111111-2222-3333-4444-555555555555",
                audience: "https://storage.azure.com/",
                objectId: PRINCIPAL,
                tenantId: "aaaabbbb-1111-cccc-2222-dddd3333eeee",
            },
        },
        properties: {
            accountName: "data",
            serviceType: "blob",
            objectKey: "/data/uploads/in/1.json",
        },
    };
}

/** The same read as a StorageBlobLogs row exported from Log Analytics (columns of the table reference). */
function blobLogsRow(): Record<string, unknown> {
    return {
        TimeGenerated: "2026-11-30T09:16:00Z",
        AccountName: "data",
        OperationName: "GetBlob",
        AuthenticationType: "OAuth",
        StatusCode: "200",
        StatusText: "Success",
        Uri: "https://data.blob.core.windows.net/uploads/in/2.json",
        RequesterObjectId: PRINCIPAL.toUpperCase(),
        AuthorizationDetails: JSON.stringify([
            { action: BLOB_READ, result: "Granted", type: "RBAC" },
        ]),
        Category: "StorageRead",
    };
}

/** An activity log event (https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema). */
function activityEvent(subStatus: string): Record<string, unknown> {
    return {
        authorization: {
            action: "Microsoft.Storage/storageAccounts/listKeys/action",
            scope: ACCOUNT,
        },
        caller: PRINCIPAL,
        category: { value: "Administrative", localizedValue: "Administrative" },
        claims: { "http://schemas.microsoft.com/identity/claims/objectidentifier": PRINCIPAL },
        eventTimestamp: "2026-11-30T10:00:00.0000000Z",
        level: "Informational",
        operationName: { value: "Microsoft.Storage/storageAccounts/listKeys/action" },
        resourceId: ACCOUNT,
        status: { value: subStatus === "Forbidden" ? "Failed" : "Succeeded" },
        subStatus: { value: subStatus },
    };
}

async function checksIn(
    content: string,
    since?: number,
): Promise<{ checks: AuthorizationCheck[]; skipped: SkippedRecords }> {
    const { items, skipped } = await readLogs(authorizationChecks, [writeLog(content)], { since });
    return { checks: items, skipped };
}

describe("perimeter rightsize: reading Azure logs", () => {
    it("reads a blob read by object ID from a diagnostic setting's PT1H.json, denials included", async () => {
        const { checks } = await checksIn(
            jsonLines([blobReadRecord("Granted"), blobReadRecord("Denied")]),
        );
        assert.deepEqual(
            checks.map((c) => [c.principalId, c.action, c.granted, c.plane, c.resource]),
            [
                [
                    PRINCIPAL,
                    BLOB_READ,
                    true,
                    "data",
                    "https://data.blob.core.windows.net/uploads/in/1.json",
                ],
                [
                    PRINCIPAL,
                    BLOB_READ,
                    false,
                    "data",
                    "https://data.blob.core.windows.net/uploads/in/1.json",
                ],
            ],
        );
    });

    it("reads StorageBlobLogs rows exported from Log Analytics, AuthorizationDetails as JSON text", async () => {
        const { checks } = await checksIn(JSON.stringify([blobLogsRow()], null, 2));
        assert.deepEqual(
            checks.map((c) => [c.principalId, c.action, c.granted]),
            [[PRINCIPAL, BLOB_READ, true]],
        );
    });

    it("reads activity log events by the caller's object ID claim, Forbidden as refused", async () => {
        const { checks } = await checksIn(
            JSON.stringify([activityEvent("OK"), activityEvent("Forbidden")]),
        );
        assert.deepEqual(
            checks.map((c) => [c.action, c.granted, c.plane]),
            [
                ["Microsoft.Storage/storageAccounts/listKeys/action", true, "control"],
                ["Microsoft.Storage/storageAccounts/listKeys/action", false, "control"],
            ],
        );
    });

    it("counts requests that name no principal (keys, SAS) and records of other shapes, and honours --since", async () => {
        const keyRequest = {
            ...blobReadRecord("Granted"),
            identity: { type: "AccountKey", tokenHash: "key1(abc)" },
        };
        const { checks, skipped } = await checksIn(
            jsonLines([
                keyRequest,
                { hello: "world" },
                blobReadRecord("Granted", "2026-11-01T00:00:00Z"),
                blobReadRecord("Granted"),
            ]),
            Date.parse("2026-11-15T00:00:00Z"),
        );
        assert.equal(checks.length, 1);
        assert.deepEqual(skipReasons(skipped), [
            "before --since",
            "neither an activity log event nor a resource log record",
            "no requester object ID (a key, SAS or anonymous request)",
        ]);
    });
});
