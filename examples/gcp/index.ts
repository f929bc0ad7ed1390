// Perimeter's Google Cloud starter: a file uploaded under `incoming/` triggers `ingest`, which reads
// it (storage:read, limited to that prefix by an IAM Condition) and publishes to a topic; `worker`
// drains the topic's subscription (pubsub:consume) and calls `store` over HTTP (run:invoke), which
// writes under `processed/`. Each function runs as its own service account and builds as another;
// Data Access audit logs record what they read and write.
//
// `perimeter preview examples/gcp` runs it offline with the policy pack: no findings. With
// `--config scenario=unsafe` it adds the mistakes the pack exists to catch.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GcpAuditLogs, GcpFunction } from "perimeter/gcp";

const config = new pulumi.Config();
const unsafe = config.get("scenario") === "unsafe";
const gcpConfig = new pulumi.Config("gcp");
// The provider's own settings (`pulumi config set gcp:project ...`), as the provider would read them.
const project = gcpConfig.get("project") ?? gcp.organizations.getClientConfigOutput().project;
const region = gcpConfig.get("region") ?? "us-central1";

// Uniform bucket-level access: object access is decided by IAM alone, so conditions apply.
const bucketSettings = {
    location: region.toUpperCase(),
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
};
const sources = new gcp.storage.Bucket("sources", { ...bucketSettings, forceDestroy: true });
const uploads = new gcp.storage.Bucket("uploads", bucketSettings);
const events = new gcp.pubsub.Topic("events");
const work = new gcp.pubsub.Subscription("work", { topic: events.id, ackDeadlineSeconds: 60 });

// Built images go to this repository; the build accounts may write here and nowhere else.
const images = new gcp.artifactregistry.Repository("images", {
    location: region,
    repositoryId: "perimeter-functions",
    format: "DOCKER",
});

// Cloud Storage delivers upload events through Pub/Sub as its service agent.
const storageAgent = gcp.storage.getProjectServiceAccountOutput({ project });
new gcp.projects.IAMMember("storage-agent-publishes-events", {
    project,
    role: "roles/pubsub.publisher",
    member: storageAgent.member,
});

// `store` only accepts internal traffic; `worker` reaches it through this connector.
const connector = new gcp.vpcaccess.Connector("calls", {
    region,
    network: "default",
    ipCidrRange: "10.8.0.0/28",
    minInstances: 2,
    maxInstances: 3,
});

const common = {
    region,
    runtime: "nodejs20",
    sourceBucket: sources.name,
    dockerRepository: images.id,
};

const store = new GcpFunction("store", {
    ...common,
    entryPoint: "store",
    sourceArchive: new pulumi.asset.FileArchive("./functions/store"),
    environment: { UPLOADS_BUCKET: uploads.name },
    grants: [
        {
            name: "processed",
            access: "storage:create",
            resource: uploads.name,
            prefix: "processed/",
        },
    ],
});

const ingest = new GcpFunction("ingest", {
    ...common,
    entryPoint: "ingest",
    sourceArchive: new pulumi.asset.FileArchive("./functions/ingest"),
    environment: { EVENTS_TOPIC: events.name },
    eventTrigger: {
        eventType: "google.cloud.storage.object.v1.finalized",
        eventFilters: [{ attribute: "bucket", value: uploads.name }],
        retryPolicy: "RETRY_POLICY_RETRY",
    },
    grants: [
        { name: "incoming", access: "storage:read", resource: uploads.name, prefix: "incoming/" },
        { name: "events", access: "pubsub:publish", resource: events.id },
    ],
});

const worker = new GcpFunction("worker", {
    ...common,
    entryPoint: "worker",
    sourceArchive: new pulumi.asset.FileArchive("./functions/worker"),
    timeoutSeconds: 300,
    environment: { WORK_SUBSCRIPTION: work.name },
    vpcConnector: connector.id,
    vpcConnectorEgress: "ALL_TRAFFIC",
    // run:invoke on store's Cloud Run service, and STORE_URL (the ID-token audience) in the environment.
    grants: [
        { name: "work", access: "pubsub:consume", resource: work.id },
        store.invokeGrant("store"),
    ],
});

new GcpAuditLogs("audit", { projectWide: true, functions: [ingest, worker, store] });

if (unsafe) {
    addUnsafeResources();
}

/** The mistakes GcpFunction refuses to make, written by hand, for the policy pack to report. */
function addUnsafeResources(): void {
    // A function with no service account of its own: it runs and builds as the default compute account.
    new gcp.cloudfunctionsv2.Function("legacy", {
        location: region,
        buildConfig: {
            runtime: "nodejs20",
            entryPoint: "store",
            source: { storageSource: { bucket: sources.name, object: "store.zip" } },
        },
        serviceConfig: { ingressSettings: "ALLOW_ALL" },
    });
    // Anyone on the internet may call store.
    new gcp.cloudrunv2.ServiceIamMember("store-everyone", {
        name: store.serviceName,
        role: "roles/run.invoker",
        member: "allUsers",
    });
    // A basic role at project level for the worker's identity.
    new gcp.projects.IAMMember("worker-editor", {
        project,
        role: "roles/editor",
        member: worker.serviceAccountMember,
    });
    // A long-lived key for the ingest identity.
    new gcp.serviceaccount.Key("ingest-key", {
        serviceAccountId: ingest.serviceAccountEmail,
    });
}

export const uploadBucket = uploads.name;
export const storeUrl = store.url;
export const identities = {
    ingest: ingest.serviceAccountEmail,
    worker: worker.serviceAccountEmail,
    store: store.serviceAccountEmail,
};
export const iamMembers = {
    ingest: ingest.iamMembers,
    worker: worker.iamMembers,
    store: store.iamMembers,
};
