import { ROLES } from "../roles";
import { QUEUE_OPERATIONS } from "./operations";
import type { AzureAccessEntry } from "./types";

/** Queue Storage: message roles on one queue. */
export const queueAccess: readonly AzureAccessEntry[] = [
    {
        access: "queue:send",
        plane: "rbac",
        role: ROLES.storageQueueDataMessageSender,
        scopes: ["storage-queue"],
        broadScopes: ["storage-account"],
        conditions: false,
        connection: "queue",
        summary: "add messages",
        operations: [QUEUE_OPERATIONS.put],
    },
    {
        access: "queue:consume",
        plane: "rbac",
        role: ROLES.storageQueueDataMessageProcessor,
        scopes: ["storage-queue"],
        broadScopes: ["storage-account"],
        conditions: false,
        connection: "queue",
        summary: "peek, receive and delete messages",
        operations: [QUEUE_OPERATIONS.get, QUEUE_OPERATIONS.peek, QUEUE_OPERATIONS.delete],
    },
];
