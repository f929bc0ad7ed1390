import { strict as assert } from "assert";
import { type PermissionCheck, permissionChecks } from "../../../cli/rightsize/gcp/audit-logs";
import type { SkippedRecords } from "../../../cli/rightsize/skipped";
import { auditEntry } from "./gcp-fixtures";
import { jsonLines, readLogs, skipReasons, writeLog } from "./log-fixtures";

/** A Cloud Storage object read (Data Access log) by `principal`. */
function storageRead(
    principal: string,
    options: { granted?: boolean; status?: number; time?: string } = {},
): Record<string, unknown> {
    return auditEntry({
        principal,
        service: "storage.googleapis.com",
        method: "storage.objects.get",
        permission: "storage.objects.get",
        resource: "projects/_/buckets/orders/objects/in/1.json",
        ...options,
    });
}

const ORDERS = "orders-fn@shop.iam.gserviceaccount.com";

async function checksIn(
    file: string,
    since?: number,
): Promise<{ checks: PermissionCheck[]; skipped: SkippedRecords }> {
    const { items, skipped } = await readLogs(permissionChecks, [file], { since });
    return { checks: items, skipped };
}

const write = (content: string): string => writeLog(content);

describe("perimeter rightsize: reading Google Cloud Audit Logs", () => {
    it("reads `gcloud logging read --format=json` output: one check per authorizationInfo element, by principal", async () => {
        const file = write(
            JSON.stringify(
                [
                    storageRead(ORDERS, { granted: true }),
                    storageRead("Billing-Fn@shop.iam.gserviceaccount.com", { granted: true }),
                ],
                null,
                2,
            ),
        );
        const { checks } = await checksIn(file);
        assert.deepEqual(
            checks.map((c) => [c.principal, c.permission, c.resource, c.granted]),
            [
                [
                    ORDERS,
                    "storage.objects.get",
                    "projects/_/buckets/orders/objects/in/1.json",
                    true,
                ],
                [
                    "billing-fn@shop.iam.gserviceaccount.com",
                    "storage.objects.get",
                    "projects/_/buckets/orders/objects/in/1.json",
                    true,
                ],
            ],
        );
    });

    it("reads a sink's JSON Lines, and a denial written with granted:false or left out on PERMISSION_DENIED", async () => {
        const file = write(
            jsonLines([
                storageRead(ORDERS, { granted: false }),
                storageRead(ORDERS, { status: 7 }),
                storageRead(ORDERS), // no verdict, call not refused: cannot be told
            ]),
        );
        const { checks, skipped } = await checksIn(file);
        assert.deepEqual(
            checks.map((c) => c.granted),
            [false, false],
        );
        assert.deepEqual(
            skipped.reasons().map((r) => [r.reason, r.count]),
            [["no authorizationInfo with a permission and a verdict", 1]],
        );
    });

    it("leaves out entries before --since and entries of no principal, counted", async () => {
        const file = write(
            jsonLines([
                storageRead(ORDERS, { granted: true, time: "2026-11-01T00:00:00Z" }),
                storageRead(ORDERS, { granted: true }),
                { textPayload: "hello", timestamp: "2026-11-30T00:00:00Z" },
            ]),
        );
        const { checks, skipped } = await checksIn(file, Date.parse("2026-11-15T00:00:00Z"));
        assert.equal(checks.length, 1);
        assert.deepEqual(skipReasons(skipped), [
            "before --since",
            "no protoPayload (not an audit log entry)",
        ]);
    });
});
