/**
 * Reads Azure resource IDs: which kind of resource a grant targets (so a role lands at the target's
 * own scope, never a resource group or subscription by accident) and the names inside the ID.
 */

/** The kinds of scope a grant can target, from broad to narrow. */
export type ScopeKind =
    | "subscription"
    | "resource-group"
    | "storage-account"
    | "blob-container"
    | "storage-queue"
    | "storage-table"
    | "key-vault"
    | "key-vault-secret"
    | "key-vault-key"
    | "servicebus-namespace"
    | "servicebus-queue"
    | "servicebus-topic"
    | "servicebus-subscription"
    | "eventhubs-namespace"
    | "event-hub"
    | "cosmosdb-account"
    | "cosmosdb-database"
    | "cosmosdb-container"
    | "function-app";

export interface ParsedResourceId {
    readonly kind: ScopeKind;
    readonly subscriptionId: string;
    readonly resourceGroupName?: string;
    /** The top-level resource's name (storage account, vault, namespace, Cosmos account, site). */
    readonly parentName?: string;
    /** The child's name (container, queue, table, secret, key, entity, database) when there is one. */
    readonly childName?: string;
}

const SEGMENT = "([^/]+)";
const PREFIX = `^/subscriptions/${SEGMENT}/resourceGroups/${SEGMENT}/providers/`;

// Each pattern: provider path after the resource group, case-insensitive as ARM is.
const PATTERNS: readonly [ScopeKind, RegExp][] = [
    ["subscription", new RegExp(`^/subscriptions/${SEGMENT}/?$`, "i")],
    ["resource-group", new RegExp(`^/subscriptions/${SEGMENT}/resourceGroups/${SEGMENT}/?$`, "i")],
    ...(
        [
            ["storage-account", `Microsoft.Storage/storageAccounts/${SEGMENT}`],
            [
                "blob-container",
                `Microsoft.Storage/storageAccounts/${SEGMENT}/blobServices/default/containers/${SEGMENT}`,
            ],
            [
                "storage-queue",
                `Microsoft.Storage/storageAccounts/${SEGMENT}/queueServices/default/queues/${SEGMENT}`,
            ],
            [
                "storage-table",
                `Microsoft.Storage/storageAccounts/${SEGMENT}/tableServices/default/tables/${SEGMENT}`,
            ],
            ["key-vault", `Microsoft.KeyVault/vaults/${SEGMENT}`],
            ["key-vault-secret", `Microsoft.KeyVault/vaults/${SEGMENT}/secrets/${SEGMENT}`],
            ["key-vault-key", `Microsoft.KeyVault/vaults/${SEGMENT}/keys/${SEGMENT}`],
            ["servicebus-namespace", `Microsoft.ServiceBus/namespaces/${SEGMENT}`],
            ["servicebus-queue", `Microsoft.ServiceBus/namespaces/${SEGMENT}/queues/${SEGMENT}`],
            ["servicebus-topic", `Microsoft.ServiceBus/namespaces/${SEGMENT}/topics/${SEGMENT}`],
            [
                "servicebus-subscription",
                `Microsoft.ServiceBus/namespaces/${SEGMENT}/topics/[^/]+/subscriptions/${SEGMENT}`,
            ],
            ["eventhubs-namespace", `Microsoft.EventHub/namespaces/${SEGMENT}`],
            ["event-hub", `Microsoft.EventHub/namespaces/${SEGMENT}/eventhubs/${SEGMENT}`],
            ["cosmosdb-account", `Microsoft.DocumentDB/databaseAccounts/${SEGMENT}`],
            [
                "cosmosdb-database",
                `Microsoft.DocumentDB/databaseAccounts/${SEGMENT}/dbs/${SEGMENT}`,
            ],
            [
                "cosmosdb-container",
                `Microsoft.DocumentDB/databaseAccounts/${SEGMENT}/dbs/[^/]+/colls/${SEGMENT}`,
            ],
            ["function-app", `Microsoft.Web/sites/${SEGMENT}`],
        ] as const
    ).map(([kind, path]): [ScopeKind, RegExp] => [kind, new RegExp(`${PREFIX}${path}/?$`, "i")]),
];

/** What an Azure resource ID points at, or undefined when it is not one Perimeter can grant on. */
export function parseResourceId(id: string): ParsedResourceId | undefined {
    for (const [kind, pattern] of PATTERNS) {
        const match = pattern.exec(id);
        if (match) {
            const [, subscriptionId = "", resourceGroupName, parentName, childName] = match;
            return { kind, subscriptionId, resourceGroupName, parentName, childName };
        }
    }
    return undefined;
}

/** The ID with a trailing slash removed: role assignment scopes must not end in one. */
export function normalizedScope(id: string): string {
    return id.endsWith("/") ? id.slice(0, -1) : id;
}
