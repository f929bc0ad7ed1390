import { strict as assert } from "assert";
import { type AuthorizationCheck, authorizationChecks } from "../../../cli/rightsize/azure/logs";
import type { SkippedRecords } from "../../../cli/rightsize/skipped";
import { activityEvent as controlEvent, storageLogRecord, storageLogsRow } from "./azure-fixtures";
import { jsonLines, readLogs, skipReasons, writeLog } from "./log-fixtures";

const PRINCIPAL = "0a1b2c3d-0000-4000-8000-00000000abcd";
const ACCOUNT =
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/app-rg/providers/Microsoft.Storage/storageAccounts/data";
const BLOB_READ = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";

const READ = {
    principal: PRINCIPAL,
    action: BLOB_READ,
    operation: "GetBlob",
    account: ACCOUNT,
};

/** A blob read by a managed identity, as a diagnostic setting writes it to a storage account. */
function blobReadRecord(
    result: "Granted" | "Denied",
    time = "2026-11-30T09:15:00.1234567Z",
): Record<string, unknown> {
    return storageLogRecord({
        ...READ,
        result,
        time,
        uri: "https://data.blob.core.windows.net/uploads/in/1.json",
    });
}

/** The same read as a StorageBlobLogs row exported from Log Analytics. */
function blobLogsRow(): Record<string, unknown> {
    return storageLogsRow({ ...READ, uri: "https://data.blob.core.windows.net/uploads/in/2.json" });
}

/** A listKeys call in the activity log, allowed or refused. */
function activityEvent(subStatus: string): Record<string, unknown> {
    return controlEvent({
        principal: PRINCIPAL,
        action: "Microsoft.Storage/storageAccounts/listKeys/action",
        resourceId: ACCOUNT,
        forbidden: subStatus === "Forbidden",
    });
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
