/**
 * The data-plane operations Azure access levels are for, with the permissions Microsoft lists for
 * each. One table per service; the levels in this folder name the operations they are for.
 */
import type { AzureOperation } from "./types";

/** Azure Storage REST API, "Authorize with Microsoft Entra ID": permissions for calling data operations. */
const STORAGE =
    "https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-azure-active-directory#permissions-for-calling-data-operations";
/** Azure resource provider operations (the data actions each provider defines). */
const OPERATIONS =
    "https://learn.microsoft.com/en-us/azure/role-based-access-control/resource-provider-operations";
/** Azure Cosmos DB for NoSQL, role-based access control: the permission model's data actions. */
const COSMOS =
    "https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-setup-rbac#permission-model";

/** Azure Functions binding pages, "Grant permission to the identity" (the roles each binding needs). */
export const QUEUE_BINDING =
    "https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-storage-queue-trigger#identity-based-connections";
export const BLOB_BINDING =
    "https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-storage-blob-trigger#identity-based-connections";

const BLOBS = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";
const MESSAGES = "Microsoft.Storage/storageAccounts/queueServices/queues/messages";
const ENTITIES = "Microsoft.Storage/storageAccounts/tableServices/tables/entities";

export const BLOB_OPERATIONS = {
    read: {
        job: "Get Blob, Get Blob Properties, List Blobs: read blobs and list the container",
        needs: [[`${BLOBS}/read`]],
        source: STORAGE,
    },
    create: {
        job: "Put Blob of a new blob (and Put Block, Put Block List to upload it in blocks)",
        needs: [[`${BLOBS}/add/action`], [`${BLOBS}/write`]],
        source: STORAGE,
    },
    replace: {
        job: "Put Blob, Put Block List, Set Blob Properties and Metadata: create or replace a blob",
        needs: [[`${BLOBS}/write`]],
        source: STORAGE,
    },
    delete: { job: "Delete Blob", needs: [[`${BLOBS}/delete`]], source: STORAGE },
} as const satisfies Record<string, AzureOperation>;

export const QUEUE_OPERATIONS = {
    put: {
        job: "Put Message: add a message",
        needs: [[`${MESSAGES}/add/action`], [`${MESSAGES}/write`]],
        source: STORAGE,
    },
    get: {
        job: "Get Messages: receive messages (and hide them for the visibility timeout)",
        needs: [[`${MESSAGES}/process/action`], [`${MESSAGES}/delete`, `${MESSAGES}/read`]],
        source: STORAGE,
    },
    peek: { job: "Peek Messages", needs: [[`${MESSAGES}/read`]], source: STORAGE },
    delete: {
        job: "Delete Message: remove a processed message",
        needs: [[`${MESSAGES}/process/action`], [`${MESSAGES}/delete`]],
        source: STORAGE,
    },
    metadata: {
        job: "Get Queue Metadata: the approximate message count (the queue trigger polls it)",
        needs: [["Microsoft.Storage/storageAccounts/queueServices/queues/read"]],
        source: STORAGE,
    },
} as const satisfies Record<string, AzureOperation>;

export const TABLE_OPERATIONS = {
    query: { job: "Query Entities", needs: [[`${ENTITIES}/read`]], source: STORAGE },
    insert: {
        job: "Insert Entity",
        needs: [[`${ENTITIES}/write`], [`${ENTITIES}/add/action`]],
        source: STORAGE,
    },
    upsert: {
        job: "Insert Or Merge Entity, Insert Or Replace Entity",
        needs: [[`${ENTITIES}/write`], [`${ENTITIES}/add/action`, `${ENTITIES}/update/action`]],
        source: STORAGE,
    },
    update: {
        job: "Update Entity, Merge Entity",
        needs: [[`${ENTITIES}/write`], [`${ENTITIES}/update/action`]],
        source: STORAGE,
    },
    delete: { job: "Delete Entity", needs: [[`${ENTITIES}/delete`]], source: STORAGE },
} as const satisfies Record<string, AzureOperation>;

export const SERVICE_BUS_OPERATIONS = {
    send: {
        job: "Send messages to a queue or topic",
        needs: [["Microsoft.ServiceBus/namespaces/messages/send/action"]],
        source: `${OPERATIONS}#microsoftservicebus`,
    },
    receive: {
        job: "Receive, complete, abandon and dead-letter messages of a queue or subscription",
        needs: [["Microsoft.ServiceBus/namespaces/messages/receive/action"]],
        source: `${OPERATIONS}#microsoftservicebus`,
    },
} as const satisfies Record<string, AzureOperation>;

export const EVENT_HUBS_OPERATIONS = {
    send: {
        job: "Send events to an event hub",
        needs: [["Microsoft.EventHub/namespaces/messages/send/action"]],
        source: `${OPERATIONS}#microsofteventhub`,
    },
    receive: {
        job: "Receive events of an event hub's consumer group",
        needs: [["Microsoft.EventHub/namespaces/messages/receive/action"]],
        source: `${OPERATIONS}#microsofteventhub`,
    },
} as const satisfies Record<string, AzureOperation>;

const KEYS = "Microsoft.KeyVault/vaults/keys";
const keyOperation = (job: string, action: string): AzureOperation => ({
    job,
    needs: [[`${KEYS}/${action}`]],
    source: `${OPERATIONS}#microsoftkeyvault`,
});

export const KEY_VAULT_OPERATIONS = {
    getSecret: {
        job: "Get Secret: read the secret's value (also what a Key Vault reference in app settings does)",
        needs: [["Microsoft.KeyVault/vaults/secrets/getSecret/action"]],
        source: `${OPERATIONS}#microsoftkeyvault`,
    },
    getKey: keyOperation("Get Key: read the key's public part and attributes", "read"),
    encrypt: keyOperation("Encrypt", "encrypt/action"),
    decrypt: keyOperation("Decrypt", "decrypt/action"),
    wrap: keyOperation("Wrap Key", "wrap/action"),
    unwrap: keyOperation("Unwrap Key", "unwrap/action"),
    sign: keyOperation("Sign", "sign/action"),
    verify: keyOperation("Verify", "verify/action"),
} as const satisfies Record<string, AzureOperation>;

const CONTAINERS = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";
const cosmos = (job: string, action: string): AzureOperation => ({
    job,
    needs: [[action]],
    source: COSMOS,
});

export const COSMOS_OPERATIONS = {
    metadata: cosmos(
        "Read the account's metadata (every SDK client does on connect)",
        "Microsoft.DocumentDB/databaseAccounts/readMetadata",
    ),
    read: cosmos("Read an item", `${CONTAINERS}/items/read`),
    query: cosmos("Query items", `${CONTAINERS}/executeQuery`),
    changeFeed: cosmos("Read the change feed", `${CONTAINERS}/readChangeFeed`),
    create: cosmos("Create an item", `${CONTAINERS}/items/create`),
    replace: cosmos("Replace an item", `${CONTAINERS}/items/replace`),
    upsert: cosmos("Upsert an item", `${CONTAINERS}/items/upsert`),
    delete: cosmos("Delete an item", `${CONTAINERS}/items/delete`),
} as const satisfies Record<string, AzureOperation>;

export const FUNCTION_OPERATIONS = {
    call: {
        job: "An HTTP request to the app with a Microsoft Entra token for its audience; no Azure role, the callee's Easy Auth admits the caller",
        needs: [],
        source: "https://learn.microsoft.com/en-us/azure/app-service/configure-authentication-provider-aad",
    },
} as const satisfies Record<string, AzureOperation>;
