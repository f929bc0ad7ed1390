import * as assert from "node:assert/strict";
import { gcpPredefinedRoles } from "../../../scripts/gcp-predefined-roles";
import {
    GCP_ACCESS_TABLE,
    GCP_TARGETS,
    GcpConditions,
    GcpFunction,
    type GcpGrant,
} from "../../../components/gcp";
import {
    BUCKET_MEMBER,
    FUNCTION,
    KEY_MEMBER,
    PROJECT_MEMBER,
    RUN_MEMBER,
    SECRET_MEMBER,
    SUBSCRIPTION_MEMBER,
    TOPIC_MEMBER,
    baseArgs,
    input,
    runGcp,
} from "./fixtures";

import { deriveAccountId } from "../../../components/gcp/identity";

/** The runtime account of `ingest` in the harness's project and stack (test/dev). */
const INGEST = deriveAccountId("ingest", "", "test/dev");

const RUNTIME = `serviceAccount:${INGEST}@acme-prod.iam.gserviceaccount.com`;

async function grantMember(
    grant: GcpGrant,
): Promise<{ type: string; inputs: Record<string, unknown> }> {
    const run = await runGcp(() => new GcpFunction("ingest", baseArgs({ grants: [grant] })));
    const member = run.resources.find((r) => r.name === `ingest-grant-${grant.name}`);
    assert.ok(member, `a member for grant ${grant.name}`);
    return member;
}

describe("GCP grants", () => {
    const cases: [string, string, string, string, Record<string, string>][] = [
        [
            "storage:read",
            BUCKET_MEMBER,
            "roles/storage.objectViewer",
            "uploads",
            { bucket: "uploads" },
        ],
        [
            // The narrowest reader: storage.objects.get alone, no listing.
            "storage:get",
            BUCKET_MEMBER,
            "roles/storage.legacyObjectReader",
            "uploads",
            { bucket: "uploads" },
        ],
        [
            "storage:create",
            BUCKET_MEMBER,
            "roles/storage.objectCreator",
            "uploads",
            { bucket: "uploads" },
        ],
        [
            "storage:readwrite",
            BUCKET_MEMBER,
            "roles/storage.objectUser",
            "uploads",
            { bucket: "uploads" },
        ],
        [
            "pubsub:publish",
            TOPIC_MEMBER,
            "roles/pubsub.publisher",
            "projects/p/topics/events",
            { topic: "projects/p/topics/events" },
        ],
        [
            "pubsub:consume",
            SUBSCRIPTION_MEMBER,
            "roles/pubsub.subscriber",
            "projects/p/subscriptions/work",
            { subscription: "projects/p/subscriptions/work" },
        ],
        [
            "secretmanager:read",
            SECRET_MEMBER,
            "roles/secretmanager.secretAccessor",
            "projects/p/secrets/s",
            { secretId: "projects/p/secrets/s" },
        ],
        [
            "kms:decrypt",
            KEY_MEMBER,
            "roles/cloudkms.cryptoKeyDecrypter",
            "projects/p/locations/l/keyRings/r/cryptoKeys/k",
            { cryptoKeyId: "projects/p/locations/l/keyRings/r/cryptoKeys/k" },
        ],
        [
            "kms:encrypt",
            KEY_MEMBER,
            "roles/cloudkms.cryptoKeyEncrypter",
            "projects/p/locations/l/keyRings/r/cryptoKeys/k",
            { cryptoKeyId: "projects/p/locations/l/keyRings/r/cryptoKeys/k" },
        ],
        [
            "run:invoke",
            RUN_MEMBER,
            "roles/run.invoker",
            "projects/p/locations/l/services/store",
            { name: "projects/p/locations/l/services/store" },
        ],
    ];
    for (const [access, type, role, resource, target] of cases) {
        it(`compiles ${access} to ${role} as an additive member on the resource itself`, async () => {
            const member = await grantMember({ name: "target", access, resource });
            assert.equal(member.type, type);
            assert.equal(member.inputs.role, role);
            assert.equal(member.inputs.member, RUNTIME);
            for (const [key, value] of Object.entries(target)) {
                assert.equal(member.inputs[key], value);
            }
        });
    }

    it("binds firestore access at project level, limited to the database by a condition", async () => {
        for (const [access, role] of [
            ["firestore:read", "roles/datastore.viewer"],
            ["firestore:readwrite", "roles/datastore.user"],
        ]) {
            const member = await grantMember({
                name: "orders",
                access: access!,
                resource: "orders",
            });
            assert.equal(member.type, PROJECT_MEMBER);
            assert.equal(member.inputs.role, role);
            assert.equal(member.inputs.project, "acme-prod");
            const condition = member.inputs.condition as Record<string, string>;
            assert.equal(
                condition.expression,
                'resource.name == "projects/acme-prod/databases/orders"',
            );
            assert.ok(condition.title);
        }
    });

    it("limits a storage grant to an object prefix with resource.name.startsWith", async () => {
        const member = await grantMember({
            name: "incoming",
            access: "storage:read",
            resource: "uploads",
            prefix: "incoming/",
        });
        const condition = member.inputs.condition as Record<string, string>;
        assert.equal(
            condition.expression,
            'resource.name.startsWith("projects/_/buckets/uploads/objects/incoming/")',
        );
        assert.equal(condition.title, "Objects under incoming/");
    });

    it("joins several conditions into one, all of which must hold", async () => {
        const member = await grantMember({
            name: "token",
            access: "secretmanager:read",
            resource: "projects/p/secrets/token",
            conditions: [
                GcpConditions.expiresAt("2030-01-01T00:00:00Z"),
                GcpConditions.raw(
                    "Only v1",
                    'resource.name.endsWith("/versions/1")',
                    "First version only.",
                ),
            ],
        });
        const condition = member.inputs.condition as Record<string, string>;
        assert.equal(
            condition.expression,
            '(request.time < timestamp("2030-01-01T00:00:00.000Z")) && (resource.name.endsWith("/versions/1"))',
        );
        assert.equal(condition.title, "Expires 2030-01-01T00:00:00.000Z and Only v1");
    });

    it("puts a callee's URL in the caller's environment as the ID-token audience", async () => {
        const run = await runGcp(() => {
            const store = new GcpFunction("store", baseArgs());
            new GcpFunction(
                "ingest",
                baseArgs({
                    // The callee is internal-only: the caller reaches it through the VPC.
                    vpcConnector: "projects/acme-prod/locations/europe-west1/connectors/calls",
                    vpcConnectorEgress: "ALL_TRAFFIC",
                    grants: [store.invokeGrant("store")],
                }),
            );
        });
        const store = run.named(FUNCTION, "store");
        const ingest = run.named(FUNCTION, "ingest");
        assert.deepEqual(input(ingest, "serviceConfig", "environmentVariables"), {
            STORE_URL: store.outputs.url,
        });
        const invoker = run.named(RUN_MEMBER, "ingest-grant-store");
        assert.equal(
            invoker.inputs.name,
            (store.outputs.serviceConfig as Record<string, unknown>).service,
        );
        assert.ok(
            !run.resources.some((r) => r.type.startsWith("gcp:cloudfunctionsv2/functionIam")),
        );
    });

    it("never creates an authoritative binding or policy", async () => {
        const run = await runGcp(
            () =>
                new GcpFunction(
                    "ingest",
                    baseArgs({
                        public: true,
                        metricWriter: true,
                        grants: cases.map(([access, , , resource], i) => ({
                            name: `g${i}`,
                            access,
                            resource,
                        })),
                    }),
                ),
        );
        assert.deepEqual(
            run.resources.filter(
                (r) => /(Binding|Policy):/.test(r.type) || /(Binding|Policy)$/.test(r.type),
            ),
            [],
        );
    });

    it("uses only predefined roles that exist, with the permissions the table documents", () => {
        const roles = gcpPredefinedRoles();
        for (const entry of GCP_ACCESS_TABLE) {
            const role = roles.get(entry.role);
            assert.ok(role, `${entry.role} exists`);
            assert.notEqual(role.stage, "DEPRECATED", entry.role);
            assert.deepEqual(
                [...entry.permissions],
                role.permissions,
                `${entry.access} permissions`,
            );
        }
        for (const extra of [
            "roles/logging.logWriter",
            "roles/monitoring.metricWriter",
            "roles/artifactregistry.writer",
            "roles/eventarc.eventReceiver",
        ]) {
            assert.ok(roles.has(extra), `${extra} exists`);
        }
    });

    it("has one access table entry per access level and a member type for every target", () => {
        const levels = GCP_ACCESS_TABLE.map((e) => e.access);
        assert.equal(new Set(levels).size, levels.length);
        for (const entry of GCP_ACCESS_TABLE) {
            assert.ok(GCP_TARGETS[entry.target].memberType.endsWith("Member"), entry.access);
            assert.doesNotMatch(entry.role, /^roles\/(owner|editor|viewer)$/);
        }
    });
});
