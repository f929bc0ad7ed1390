import * as assert from "node:assert/strict";
import { GcpFunction } from "../../../components/gcp";
import { isUnknownValue } from "../harness";
import {
    ACCOUNT,
    BUCKET_MEMBER,
    FUNCTION,
    PROJECT_MEMBER,
    REPOSITORY_MEMBER,
    RUN_MEMBER,
    archive,
    baseArgs,
    bindings,
    input,
    runGcp,
    text,
} from "./fixtures";

import { deriveAccountId } from "../../../components/gcp/identity";

/** The runtime account of `ingest` in the harness's project and stack (test/dev). */
const INGEST = deriveAccountId("ingest", "", "test/dev");

describe("GcpFunction", () => {
    it("runs the function as its own new service account, never a default account", async () => {
        const run = await runGcp(() => new GcpFunction("ingest", baseArgs()));
        const account = run.named(ACCOUNT, "ingest");
        assert.equal(account.inputs.accountId, INGEST);
        assert.match(INGEST, /^ingest-[0-9a-f]{6}$/);
        const fn = run.named(FUNCTION, "ingest");
        assert.equal(
            input(fn, "serviceConfig", "serviceAccountEmail"),
            `${INGEST}@acme-prod.iam.gserviceaccount.com`,
        );
        assert.equal(fn.inputs.location, "europe-west1");
    });

    it("builds as a separate account that holds only the build roles, scoped where possible", async () => {
        const run = await runGcp(() => new GcpFunction("ingest", baseArgs()));
        const buildEmail = text(run.named(ACCOUNT, "ingest-build").outputs.email);
        const fn = run.named(FUNCTION, "ingest");
        assert.equal(
            input(fn, "buildConfig", "serviceAccount"),
            `projects/acme-prod/serviceAccounts/${buildEmail}`,
        );
        assert.notEqual(buildEmail, input(fn, "serviceConfig", "serviceAccountEmail"));
        const buildMembers = run.resources.filter(
            (r) => r.inputs.member === `serviceAccount:${buildEmail}`,
        );
        assert.deepEqual(
            buildMembers.map((r) => [r.type, r.inputs.role]).sort(),
            [
                [REPOSITORY_MEMBER, "roles/artifactregistry.writer"],
                [PROJECT_MEMBER, "roles/logging.logWriter"],
                [BUCKET_MEMBER, "roles/storage.objectViewer"],
                [BUCKET_MEMBER, "roles/storage.objectViewer"],
            ].sort(),
        );
        assert.equal(
            run.named(BUCKET_MEMBER, "ingest-build-source-reader").inputs.bucket,
            "acme-sources",
        );
        // Gen2 builds read the source from the regional copy Cloud Functions makes.
        assert.match(
            run.named(BUCKET_MEMBER, "ingest-build-staged-source-reader").inputs.bucket as string,
            /^gcf-v2-sources-\d+-europe-west1$/,
        );
        // Its own image repository, created with the function: gcf-artifacts exists only after the
        // first deployment in a region, so a role bound on it beforehand would fail.
        const repository = run.named("gcp:artifactregistry/repository:Repository", "ingest-images");
        assert.equal(repository.inputs.format, "DOCKER");
        assert.equal(repository.inputs.location, "europe-west1");
        assert.match(repository.inputs.repositoryId as string, /^ingest-[0-9a-f]{8}$/);
        const image = run.named(REPOSITORY_MEMBER, "ingest-build-image-writer");
        assert.equal(image.inputs.repository, repository.id);
        assert.equal(input(fn, "buildConfig", "dockerRepository"), repository.id);
    });

    it("gives the runtime account no role at all by default: stdout and stderr logs need none", async () => {
        // Cloud Run functions collect what the code writes to stdout and stderr (structured JSON
        // lines too) without any role: https://cloud.google.com/functions/docs/monitoring/logging.
        const run = await runGcp(() => new GcpFunction("ingest", baseArgs()));
        const runtime = `serviceAccount:${INGEST}@acme-prod.iam.gserviceaccount.com`;
        assert.deepEqual(
            run.resources.filter((r) => r.inputs.member === runtime).map((r) => r.inputs.role),
            [],
        );
    });

    it("adds the log writer role at project level only when asked (Cloud Logging API)", async () => {
        const run = await runGcp(() => new GcpFunction("ingest", baseArgs({ logWriter: true })));
        const runtime = `serviceAccount:${INGEST}@acme-prod.iam.gserviceaccount.com`;
        const projectLevel = run.ofType(PROJECT_MEMBER).filter((r) => r.inputs.member === runtime);
        assert.deepEqual(bindings(projectLevel), [`roles/logging.logWriter ${runtime}`]);
    });

    it("adds the metric writer role only when asked", async () => {
        const run = await runGcp(() => new GcpFunction("ingest", baseArgs({ metricWriter: true })));
        assert.equal(
            run.named(PROJECT_MEMBER, "ingest-metric-writer").inputs.role,
            "roles/monitoring.metricWriter",
        );
    });

    it("is internal-only and has no public invoker by default", async () => {
        const run = await runGcp(() => new GcpFunction("ingest", baseArgs()));
        const fn = run.named(FUNCTION, "ingest");
        assert.equal(input(fn, "serviceConfig", "ingressSettings"), "ALLOW_INTERNAL_ONLY");
        assert.deepEqual(run.ofType(RUN_MEMBER), []);
        assert.equal(run.named("perimeter:index:GcpFunction", "ingest").outputs.public, false);
    });

    it("binds allUsers to run.invoker on the function's Cloud Run service when public is said", async () => {
        const run = await runGcp(() => new GcpFunction("hook", baseArgs({ public: true })));
        const fn = run.named(FUNCTION, "hook");
        assert.equal(input(fn, "serviceConfig", "ingressSettings"), "ALLOW_ALL");
        const invoker = run.named(RUN_MEMBER, "hook-public-invoker");
        assert.equal(invoker.inputs.member, "allUsers");
        assert.equal(invoker.inputs.role, "roles/run.invoker");
        assert.match(
            text(invoker.inputs.name),
            /^projects\/acme-prod\/locations\/europe-west1\/services\/hook-/,
        );
        const component = run.named("perimeter:index:GcpFunction", "hook");
        assert.equal(component.outputs.public, true);
        const members = component.outputs.iamMembers as { purpose: string; member: string }[];
        assert.ok(members.some((m) => m.purpose === "public" && m.member === "allUsers"));
    });

    it("uses an existing service account for the runtime and still attaches grants to it", async () => {
        const email = "shared-reader@acme-prod.iam.gserviceaccount.com";
        const run = await runGcp(
            () =>
                new GcpFunction(
                    "ingest",
                    baseArgs({
                        existingServiceAccountEmail: email,
                        grants: [{ name: "uploads", access: "storage:read", resource: "uploads" }],
                    }),
                ),
        );
        assert.deepEqual(
            run.ofType(ACCOUNT).map((a) => a.name),
            ["ingest-build"],
        );
        assert.equal(
            input(run.named(FUNCTION, "ingest"), "serviceConfig", "serviceAccountEmail"),
            email,
        );
        assert.equal(
            run.named(BUCKET_MEMBER, "ingest-grant-uploads").inputs.member,
            `serviceAccount:${email}`,
        );
    });

    it("uses a given build account and creates no build roles for it", async () => {
        const build = "builder@acme-prod.iam.gserviceaccount.com";
        const run = await runGcp(
            () => new GcpFunction("ingest", baseArgs({ buildServiceAccountEmail: build })),
        );
        assert.equal(
            input(run.named(FUNCTION, "ingest"), "buildConfig", "serviceAccount"),
            `projects/acme-prod/serviceAccounts/${build}`,
        );
        assert.deepEqual(
            run.resources.filter(
                (r) => typeof r.inputs.member === "string" && r.inputs.member.includes(build),
            ),
            [],
        );
    });

    it("uploads a source archive to the source bucket and builds from that object", async () => {
        const run = await runGcp(
            () =>
                new GcpFunction(
                    "ingest",
                    baseArgs({ sourceObject: undefined, sourceArchive: archive() }),
                ),
        );
        const object = run.named("gcp:storage/bucketObject:BucketObject", "ingest-source");
        assert.equal(object.inputs.bucket, "acme-sources");
        const fn = run.named(FUNCTION, "ingest");
        assert.equal(input(fn, "buildConfig", "source", "storageSource", "bucket"), "acme-sources");
        assert.ok(fn.dependencies.includes(object.urn));
    });

    it("passes runtime settings through and reads secrets from Secret Manager", async () => {
        const run = await runGcp(
            () =>
                new GcpFunction(
                    "ingest",
                    baseArgs({
                        memory: "512M",
                        timeoutSeconds: 120,
                        environment: { MODE: "strict" },
                        secretEnvironment: [
                            { key: "API_TOKEN", secret: "api-token", version: "3" },
                        ],
                        vpcConnector: "projects/acme-prod/locations/europe-west1/connectors/calls",
                        vpcConnectorEgress: "ALL_TRAFFIC",
                    }),
                ),
        );
        const config = input(run.named(FUNCTION, "ingest"), "serviceConfig") as Record<
            string,
            unknown
        >;
        assert.equal(config.availableMemory, "512M");
        assert.equal(config.timeoutSeconds, 120);
        assert.deepEqual(config.environmentVariables, { MODE: "strict" });
        assert.deepEqual(config.secretEnvironmentVariables, [
            { key: "API_TOKEN", secret: "api-token", version: "3", projectId: "acme-prod" },
        ]);
        assert.equal(config.vpcConnectorEgressSettings, "ALL_TRAFFIC");
        const accessor = run.named(
            "gcp:secretmanager/secretIamMember:SecretIamMember",
            "ingest-secret-api-token",
        );
        assert.deepEqual(
            [accessor.inputs.secretId, accessor.inputs.role, accessor.inputs.member],
            [
                "api-token",
                "roles/secretmanager.secretAccessor",
                `serviceAccount:${INGEST}@acme-prod.iam.gserviceaccount.com`,
            ],
        );
    });

    it("does not create the function before its grants exist", async () => {
        const run = await runGcp(
            () =>
                new GcpFunction(
                    "ingest",
                    baseArgs({
                        grants: [
                            {
                                name: "out",
                                access: "pubsub:publish",
                                resource: "projects/acme-prod/topics/out",
                            },
                        ],
                    }),
                ),
        );
        const fn = run.named(FUNCTION, "ingest");
        for (const name of ["ingest-grant-out", "ingest-build-log-writer"]) {
            const member = run.resources.find((r) => r.name === name);
            assert.ok(member && fn.dependencies.includes(member.urn), `${name} is a dependency`);
        }
    });

    it("delivers events as a trigger account that may invoke only this function", async () => {
        const run = await runGcp(
            () =>
                new GcpFunction(
                    "ingest",
                    baseArgs({
                        eventTrigger: {
                            eventType: "google.cloud.storage.object.v1.finalized",
                            eventFilters: [{ attribute: "bucket", value: "uploads" }],
                        },
                    }),
                ),
        );
        const trigger = text(run.named(ACCOUNT, "ingest-trigger").outputs.email);
        const fn = run.named(FUNCTION, "ingest");
        assert.equal(input(fn, "eventTrigger", "serviceAccountEmail"), trigger);
        const members = run.resources.filter(
            (r) => r.inputs.member === `serviceAccount:${trigger}`,
        );
        assert.deepEqual(members.map((m) => m.inputs.role).sort(), [
            "roles/eventarc.eventReceiver",
            "roles/run.invoker",
        ]);
        const invoker = run.named(RUN_MEMBER, "ingest-trigger-invoker");
        assert.equal(
            invoker.inputs.name,
            (fn.outputs.serviceConfig as Record<string, unknown>).service,
        );
    });

    it("keeps every child name when grants are reordered", async () => {
        const grants = [
            { name: "uploads", access: "storage:read", resource: "uploads" },
            {
                name: "events",
                access: "pubsub:publish",
                resource: "projects/acme-prod/topics/events",
            },
            {
                name: "token",
                access: "secretmanager:read",
                resource: "projects/acme-prod/secrets/token",
            },
        ];
        const urns = async (list: typeof grants): Promise<string[]> =>
            (await runGcp(() => new GcpFunction("ingest", baseArgs({ grants: list })))).resources
                .map((r) => r.urn)
                .sort();
        assert.deepEqual(await urns(grants), await urns([...grants].reverse()));
    });

    it("leaves computed values unknown in preview and still records roles and ingress", async () => {
        const run = await runGcp(
            () =>
                new GcpFunction(
                    "ingest",
                    baseArgs({
                        grants: [{ name: "uploads", access: "storage:read", resource: "uploads" }],
                    }),
                ),
            { preview: true },
        );
        const member = run.named(BUCKET_MEMBER, "ingest-grant-uploads");
        assert.equal(member.inputs.role, "roles/storage.objectViewer");
        assert.ok(isUnknownValue(member.inputs.member));
        const account = run.named(ACCOUNT, "ingest");
        assert.deepEqual(member.propertyDependencies.member, [account.urn]);
        const fn = run.named(FUNCTION, "ingest");
        assert.equal(input(fn, "serviceConfig", "ingressSettings"), "ALLOW_INTERNAL_ONLY");
        assert.ok(isUnknownValue(input(fn, "serviceConfig", "serviceAccountEmail") as never));
    });
});

describe("GcpFunction labels", () => {
    it("labels every labelable child with the function it belongs to, merged with the user's labels", async () => {
        const run = await runGcp(
            () =>
                new GcpFunction(
                    "Ingest.API",
                    baseArgs({
                        // A dot is not allowed in a function name: name it explicitly.
                        functionName: "ingest-api",
                        sourceObject: undefined,
                        sourceArchive: archive(),
                        labels: { team: "orders" },
                    }),
                ),
        );
        const fn = run.named(FUNCTION, "Ingest.API");
        assert.deepEqual(fn.inputs.labels, { "perimeter-function": "ingest-api", team: "orders" });
        assert.deepEqual(
            run.named("gcp:artifactregistry/repository:Repository", "Ingest.API-images").inputs
                .labels,
            { "perimeter-function": "ingest-api" },
        );
        assert.deepEqual(
            run.named("gcp:storage/bucketObject:BucketObject", "Ingest.API-source").inputs.metadata,
            { "perimeter-function": "Ingest.API" },
        );
    });
});
