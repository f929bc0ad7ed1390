/** The public arguments of GcpFunction: plain readonly interfaces, access levels as strings. */
import type * as pulumi from "@pulumi/pulumi";
import type { GrantBase } from "../core";
import type { GcpCondition } from "./conditions";
import type { GcpFunctionShape } from "./shape";

/**
 * Access for the function's service account to one resource, compiled to one additive IAM member on
 * that resource (never a binding or policy).
 *
 * @example
 * { name: "uploads", access: "storage:read", resource: uploads.name, prefix: "incoming/" }
 */
export interface GcpGrant extends GrantBase {
    /**
     * One of: storage:read, storage:create, storage:readwrite, pubsub:publish, pubsub:consume,
     * secretmanager:read, kms:decrypt, kms:encrypt, firestore:read, firestore:readwrite, run:invoke.
     */
    readonly access: string;
    /** Storage grants only: limit the grant to objects under this prefix (an IAM Condition). */
    readonly prefix?: string;
    /** IAM Conditions, all of which must hold. Not for Pub/Sub, whose IAM takes no conditions. */
    readonly conditions?: readonly GcpCondition[];
    /**
     * `run:invoke` only: the callee's URL. It is put in the caller's environment as the ID-token
     * audience. `callee.invokeGrant(name)` fills it in.
     * @default none (no variable is added)
     */
    readonly url?: pulumi.Input<string>;
    /** `run:invoke` only: the variable that carries `url`. @default `<NAME>_URL`, e.g. `STORE_URL` */
    readonly environmentVariable?: string;
    /**
     * `run:invoke` only: the callee's ingress setting, which `callee.invokeGrant(name)` fills in, so
     * the caller is checked to have a network path to an internal-only callee. @default unknown
     */
    readonly calleeIngress?: string;
}

/** A Secret Manager secret exposed as an environment variable; the account gets secretAccessor on it. */
export interface GcpSecretEnvironmentVariable {
    /** The variable name, e.g. `API_TOKEN`. */
    readonly key: string;
    /** The secret's ID (not its full name), e.g. `secret.secretId`. */
    readonly secret: pulumi.Input<string>;
    /** A version number; pin one so a rotation reaches instances deliberately. @default "latest" */
    readonly version?: string;
}

/** An Eventarc trigger; it runs as its own service account, which may only invoke this function. */
export interface GcpEventTrigger {
    /** e.g. `google.cloud.storage.object.v1.finalized` or `google.cloud.pubsub.topic.v1.messagePublished`. */
    readonly eventType: string;
    /** Attribute filters, e.g. `[{ attribute: "bucket", value: uploads.name }]`. @default none */
    readonly eventFilters?: readonly {
        readonly attribute: string;
        readonly value: pulumi.Input<string>;
    }[];
    /** For Pub/Sub triggers: the topic ID. @default none */
    readonly pubsubTopic?: pulumi.Input<string>;
    /** `RETRY_POLICY_RETRY` or `RETRY_POLICY_DO_NOT_RETRY`. @default "RETRY_POLICY_DO_NOT_RETRY" */
    readonly retryPolicy?: string;
    /**
     * The identity Eventarc uses to call the function. By default the component creates one with
     * roles/eventarc.eventReceiver on the project and roles/run.invoker on this function only.
     * @default a new service account
     */
    readonly serviceAccountEmail?: pulumi.Input<string>;
}

/**
 * @example
 * new GcpFunction("resize", {
 *     runtime: "nodejs20",
 *     entryPoint: "resize",
 *     sourceBucket: sources.name,
 *     sourceArchive: new pulumi.asset.FileArchive("./resize"),
 *     grants: [{ name: "uploads", access: "storage:read", resource: uploads.name }],
 * });
 */
/** Direct VPC egress settings (`serviceConfig.directVpcNetworkInterfaces` and `directVpcEgress`). */
export interface GcpDirectVpc {
    /** The VPC network. Give a network, a subnetwork, or both. */
    readonly network?: pulumi.Input<string>;
    /** The subnetwork the function takes its IP addresses from. @default the network's namesake */
    readonly subnetwork?: pulumi.Input<string>;
    /** Network tags, for firewall rules. @default none */
    readonly tags?: pulumi.Input<string>[];
    /** `PRIVATE_RANGES_ONLY` or `ALL_TRAFFIC`. @default "PRIVATE_RANGES_ONLY" */
    readonly egress?: string;
}

export interface GcpFunctionArgs {
    /**
     * The function's name in GCP: a letter, then up to 62 letters, digits, hyphens or underscores.
     * @default Pulumi's auto-name: the component name (then at most 54 such characters) and a suffix
     */
    readonly functionName?: pulumi.Input<string>;
    /** @default the `gcp:project` config, else the provider's project */
    readonly project?: pulumi.Input<string>;
    /** The region, e.g. `us-central1`. @default the `gcp:region` config */
    readonly region?: string;
    readonly description?: pulumi.Input<string>;
    /** e.g. `nodejs20`, `python312`, `go122`. */
    readonly runtime: string;
    /** The exported function to run. */
    readonly entryPoint: string;
    /** The bucket holding the source archive. */
    readonly sourceBucket: pulumi.Input<string>;
    /** An object already in `sourceBucket`. Give this or `sourceArchive`. */
    readonly sourceObject?: pulumi.Input<string>;
    /** A zip the component uploads to `sourceBucket`. Give this or `sourceObject`. */
    readonly sourceArchive?: pulumi.asset.Archive;
    /** Memory per instance, e.g. `256M`, `1Gi`. @default "256M" */
    readonly memory?: string;
    /** 1-3600 seconds (at most 540 for event-driven functions). @default 60 */
    readonly timeoutSeconds?: number;
    /** @default 100 */
    readonly maxInstances?: number;
    /** Plain environment variables. Never put secrets here: use `secretEnvironment`. @default {} */
    readonly environment?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Variables read from Secret Manager; each secret gets a secretAccessor grant. @default [] */
    readonly secretEnvironment?: readonly GcpSecretEnvironmentVariable[];
    /** A Serverless VPC Access connector ID. @default none */
    readonly vpcConnector?: pulumi.Input<string>;
    /** `PRIVATE_RANGES_ONLY` or `ALL_TRAFFIC`. @default "PRIVATE_RANGES_ONLY" when a connector is set */
    readonly vpcConnectorEgress?: string;
    /**
     * Direct VPC egress: the function sends traffic into a VPC network without a connector. Not with
     * `vpcConnector`. A function that calls an internal-only function needs `egress: "ALL_TRAFFIC"`
     * here (or a connector with all traffic). @default none
     */
    readonly directVpc?: GcpDirectVpc;
    /**
     * `ALLOW_INTERNAL_ONLY`, `ALLOW_INTERNAL_AND_GCLB`, or `ALLOW_ALL` (only with `public: true`).
     * @default "ALLOW_INTERNAL_ONLY", or "ALLOW_ALL" when `public` is true
     */
    readonly ingress?: string;
    /**
     * Anyone on the internet may call the function: binds `allUsers` to roles/run.invoker on its
     * Cloud Run service. Say so only for a deliberately public endpoint.
     * @default false
     */
    readonly public?: boolean;
    /** What the function may access. @default [] */
    readonly grants?: readonly GcpGrant[];
    /** Also grant roles/monitoring.metricWriter on the project (custom metrics). @default false */
    readonly metricWriter?: boolean;
    /**
     * Also grant roles/logging.logWriter on the project, for code that writes through the Cloud
     * Logging API (client libraries). Not needed for logs written to stdout or stderr, structured
     * JSON lines included: Cloud Run functions collect those by themselves
     * (https://cloud.google.com/functions/docs/monitoring/logging). @default false
     */
    readonly logWriter?: boolean;
    /** Run as this service account instead of a new one; grants still attach to it. @default none */
    readonly existingServiceAccountEmail?: pulumi.Input<string>;
    /** The runtime account's ID when the component creates it (6-30 chars). @default derived from the name */
    readonly serviceAccountId?: string;
    /**
     * Build as this service account. By default the component creates one with only
     * roles/logging.logWriter (project), roles/storage.objectViewer (source bucket) and
     * roles/artifactregistry.writer (the repository).
     * @default a new service account
     */
    readonly buildServiceAccountEmail?: pulumi.Input<string>;
    /**
     * Artifact Registry repository for the built image, `projects/<p>/locations/<l>/repositories/<r>`.
     * @default Cloud Functions' `gcf-artifacts` repository of the region
     */
    readonly dockerRepository?: pulumi.Input<string>;
    /** An Eventarc trigger; without one the function is called over HTTP. @default none */
    readonly eventTrigger?: GcpEventTrigger;
    /** @default {} */
    readonly labels?: Readonly<Record<string, string>>;
}

/**
 * @example
 * new GcpAuditLogs("audit", { projectWide: true, functions: [ingest, store] });
 */
export interface GcpAuditLogsArgs {
    /**
     * Required, `true`: this component changes the whole project. Each service's audit config is
     * authoritative (it replaces the service's existing Data Access log types and exemptions, and
     * two stacks configuring one service overwrite each other), and Data Access logs of a service
     * cover every resource of the project (every bucket, for storage.googleapis.com), billed by
     * volume as Cloud Logging ingestion.
     */
    readonly projectWide: true;
    /**
     * Remove the audit configs when the stack is destroyed. Off by default: a destroy leaves
     * Data Access logging on (`retainOnDelete`), so tearing down one stack never turns off
     * logging the project relies on. @default false
     */
    readonly removeOnDestroy?: boolean;
    /** @default the `gcp:project` config, else the provider's project */
    readonly project?: pulumi.Input<string>;
    /** Log the services these functions use (their grants' services, Cloud Functions and Cloud Run). @default [] */
    readonly functions?: readonly GcpFunctionShape[];
    /** More services, e.g. `bigquery.googleapis.com`. @default [] */
    readonly services?: readonly string[];
}
