/**
 * Every GCP access level against the predefined role it binds: the role grants every permission of
 * every operation the level names (Google's references, cited on each operation in
 * components/gcp/grants/operations.ts), checked against ../shared/data/gcp-predefined-roles.json; what
 * else the role grants is the level's excess, pinned here so it only changes on purpose. Narrower
 * predefined roles of the same service that would also do the job are pinned too, each with the reason
 * it is not used.
 */
import { strict as assert } from "assert";
import { GCP_ACCESS_TABLE } from "../../../components/gcp/grants";
import { gcpPredefinedRoles } from "../../../scripts/gcp-predefined-roles";
import { gcpLevelCoverage, gcpRolePermissions } from "../../../scripts/gcp-role-coverage";

const PROJECTS = ["resourcemanager.projects.get", "resourcemanager.projects.list"];
const FOLDERS_READ = [
    "storage.folders.get",
    "storage.folders.list",
    "storage.managedFolders.get",
    "storage.managedFolders.list",
];

/** The excess of each level: permissions its role grants that no operation of the level needs. */
const EXCESS: Readonly<Record<string, readonly string[]>> = {
    "storage:read": [...PROJECTS, ...FOLDERS_READ],
    "storage:get": [],
    "storage:create": [
        "orgpolicy.policy.get",
        ...PROJECTS,
        "storage.folders.create",
        "storage.managedFolders.create",
        // XML API multipart uploads: not verified against Google's XML permission table.
        "storage.multipartUploads.abort",
        "storage.multipartUploads.create",
        "storage.multipartUploads.listParts",
        "storage.objects.createContext",
    ],
    "storage:readwrite": [
        "monitoring.timeSeries.create",
        "orgpolicy.policy.get",
        ...PROJECTS,
        "storage.folders.create",
        "storage.folders.delete",
        ...FOLDERS_READ.slice(0, 2),
        "storage.folders.rename",
        "storage.managedFolders.create",
        "storage.managedFolders.delete",
        ...FOLDERS_READ.slice(2),
        "storage.multipartUploads.abort",
        "storage.multipartUploads.create",
        "storage.multipartUploads.list",
        "storage.multipartUploads.listParts",
        "storage.objects.createContext",
        "storage.objects.deleteContext",
        "storage.objects.move",
        "storage.objects.restore",
        "storage.objects.updateContext",
    ],
    "pubsub:publish": [],
    "pubsub:consume": ["pubsub.snapshots.seek", "pubsub.topics.attachSubscription"],
    "secretmanager:read": PROJECTS,
    "kms:decrypt": ["cloudkms.locations.get", "cloudkms.locations.list", PROJECTS[0] ?? ""],
    "kms:encrypt": ["cloudkms.locations.get", "cloudkms.locations.list", PROJECTS[0] ?? ""],
    "firestore:read": [
        "appengine.applications.get",
        "databasesconsole.locations.get",
        "databasesconsole.locations.list",
        "databasesconsole.studioQueries.search",
        "datastore.databases.getMetadata",
        "datastore.databases.list",
        "datastore.insights.get",
        "datastore.namespaces.get",
        "datastore.namespaces.list",
        "datastore.schemas.get",
        "datastore.schemas.list",
        "datastore.statistics.get",
        "datastore.statistics.list",
        ...PROJECTS,
    ],
    "firestore:readwrite": [
        "appengine.applications.get",
        "databasesconsole.locations.get",
        "databasesconsole.locations.list",
        "databasesconsole.studioQueries.create",
        "databasesconsole.studioQueries.delete",
        "databasesconsole.studioQueries.search",
        "databasesconsole.studioQueries.update",
        "datastore.databases.getMetadata",
        "datastore.databases.list",
        "datastore.entities.allocateIds",
        "datastore.namespaces.get",
        "datastore.namespaces.list",
        "datastore.schemas.list",
        "datastore.statistics.get",
        "datastore.statistics.list",
        ...PROJECTS,
    ],
    // Bound on the function's Cloud Run service, where run.jobs.run has nothing to act on.
    "run:invoke": ["run.instances.invoke", "run.jobs.run"],
};

/**
 * Predefined roles of the level's own service that hold every needed permission with fewer
 * permissions than the role bound, and why each is not used.
 */
const NARROWER_NOT_USED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    "storage:read": {
        // Beta roles made for Cloud Storage's own services (Express mode, annotations).
        "roles/storage.annotationGeneratorService": "beta, for the annotation generator service",
        "roles/storage.expressModeServiceOutput": "beta, for Express mode's service",
    },
    "storage:create": {
        "roles/storage.expressModeServiceInput": "beta, for Express mode's service",
    },
    "storage:readwrite": {
        "roles/storage.expressModeUserAccess": "beta, Express mode buckets only",
    },
    "run:invoke": {
        // Cloud Run Service Invoker holds run.routes.invoke alone, but Google's role page lists no
        // resource below the project where it can be granted (Cloud Run Invoker lists the service
        // and the job): binding it would widen the grant from one service to the whole project.
        "roles/run.servicesInvoker": "no documented service-level grant",
    },
};

/** The service a role belongs to, as its name says: `roles/storage.objectViewer` → `storage`. */
function serviceOf(role: string): string {
    return role.replace(/^roles\//, "").split(".")[0] ?? "";
}

describe("GCP access levels against their roles", function () {
    it("has an excess entry for every level and none for a level that does not exist", () => {
        assert.deepEqual(Object.keys(EXCESS).sort(), GCP_ACCESS_TABLE.map((e) => e.access).sort());
    });

    for (const entry of GCP_ACCESS_TABLE) {
        describe(entry.access, () => {
            const coverage = gcpLevelCoverage(entry);

            it("names at least one job, each with its needs and a Google source", () => {
                assert.ok(entry.operations.length > 0);
                for (const op of entry.operations) {
                    assert.ok(op.needs.length > 0, op.job);
                    assert.match(op.source, /^https:\/\/cloud\.google\.com\//, op.job);
                }
            });

            it(`${entry.role} grants every permission its jobs need`, () => {
                assert.deepEqual(coverage.uncovered, []);
            });

            it("grants exactly the pinned excess besides", () => {
                assert.deepEqual(coverage.excess, [...(EXCESS[entry.access] ?? [])].sort());
            });

            it("binds the narrowest usable predefined role of its service", () => {
                const bound = gcpRolePermissions(entry.role).length;
                const narrower = [...gcpPredefinedRoles().values()]
                    .filter(
                        (r) =>
                            serviceOf(r.name) === serviceOf(entry.role) &&
                            r.stage !== "DEPRECATED" &&
                            r.permissionsUnavailable !== true &&
                            r.permissions.length < bound &&
                            coverage.needed.every((p) => r.permissions.includes(p)),
                    )
                    .map((r) => r.name)
                    .sort();
                assert.deepEqual(
                    narrower,
                    Object.keys(NARROWER_NOT_USED[entry.access] ?? {}).sort(),
                );
            });
        });
    }

    it("finds an uncovered job and an excess permission when a role does not fit", () => {
        const entry = GCP_ACCESS_TABLE.find((e) => e.access === "storage:get");
        assert.ok(entry);
        const wrong = gcpLevelCoverage({ ...entry, role: "roles/storage.objectCreator" });
        assert.deepEqual(wrong.uncovered, [entry.operations[0]?.job]);
        assert.ok(wrong.excess.includes("storage.objects.create"));
    });
});
