import { ROLES } from "../roles";
import { BLOB_OPERATIONS } from "./operations";
import type { AzureAccessEntry } from "./types";

const BLOBS = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";
export const BLOB_READ = `${BLOBS}/read`;
export const BLOB_WRITE = `${BLOBS}/write`;
export const BLOB_DELETE = `${BLOBS}/delete`;
export const BLOB_ADD = `${BLOBS}/add/action`;
export const BLOB_MOVE = `${BLOBS}/move/action`;

// A blob role granted on the account reaches every container in it, which is why the account is
// accepted only as the scope of a container-name condition (or with allowBroadScope).
const scopes = ["blob-container", "storage-account"] as const;

/** Blob Storage: roles on a container (or on the account, narrowed by a condition). */
export const blobAccess: readonly AzureAccessEntry[] = [
    {
        access: "blob:read",
        plane: "rbac",
        role: ROLES.storageBlobDataReader,
        scopes,
        broadScopes: [],
        conditions: true,
        dataActions: [BLOB_READ],
        connection: "blob",
        summary: "read and list blobs",
        operations: [BLOB_OPERATIONS.read],
    },
    {
        access: "blob:write",
        plane: "rbac",
        // No built-in role writes without reading; the contributor role with read, delete and move
        // removed by an ABAC condition is the write-only grant Microsoft documents.
        role: ROLES.storageBlobDataContributor,
        scopes,
        broadScopes: [],
        conditions: true,
        dataActions: [BLOB_WRITE, BLOB_ADD],
        deniedActions: [BLOB_READ, BLOB_DELETE, BLOB_MOVE],
        connection: "blob",
        summary: "create and overwrite blobs; no read, list, delete or rename (ABAC condition)",
        operations: [BLOB_OPERATIONS.create, BLOB_OPERATIONS.replace],
    },
    {
        access: "blob:readwrite",
        plane: "rbac",
        role: ROLES.storageBlobDataContributor,
        scopes,
        broadScopes: [],
        conditions: true,
        dataActions: [BLOB_READ, BLOB_WRITE, BLOB_DELETE, BLOB_ADD, BLOB_MOVE],
        connection: "blob",
        summary: "read, list, write and delete blobs",
        operations: [
            BLOB_OPERATIONS.read,
            BLOB_OPERATIONS.create,
            BLOB_OPERATIONS.replace,
            BLOB_OPERATIONS.delete,
        ],
    },
    {
        access: "blob:trigger",
        plane: "rbac",
        // Microsoft's blob binding table names Storage Blob Data Owner for the trigger, and Storage
        // Queue Data Contributor because the trigger uses queues internally (BLOB_BINDING): the host
        // gets that one on its own storage account (`hostQueues`). Owner's excess is in grants.md.
        role: ROLES.storageBlobDataOwner,
        scopes: ["blob-container"],
        broadScopes: ["storage-account"],
        conditions: false,
        hostQueues: true,
        connection: "blob",
        summary:
            "run on new and changed blobs of the container (Functions blob trigger); Storage Blob Data Owner, as Microsoft's binding table lists, so also write, delete and manage the container",
        operations: [BLOB_OPERATIONS.read],
    },
];
