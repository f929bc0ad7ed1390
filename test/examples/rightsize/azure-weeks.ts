/**
 * A week of Azure logs for each Azure example: the storage resource logs its AzureAuditLogs sends
 * (`auditGrantedStorage`), as a diagnostic setting writes them, and the activity log. Each app does what
 * its bindings do (Functions blob trigger, queue output and trigger, table output); around it, an
 * operator changes the resources and a backup identity copies blobs. Records follow the documented
 * fields (../../cli/rightsize/azure-fixtures.ts); data actions are those of Microsoft's operation tables
 * (components/azure/grants/operations.ts).
 */
import type { StackSnapshot } from "../../../cli/engine/types";
import { activityEvent, storageLogRecord } from "../../cli/rightsize/azure-fixtures";
import { later, output, principalOf, week } from "./week";

const STORAGE = "Microsoft.Storage/storageAccounts";
const BLOBS = `${STORAGE}/blobServices/containers/blobs`;
const QUEUES = `${STORAGE}/queueServices/queues`;
const ENTITIES = `${STORAGE}/tableServices/tables/entities`;
const ACCOUNT = "azure-native:storage:StorageAccount";

export interface AzureWeek {
    readonly resourceLogs: unknown[];
    readonly activity: unknown[];
}

/** An operator's changes (activity log) and a backup identity's copies (blob logs). */
function people(time: string, accountId: string, account: string): AzureWeek {
    const operator = "7d6e5f4a-0000-4000-8000-0000000000aa";
    const backup = "7d6e5f4a-0000-4000-8000-0000000000bb";
    return {
        activity: [
            activityEvent({
                principal: operator,
                action: `${STORAGE}/write`,
                resourceId: accountId,
                time,
            }),
            activityEvent({
                principal: operator,
                action: "Microsoft.Web/sites/write",
                resourceId: accountId.replace(
                    /providers\/.*$/,
                    "providers/Microsoft.Web/sites/ops",
                ),
                time: later(time, 60),
            }),
            activityEvent({
                principal: operator,
                action: `${STORAGE}/listKeys/action`,
                resourceId: accountId,
                forbidden: true,
                time: later(time, 90),
            }),
        ],
        resourceLogs: [
            storageLogRecord({
                principal: backup,
                action: `${BLOBS}/read`,
                operation: "GetBlob",
                account: accountId,
                uri: `https://${account}.blob.core.windows.net/uploads/archive.csv`,
                time: later(time, 120),
            }),
            storageLogRecord({
                principal: backup,
                action: `${BLOBS}/delete`,
                operation: "DeleteBlob",
                account: accountId,
                uri: `https://${account}.blob.core.windows.net/uploads/archive.csv`,
                time: later(time, 121),
            }),
        ],
    };
}

/**
 * examples/azure: ingest's blob trigger reads each upload and it queues a job; worker's queue trigger
 * polls the queue's metadata, receives and deletes each message.
 */
export function azureExampleWeek(snapshot: StackSnapshot): AzureWeek {
    const accountId = output(snapshot, ACCOUNT, "data", "id");
    const account = output(snapshot, ACCOUNT, "data", "name");
    const ingest = principalOf(snapshot, "ingest");
    const worker = principalOf(snapshot, "worker");
    const blob = (name: string) => `https://${account}.blob.core.windows.net/uploads/${name}`;
    const messages = `https://${account}.queue.core.windows.net/jobs/messages`;
    const week_: AzureWeek = { resourceLogs: [], activity: [] };
    for (const { time, n } of week(40)) {
        week_.resourceLogs.push(
            storageLogRecord({
                principal: ingest,
                action: `${BLOBS}/read`,
                operation: "GetBlob",
                account: accountId,
                uri: blob(`upload-${n}.csv`),
                time,
            }),
            storageLogRecord({
                principal: ingest,
                action: `${QUEUES}/messages/add/action`,
                operation: "PutMessage",
                account: accountId,
                uri: messages,
                time: later(time, 1),
            }),
            storageLogRecord({
                principal: worker,
                action: `${QUEUES}/messages/process/action`,
                operation: "GetMessages",
                account: accountId,
                uri: messages,
                time: later(time, 2),
            }),
            storageLogRecord({
                principal: worker,
                action: `${QUEUES}/messages/process/action`,
                operation: "DeleteMessage",
                account: accountId,
                uri: `${messages}/${n}`,
                time: later(time, 5),
            }),
        );
    }
    for (const { time } of week(8)) {
        week_.resourceLogs.push(
            storageLogRecord({
                principal: worker,
                action: `${QUEUES}/read`,
                operation: "GetQueueMetadata",
                account: accountId,
                uri: `https://${account}.queue.core.windows.net/jobs?comp=metadata`,
                time,
            }),
        );
    }
    for (const { time } of week(1)) {
        const more = people(time, accountId, account);
        week_.resourceLogs.push(...more.resourceLogs);
        week_.activity.push(...more.activity);
    }
    return week_;
}

/** examples/chain/azure: worker queues a job for each call; admin writes an audit entity. */
export function chainAzureWeek(snapshot: StackSnapshot): AzureWeek {
    const accountId = output(snapshot, ACCOUNT, "data", "id");
    const account = output(snapshot, ACCOUNT, "data", "name");
    const worker = principalOf(snapshot, "worker");
    const admin = principalOf(snapshot, "admin");
    const week_: AzureWeek = { resourceLogs: [], activity: [] };
    for (const { time, n } of week(30)) {
        week_.resourceLogs.push(
            storageLogRecord({
                principal: worker,
                action: `${QUEUES}/messages/add/action`,
                operation: "PutMessage",
                account: accountId,
                uri: `https://${account}.queue.core.windows.net/jobs/messages`,
                time,
            }),
            storageLogRecord({
                principal: admin,
                action: `${ENTITIES}/add/action`,
                operation: "InsertEntity",
                account: accountId,
                uri: `https://${account}.table.core.windows.net/audit(PartitionKey='calls',RowKey='${n}')`,
                time: later(time, 1),
            }),
        );
    }
    for (const { time } of week(1)) {
        const more = people(time, accountId, account);
        week_.resourceLogs.push(...more.resourceLogs);
        week_.activity.push(...more.activity);
    }
    return week_;
}
