/**
 * Every GCP access level, one reviewed table per service, and what each kind of target can carry.
 * Pure data: nothing here loads @pulumi/gcp.
 */
import { firestoreAccess } from "./firestore";
import { kmsAccess } from "./kms";
import { pubsubAccess } from "./pubsub";
import { runAccess } from "./run";
import { secretManagerAccess } from "./secretmanager";
import { storageAccess } from "./storage";
import type { GcpAccessEntry, GcpTargetKind } from "./types";

export type { GcpAccessEntry, GcpTargetKind } from "./types";

export const GCP_ACCESS_TABLE: readonly GcpAccessEntry[] = [
    ...storageAccess,
    ...pubsubAccess,
    ...secretManagerAccess,
    ...kmsAccess,
    ...firestoreAccess,
    ...runAccess,
];

export const GCP_ACCESS_LEVELS: readonly string[] = GCP_ACCESS_TABLE.map((e) => e.access);

export function gcpAccessEntry(access: string): GcpAccessEntry | undefined {
    return GCP_ACCESS_TABLE.find((e) => e.access === access);
}

export interface GcpTargetInfo {
    /** The Pulumi type token of the additive IAM member the grant compiles to. */
    readonly memberType: string;
    /**
     * Whether the target's allow policy accepts conditional role bindings. Source: "Resource types
     * that accept conditional role bindings" (cloud.google.com/iam/docs/resource-types-with-conditional-roles):
     * Cloud Storage buckets (uniform bucket-level access), Secret Manager secrets, Cloud KMS crypto
     * keys, Cloud Run services and projects accept them; Pub/Sub topics and subscriptions do not.
     */
    readonly acceptsConditions: boolean;
    /** The service whose Data Access audit logs record the access. */
    readonly auditService: string;
    /** How the target is named in messages. */
    readonly noun: string;
}

export const GCP_TARGETS: Readonly<Record<GcpTargetKind, GcpTargetInfo>> = {
    bucket: {
        memberType: "gcp:storage/bucketIAMMember:BucketIAMMember",
        acceptsConditions: true,
        auditService: "storage.googleapis.com",
        noun: "Cloud Storage bucket",
    },
    topic: {
        memberType: "gcp:pubsub/topicIAMMember:TopicIAMMember",
        acceptsConditions: false,
        auditService: "pubsub.googleapis.com",
        noun: "Pub/Sub topic",
    },
    subscription: {
        memberType: "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember",
        acceptsConditions: false,
        auditService: "pubsub.googleapis.com",
        noun: "Pub/Sub subscription",
    },
    secret: {
        memberType: "gcp:secretmanager/secretIamMember:SecretIamMember",
        acceptsConditions: true,
        auditService: "secretmanager.googleapis.com",
        noun: "Secret Manager secret",
    },
    cryptoKey: {
        memberType: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
        acceptsConditions: true,
        auditService: "cloudkms.googleapis.com",
        noun: "Cloud KMS crypto key",
    },
    runService: {
        memberType: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
        acceptsConditions: true,
        auditService: "run.googleapis.com",
        noun: "Cloud Run service",
    },
    firestoreDatabase: {
        memberType: "gcp:projects/iAMMember:IAMMember",
        acceptsConditions: true,
        auditService: "datastore.googleapis.com",
        noun: "Firestore database",
    },
};
