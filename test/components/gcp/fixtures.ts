/** Shared arguments and helpers for the GcpFunction tests. */
import * as pulumi from "@pulumi/pulumi";
import type { GcpFunctionArgs } from "../../../components/gcp";
import { type Recorded, type RecordedResource, type RunOptions, runComponents } from "../harness";

export const CONFIG = { "gcp:project": "acme-prod", "gcp:region": "europe-west1" };

export const FUNCTION = "gcp:cloudfunctionsv2/function:Function";
export const ACCOUNT = "gcp:serviceaccount/account:Account";
export const PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";
export const BUCKET_MEMBER = "gcp:storage/bucketIAMMember:BucketIAMMember";
export const TOPIC_MEMBER = "gcp:pubsub/topicIAMMember:TopicIAMMember";
export const SUBSCRIPTION_MEMBER = "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember";
export const SECRET_MEMBER = "gcp:secretmanager/secretIamMember:SecretIamMember";
export const KEY_MEMBER = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";
export const RUN_MEMBER = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";
export const REPOSITORY_MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";

/** The smallest valid function: an object already in a bucket. */
export function baseArgs(extra: Partial<GcpFunctionArgs> = {}): GcpFunctionArgs {
    return {
        runtime: "nodejs20",
        entryPoint: "handler",
        sourceBucket: "acme-sources",
        sourceObject: "ingest.zip",
        ...extra,
    };
}

export const archive = (): pulumi.asset.AssetArchive =>
    new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = () => {};\n"),
    });

/** A nested input, e.g. `input(fn, "serviceConfig", "ingressSettings")`. */
export function input(resource: RecordedResource, ...path: string[]): unknown {
    let value: unknown = resource.inputs;
    for (const key of path) {
        value = (value as Record<string, unknown> | undefined)?.[key];
    }
    return value;
}

/** role → member pairs of recorded IAM members, for compact assertions. */
export function bindings(resources: readonly RecordedResource[]): string[] {
    return resources.map((r) => `${text(r.inputs.role)} ${text(r.inputs.member)}`);
}

/** runComponents with the GCP project and region of the tests. */
export async function runGcp(
    program: () => unknown,
    options: RunOptions = {},
    config: Readonly<Record<string, string>> = CONFIG,
): Promise<Recorded> {
    return runComponents(program, { ...options, config });
}

/** A recorded value that must be a string (an email, a name), for building expectations. */
export function text(value: unknown): string {
    if (typeof value !== "string") {
        throw new Error(`expected a string, got ${JSON.stringify(value)}`);
    }
    return value;
}
