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
    {
        access: "queue:trigger",
        plane: "rbac",
        // Microsoft's queue binding table lists both roles for the trigger (QUEUE_BINDING).
        role: ROLES.storageQueueDataMessageProcessor,
        extraRoles: [ROLES.storageQueueDataReader],
        scopes: ["storage-queue"],
        broadScopes: ["storage-account"],
        conditions: false,
        connection: "queue",
        summary:
            "run on the queue's messages (Functions queue trigger): receive, peek and delete messages and read the queue's metadata",
        operations: [
            QUEUE_OPERATIONS.get,
            QUEUE_OPERATIONS.peek,
            QUEUE_OPERATIONS.delete,
            QUEUE_OPERATIONS.metadata,
        ],
    },
];
