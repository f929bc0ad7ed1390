/**
 * The permissions of a GCP role as the identity graph counts them.
 *
 * The pack's generated role data (data/gcp-role-risks.json) keeps, for each predefined role, only its
 * risky permissions: those that take part in an escalation method, impersonate, invoke, or are risky
 * on their own (permissions management, credentials exposure, data exfiltration, see ./permissions.ts):
 * tens of kilobytes instead of the 6.8 MB dataset. That is enough for call chains and risk counts in
 * those categories for every predefined role. The read and write counts and the declared-access ratio
 * need the whole permission list, so the roles functions are commonly granted (every role of the
 * GcpFunction access table, its baseline, the invoker and impersonation roles) are listed here in full,
 * copied from iann0036/iam-dataset (gcp/roles/*.json @ 2073fa52ac008a45477aa0b1b4580cd99135bf60, MIT)
 * through ../shared/data; a test checks every list against that file. For any other predefined role
 * the graph knows only its risky permissions: see {@link permissionsOfPredefinedRole}.
 */
import { readPackDataFile } from "../../aws/data-file";
import {
    escalationPermissionsOfRole,
    impersonationReasonsOfRole,
    isInvokerRole,
} from "../../gcp/role-risks";
import { INVOKE_PERMISSIONS } from "./permissions";

export const FULLY_LISTED_ROLES: Readonly<Record<string, readonly string[]>> = {
    "roles/cloudfunctions.invoker": ["cloudfunctions.functions.invoke"],
    "roles/cloudkms.cryptoKeyDecrypter": [
        "cloudkms.cryptoKeyVersions.useToDecrypt",
        "cloudkms.locations.get",
        "cloudkms.locations.list",
        "resourcemanager.projects.get",
    ],
    "roles/cloudkms.cryptoKeyEncrypter": [
        "cloudkms.cryptoKeyVersions.useToEncrypt",
        "cloudkms.locations.get",
        "cloudkms.locations.list",
        "resourcemanager.projects.get",
    ],
    "roles/datastore.user": [
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
    "roles/datastore.viewer": [
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
    "roles/eventarc.eventReceiver": [
        "eventarc.events.receiveAuditLogWritten",
        "eventarc.events.receiveEvent",
    ],
    "roles/iam.serviceAccountTokenCreator": [
        "iam.serviceAccounts.get",
        "iam.serviceAccounts.getAccessToken",
        "iam.serviceAccounts.getOpenIdToken",
        "iam.serviceAccounts.implicitDelegation",
        "iam.serviceAccounts.list",
        "iam.serviceAccounts.signBlob",
        "iam.serviceAccounts.signJwt",
        "resourcemanager.projects.get",
        "resourcemanager.projects.list",
    ],
    "roles/iam.serviceAccountUser": [
        "iam.serviceAccounts.actAs",
        "iam.serviceAccounts.get",
        "iam.serviceAccounts.list",
        "resourcemanager.projects.get",
        "resourcemanager.projects.list",
    ],
    "roles/logging.logWriter": ["logging.logEntries.create", "logging.logEntries.route"],
    "roles/monitoring.metricWriter": [
        "monitoring.metricDescriptors.create",
        "monitoring.metricDescriptors.get",
        "monitoring.metricDescriptors.list",
        "monitoring.monitoredResourceDescriptors.get",
        "monitoring.monitoredResourceDescriptors.list",
        "monitoring.timeSeries.create",
    ],
    "roles/pubsub.publisher": ["pubsub.topics.publish"],
    "roles/pubsub.subscriber": [
        "pubsub.snapshots.seek",
        "pubsub.subscriptions.consume",
        "pubsub.topics.attachSubscription",
    ],
    "roles/run.invoker": ["run.instances.invoke", "run.jobs.run", "run.routes.invoke"],
    "roles/run.servicesInvoker": ["run.routes.invoke"],
    "roles/secretmanager.secretAccessor": [
        "resourcemanager.projects.get",
        "resourcemanager.projects.list",
        "secretmanager.versions.access",
    ],
    "roles/storage.objectCreator": [
        "orgpolicy.policy.get",
        "resourcemanager.projects.get",
        "resourcemanager.projects.list",
        "storage.folders.create",
        "storage.managedFolders.create",
        "storage.multipartUploads.abort",
        "storage.multipartUploads.create",
        "storage.multipartUploads.listParts",
        "storage.objects.create",
        "storage.objects.createContext",
    ],
    "roles/storage.objectUser": [
        "monitoring.timeSeries.create",
        "orgpolicy.policy.get",
        "resourcemanager.projects.get",
        "resourcemanager.projects.list",
        "storage.folders.create",
        "storage.folders.delete",
        "storage.folders.get",
        "storage.folders.list",
        "storage.folders.rename",
        "storage.managedFolders.create",
        "storage.managedFolders.delete",
        "storage.managedFolders.get",
        "storage.managedFolders.list",
        "storage.multipartUploads.abort",
        "storage.multipartUploads.create",
        "storage.multipartUploads.list",
        "storage.multipartUploads.listParts",
        "storage.objects.create",
        "storage.objects.createContext",
        "storage.objects.delete",
        "storage.objects.deleteContext",
        "storage.objects.get",
        "storage.objects.list",
        "storage.objects.move",
        "storage.objects.restore",
        "storage.objects.update",
        "storage.objects.updateContext",
    ],
    "roles/storage.objectViewer": [
        "resourcemanager.projects.get",
        "resourcemanager.projects.list",
        "storage.folders.get",
        "storage.folders.list",
        "storage.managedFolders.get",
        "storage.managedFolders.list",
        "storage.objects.get",
        "storage.objects.list",
    ],
};

export interface RolePermissions {
    readonly permissions: readonly string[];
    /** false when only the risky part of the role is known (not one of {@link FULLY_LISTED_ROLES}). */
    readonly fullyKnown: boolean;
}

interface RiskyPermissionData {
    readonly riskyPermissions: readonly string[];
    readonly riskyPermissionsByRole: Readonly<Record<string, readonly number[]>>;
}

let riskyByRole: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * A predefined role's permissions that are risky on their own (none for an unknown role). Read from
 * the role data on first use; the data names each permission by its index in `riskyPermissions`.
 */
export function riskyPermissionsOfRole(role: string): readonly string[] {
    if (riskyByRole === undefined) {
        const data = readPackDataFile("gcp-role-risks.json") as RiskyPermissionData;
        const names = data.riskyPermissions;
        riskyByRole = new Map(
            Object.entries(data.riskyPermissionsByRole).map(([name, indexes]) => [
                name,
                indexes.flatMap((index) => names[index] ?? []),
            ]),
        );
    }
    return riskyByRole.get(role) ?? [];
}

/** impersonationReasonsOfRole's wording for a permission the role holds. */
const HOLDS = "holds ";

/** The permissions of a predefined role: all of them when listed above, else its risky ones. */
export function permissionsOfPredefinedRole(role: string): RolePermissions {
    const listed = FULLY_LISTED_ROLES[role];
    if (listed !== undefined) {
        return { permissions: listed, fullyKnown: true };
    }
    const impersonation = (impersonationReasonsOfRole(role) ?? []).flatMap((reason) =>
        reason.startsWith(HOLDS) ? [reason.slice(HOLDS.length)] : [],
    );
    const known = new Set([
        ...escalationPermissionsOfRole(role),
        ...impersonation,
        ...riskyPermissionsOfRole(role),
    ]);
    if (isInvokerRole(role) && !INVOKE_PERMISSIONS.some((p) => known.has(p))) {
        // The data says the role invokes, not through which API: both, to miss no call path.
        INVOKE_PERMISSIONS.forEach((p) => known.add(p));
    }
    return { permissions: [...known].sort(), fullyKnown: false };
}
