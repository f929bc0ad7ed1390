import { ROLES } from "../roles";
import { TABLE_OPERATIONS } from "./operations";
import type { AzureAccessEntry } from "./types";

/** Table Storage: entity roles on one table. */
export const tableAccess: readonly AzureAccessEntry[] = [
    {
        access: "table:read",
        plane: "rbac",
        role: ROLES.storageTableDataReader,
        scopes: ["storage-table"],
        broadScopes: ["storage-account"],
        conditions: false,
        connection: "table",
        summary: "read and query entities",
        operations: [TABLE_OPERATIONS.query],
    },
    {
        access: "table:readwrite",
        plane: "rbac",
        role: ROLES.storageTableDataContributor,
        scopes: ["storage-table"],
        broadScopes: ["storage-account"],
        conditions: false,
        connection: "table",
        summary: "read, insert, update and delete entities",
        operations: [
            TABLE_OPERATIONS.query,
            TABLE_OPERATIONS.insert,
            TABLE_OPERATIONS.upsert,
            TABLE_OPERATIONS.update,
            TABLE_OPERATIONS.delete,
        ],
    },
];
