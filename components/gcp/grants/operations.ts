/**
 * The API calls GCP access levels are for, with the IAM permissions Google's references list for each.
 * One table per service; the levels in this folder name the operations they are for.
 *
 * Cross-check: iann0036/iam-dataset `gcp/map.json` (MIT, commit 2073fa52, the same snapshot as
 * ../shared/data/gcp-predefined-roles.json) maps API methods to permissions; every need below is in its
 * entry for the method where it has one. Its entries also list the permissions Google's tables mark as
 * conditional (ACLs under `projection=full`, `setIamPolicy` when a request carries ACLs); those apply
 * only to buckets without uniform bucket-level access and are left out here. It has no permissions for
 * Pub/Sub's pull, acknowledge and modifyAckDeadline, nor for Firestore's document methods, and a Cloud
 * Run request is no API method: those rest on the pages cited alone.
 */
import type { GcpOperation } from "./types";

/** Cloud Storage, "IAM permissions for JSON methods". */
const STORAGE = "https://cloud.google.com/storage/docs/access-control/iam-json";
/** Pub/Sub, "Access control with IAM": the permissions each method requires. */
const PUBSUB = "https://cloud.google.com/pubsub/docs/access-control#required_permissions";
/** Secret Manager, "Access control with IAM" (secretmanager.versions.access). */
const SECRETS = "https://cloud.google.com/secret-manager/docs/access-control";
/** Cloud KMS, "Permissions and roles": using keys to encrypt and decrypt. */
const KMS = "https://cloud.google.com/kms/docs/reference/permissions-and-roles";
/** Firestore, "Security for server client libraries": required permissions for API methods. */
const FIRESTORE = "https://cloud.google.com/firestore/docs/security/iam#required_permissions";
/** Cloud Run functions, "Authenticate for invocation": run.routes.invoke on the Cloud Run service. */
const RUN = "https://cloud.google.com/functions/docs/securing/authenticating";

export const STORAGE_OPERATIONS = {
    get: {
        job: "objects.get: read an object's data and metadata",
        needs: ["storage.objects.get"],
        source: STORAGE,
    },
    list: {
        job: "objects.list: list the bucket's objects",
        needs: ["storage.objects.list"],
        source: STORAGE,
    },
    insert: {
        job: "objects.insert of a new object (simple, multipart or resumable upload)",
        needs: ["storage.objects.create"],
        source: STORAGE,
    },
    overwrite: {
        job: "objects.insert over an existing object (the delete is needed only to replace one)",
        needs: ["storage.objects.create", "storage.objects.delete"],
        source: STORAGE,
    },
    patch: {
        job: "objects.patch, objects.update: change an object's metadata",
        needs: ["storage.objects.get", "storage.objects.update"],
        source: STORAGE,
    },
    delete: { job: "objects.delete", needs: ["storage.objects.delete"], source: STORAGE },
} as const satisfies Record<string, GcpOperation>;

export const PUBSUB_OPERATIONS = {
    publish: { job: "topics.publish", needs: ["pubsub.topics.publish"], source: PUBSUB },
    pull: {
        job: "subscriptions.pull, streamingPull: receive messages",
        needs: ["pubsub.subscriptions.consume"],
        source: PUBSUB,
    },
    acknowledge: {
        job: "subscriptions.acknowledge, modifyAckDeadline: settle or extend received messages",
        needs: ["pubsub.subscriptions.consume"],
        source: PUBSUB,
    },
} as const satisfies Record<string, GcpOperation>;

export const SECRET_OPERATIONS = {
    access: {
        job: "secrets.versions.access: read a version's payload",
        needs: ["secretmanager.versions.access"],
        source: SECRETS,
    },
} as const satisfies Record<string, GcpOperation>;

export const KMS_OPERATIONS = {
    decrypt: {
        job: "cryptoKeys.decrypt",
        needs: ["cloudkms.cryptoKeyVersions.useToDecrypt"],
        source: KMS,
    },
    encrypt: {
        job: "cryptoKeys.encrypt (with the key's primary version)",
        needs: ["cloudkms.cryptoKeyVersions.useToEncrypt"],
        source: KMS,
    },
} as const satisfies Record<string, GcpOperation>;

export const FIRESTORE_OPERATIONS = {
    get: {
        job: "documents.get, documents.batchGet",
        needs: ["datastore.entities.get"],
        source: FIRESTORE,
    },
    query: {
        job: "documents.list, documents.runQuery",
        needs: ["datastore.entities.list"],
        source: FIRESTORE,
    },
    transaction: {
        job: "documents.beginTransaction, documents.rollback",
        needs: ["datastore.databases.get"],
        source: FIRESTORE,
    },
    create: {
        job: "documents.commit of a create (exists precondition false)",
        needs: ["datastore.entities.create"],
        source: FIRESTORE,
    },
    update: {
        job: "documents.commit of an update (exists precondition true)",
        needs: ["datastore.entities.update"],
        source: FIRESTORE,
    },
    upsert: {
        job: "documents.commit of a set with no precondition (create or replace)",
        needs: ["datastore.entities.create", "datastore.entities.update"],
        source: FIRESTORE,
    },
    delete: {
        job: "documents.commit of a delete, documents.delete",
        needs: ["datastore.entities.delete"],
        source: FIRESTORE,
    },
} as const satisfies Record<string, GcpOperation>;

export const RUN_OPERATIONS = {
    invoke: {
        job: "an HTTP request to the service, with an ID token for its URL",
        needs: ["run.routes.invoke"],
        source: RUN,
    },
} as const satisfies Record<string, GcpOperation>;
