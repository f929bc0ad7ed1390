import { COSMOS_ROLES } from "../roles";
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
    },
];
