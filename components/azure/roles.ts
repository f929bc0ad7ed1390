/**
 * The Azure built-in roles Perimeter assigns, by name and GUID. Every GUID was checked against
 * ../shared/data/azure-builtin-roles.json (iann0036/iam-dataset `azure/built-in-roles-raw.json` @
 * 2073fa52ac008a45477aa0b1b4580cd99135bf60, MIT; the output of `az role definition list`), and the
 * data actions noted are the role's own, from the same file. A test re-checks every entry against it.
 */

export interface BuiltInRole {
    /** The role's display name, as `az role definition list` prints it. */
    readonly name: string;
    /** The role definition's GUID (the last segment of its role definition ID). */
    readonly guid: string;
}

/** Azure RBAC built-in roles (control plane role definitions under Microsoft.Authorization). */
export const ROLES = {
    /** blobs/read only. */
    storageBlobDataReader: {
        name: "Storage Blob Data Reader",
        guid: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    },
    /** blobs/read, write, delete, add/action, move/action. */
    storageBlobDataContributor: {
        name: "Storage Blob Data Contributor",
        guid: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    },
    /** blobs/* and container management: what the Functions host needs on its own storage. */
    storageBlobDataOwner: {
        name: "Storage Blob Data Owner",
        guid: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
    },
    /** queues/messages/add/action only. */
    storageQueueDataMessageSender: {
        name: "Storage Queue Data Message Sender",
        guid: "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a",
    },
    /** queues/messages/read and process/action (peek, receive, delete). */
    storageQueueDataMessageProcessor: {
        name: "Storage Queue Data Message Processor",
        guid: "8a0f0c08-91a1-4084-bc3d-661d67233fed",
    },
    /** queues/read and queues/messages/read: queue metadata and peek (the queue trigger's second role). */
    storageQueueDataReader: {
        name: "Storage Queue Data Reader",
        guid: "19e7f393-937e-4f77-808e-94535e297925",
    },
    /** queues/messages read, write, delete, process: the host's internal queues. */
    storageQueueDataContributor: {
        name: "Storage Queue Data Contributor",
        guid: "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
    },
    /** tables/entities/read only. */
    storageTableDataReader: {
        name: "Storage Table Data Reader",
        guid: "76199698-9eea-4c19-bc75-cec21354c6b6",
    },
    /** tables/entities read, write, delete, add, update. */
    storageTableDataContributor: {
        name: "Storage Table Data Contributor",
        guid: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
    },
    /** Microsoft.ServiceBus/{asterisk}/send/action only. */
    serviceBusDataSender: {
        name: "Azure Service Bus Data Sender",
        guid: "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
    },
    /** Microsoft.ServiceBus/{asterisk}/receive/action only. */
    serviceBusDataReceiver: {
        name: "Azure Service Bus Data Receiver",
        guid: "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
    },
    /** Microsoft.EventHub/{asterisk}/send/action only. */
    eventHubsDataSender: {
        name: "Azure Event Hubs Data Sender",
        guid: "2b629674-e913-4c01-ae53-ef4638d8f975",
    },
    /** Microsoft.EventHub/{asterisk}/receive/action only. */
    eventHubsDataReceiver: {
        name: "Azure Event Hubs Data Receiver",
        guid: "a638d3c7-ab3a-418d-83e6-5f17a39d4fde",
    },
    /** secrets/getSecret/action and readMetadata/action. */
    keyVaultSecretsUser: {
        name: "Key Vault Secrets User",
        guid: "4633458b-17de-408a-b874-0445c86b69e6",
    },
    /** keys read, update, backup, encrypt, decrypt, wrap, unwrap, sign, verify (no export or deletion). */
    keyVaultCryptoUser: {
        name: "Key Vault Crypto User",
        guid: "12338af0-0e69-4776-bea7-57ae8d297424",
    },
    /** keys read, wrap and unwrap only (and Event Grid subscription actions). */
    keyVaultCryptoServiceEncryptionUser: {
        name: "Key Vault Crypto Service Encryption User",
        guid: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
    },
} as const satisfies Record<string, BuiltInRole>;

/**
 * Cosmos DB data-plane built-in roles (SQL API). They are not ARM role definitions: their IDs are
 * fixed per account, `<account id>/sqlRoleDefinitions/<id>`. Source: Microsoft Learn, "Azure Cosmos
 * DB for NoSQL data plane role-based access control" (built-in role definitions table).
 */
export const COSMOS_ROLES = {
    /** Read metadata, read items, execute queries, read the change feed. */
    dataReader: {
        name: "Cosmos DB Built-in Data Reader",
        guid: "00000000-0000-0000-0000-000000000001",
    },
    /** Everything of the reader plus create, replace, upsert and delete items. */
    dataContributor: {
        name: "Cosmos DB Built-in Data Contributor",
        guid: "00000000-0000-0000-0000-000000000002",
    },
} as const satisfies Record<string, BuiltInRole>;

/** The role definition ID ARM expects for a built-in role, in the deploying subscription. */
export function roleDefinitionId(subscriptionId: string, role: BuiltInRole): string {
    return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role.guid}`;
}

const COSMOS_ACCOUNTS = "Microsoft.DocumentDB/databaseAccounts";
const COSMOS_CONTAINERS = `${COSMOS_ACCOUNTS}/sqlDatabases/containers`;

/**
 * Every data action of Cosmos DB for NoSQL (same page, "Permission model"), to know what a role's
 * wildcard (`containers/*`) grants.
 */
export const COSMOS_DATA_ACTIONS: readonly string[] = [
    `${COSMOS_ACCOUNTS}/readMetadata`,
    ...["create", "read", "replace", "upsert", "delete"].map(
        (a) => `${COSMOS_CONTAINERS}/items/${a}`,
    ),
    `${COSMOS_CONTAINERS}/executeQuery`,
    `${COSMOS_CONTAINERS}/readChangeFeed`,
    `${COSMOS_CONTAINERS}/executeStoredProcedure`,
    `${COSMOS_CONTAINERS}/manageConflicts`,
];
/**
 * The data actions of the Cosmos DB built-in data roles, which are not in the ARM role dataset:
 * Microsoft Learn, "Configure role-based access control with Microsoft Entra ID for your Azure
 * Cosmos DB account" (built-in role definitions),
 * https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-setup-rbac#built-in-role-definitions.
 */
export const COSMOS_ROLE_DATA_ACTIONS: Readonly<Record<string, readonly string[]>> = {
    [COSMOS_ROLES.dataReader.guid]: [
        `${COSMOS_ACCOUNTS}/readMetadata`,
        `${COSMOS_ACCOUNTS}/sqlDatabases/containers/executeQuery`,
        `${COSMOS_ACCOUNTS}/sqlDatabases/containers/readChangeFeed`,
        `${COSMOS_ACCOUNTS}/sqlDatabases/containers/items/read`,
    ],
    [COSMOS_ROLES.dataContributor.guid]: [
        `${COSMOS_ACCOUNTS}/readMetadata`,
        `${COSMOS_ACCOUNTS}/sqlDatabases/containers/*`,
        `${COSMOS_ACCOUNTS}/sqlDatabases/containers/items/*`,
    ],
};
