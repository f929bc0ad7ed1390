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
        // No built-in role writes without reading, and Storage Blob Data Contributor can also
        // delete and recreate the container (containers/write, containers/delete): a custom role
        // with exactly the two data actions Put Blob needs.
        customRole: {
            key: "blob-writer",
            name: "Perimeter Blob Writer",
            dataActions: [BLOB_WRITE, BLOB_ADD],
        },
        scopes,
        broadScopes: [],
        conditions: true,
        dataActions: [BLOB_WRITE, BLOB_ADD],
        connection: "blob",
        summary:
            "create and overwrite blobs; no read, list, delete or rename (a custom role with exactly those data actions)",
        operations: [BLOB_OPERATIONS.create, BLOB_OPERATIONS.replace],
    },
    {
        access: "blob:readwrite",
        plane: "rbac",
        // Storage Blob Data Contributor's data actions without rename (move) and without its
        // control actions on the container: a custom role.
        customRole: {
            key: "blob-readwriter",
            name: "Perimeter Blob Reader Writer",
            dataActions: [BLOB_READ, BLOB_WRITE, BLOB_DELETE, BLOB_ADD],
        },
        scopes,
        broadScopes: [],
        conditions: true,
        dataActions: [BLOB_READ, BLOB_WRITE, BLOB_DELETE, BLOB_ADD],
        connection: "blob",
        summary:
            "read, list, write and delete blobs (a custom role with exactly those data actions)",
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
