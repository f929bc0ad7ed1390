/**
 * Firestore access levels. Firestore databases have no IAM policy of their own, so these are the one
 * documented exception to resource-level grants: a project-level IAMMember whose IAM Condition limits
 * the role to one database (`resource.name == "projects/<p>/databases/<d>"`).
 */
import { FIRESTORE_OPERATIONS } from "./operations";
import type { GcpAccessEntry } from "./types";

const databaseHint = 'the database ID, e.g. "(default)" or database.name';

export const firestoreAccess: readonly GcpAccessEntry[] = [
    {
        access: "firestore:read",
        role: "roles/datastore.viewer",
        target: "firestoreDatabase",
        resourceHint: databaseHint,
        summary: "Read documents of the database.",
        operations: [
            FIRESTORE_OPERATIONS.get,
            FIRESTORE_OPERATIONS.query,
            FIRESTORE_OPERATIONS.transaction,
        ],
        permissions: [
            "appengine.applications.get",
            "databasesconsole.locations.get",
            "databasesconsole.locations.list",
            "databasesconsole.studioQueries.search",
            "datastore.databases.get",
            "datastore.databases.getMetadata",
            "datastore.databases.list",
            "datastore.entities.get",
            "datastore.entities.list",
            "datastore.insights.get",
            "datastore.namespaces.get",
            "datastore.namespaces.list",
            "datastore.schemas.get",
            "datastore.schemas.list",
            "datastore.statistics.get",
            "datastore.statistics.list",
            "resourcemanager.projects.get",
            "resourcemanager.projects.list",
        ],
    },
    {
        access: "firestore:readwrite",
        role: "roles/datastore.user",
        target: "firestoreDatabase",
        resourceHint: databaseHint,
        summary: "Read, create, update and delete documents of the database.",
        operations: [
            FIRESTORE_OPERATIONS.get,
            FIRESTORE_OPERATIONS.query,
            FIRESTORE_OPERATIONS.transaction,
            FIRESTORE_OPERATIONS.create,
            FIRESTORE_OPERATIONS.update,
            FIRESTORE_OPERATIONS.upsert,
            FIRESTORE_OPERATIONS.delete,
        ],
        permissions: [
            "appengine.applications.get",
            "databasesconsole.locations.get",
            "databasesconsole.locations.list",
            "databasesconsole.studioQueries.create",
            "databasesconsole.studioQueries.delete",
            "databasesconsole.studioQueries.search",
            "databasesconsole.studioQueries.update",
            "datastore.databases.get",
            "datastore.databases.getMetadata",
            "datastore.databases.list",
            "datastore.entities.allocateIds",
            "datastore.entities.create",
            "datastore.entities.delete",
            "datastore.entities.get",
            "datastore.entities.list",
            "datastore.entities.update",
            "datastore.namespaces.get",
            "datastore.namespaces.list",
            "datastore.schemas.list",
            "datastore.statistics.get",
            "datastore.statistics.list",
            "resourcemanager.projects.get",
            "resourcemanager.projects.list",
        ],
    },
];
