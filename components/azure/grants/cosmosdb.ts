import { COSMOS_ROLES } from "../roles";
import { COSMOS_OPERATIONS } from "./operations";
import type { AzureAccessEntry } from "./types";

// Cosmos SQL role assignments take data-plane scopes: the account, `/dbs/<db>` or
// `/dbs/<db>/colls/<container>` under the account ID.
const scopes = ["cosmosdb-account", "cosmosdb-database", "cosmosdb-container"] as const;

/** Cosmos DB for NoSQL: data-plane SQL role assignments (not ARM RBAC). */
export const cosmosDbAccess: readonly AzureAccessEntry[] = [
    {
        access: "cosmosdb:read",
        plane: "cosmos",
        role: COSMOS_ROLES.dataReader,
        scopes,
        broadScopes: [],
        conditions: false,
        connection: "cosmosdb",
        summary: "read items, run queries, read the change feed",
        operations: [
            COSMOS_OPERATIONS.metadata,
            COSMOS_OPERATIONS.read,
            COSMOS_OPERATIONS.query,
            COSMOS_OPERATIONS.changeFeed,
        ],
    },
    {
        access: "cosmosdb:readwrite",
        plane: "cosmos",
        role: COSMOS_ROLES.dataContributor,
        scopes,
        broadScopes: [],
        conditions: false,
        connection: "cosmosdb",
        summary: "read, create, replace, upsert and delete items",
        operations: [
            COSMOS_OPERATIONS.metadata,
            COSMOS_OPERATIONS.read,
            COSMOS_OPERATIONS.query,
            COSMOS_OPERATIONS.changeFeed,
            COSMOS_OPERATIONS.create,
            COSMOS_OPERATIONS.replace,
            COSMOS_OPERATIONS.upsert,
            COSMOS_OPERATIONS.delete,
        ],
    },
];
