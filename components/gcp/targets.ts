/**
 * What a grant's `resource` may be, per target kind: the forms the IAM member resources of the
 * Google provider take (a short ID, or the resource's full name as its `.id` gives it), never a
 * wildcard. Checked on literals before anything is created (validate.ts) and on Outputs once they
 * resolve (plan.ts), with the same message.
 *
 * A short ID of one kind can look like another (a bucket named `uploads` is also a valid topic ID):
 * pass full names (`topic.id`, `secret.id`, `key.id`) to have the kind checked too.
 */
import { shown } from "../core";
import type { GcpAccessEntry, GcpTargetKind } from "./grants";

const SEGMENT = "[^/*\\s]+";

/**
 * Cloud Storage bucket names: lower-case letters, digits, `-`, `_` and `.`, starting and ending with a
 * letter or digit (https://cloud.google.com/storage/docs/buckets#naming).
 */
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;
/**
 * Pub/Sub topic and subscription IDs: start with a letter, 3-255 letters, digits and `-_.~+%`
 * (https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names).
 */
const PUBSUB_ID = "[A-Za-z][A-Za-z0-9._~+%-]{2,254}";

const FORMS: Readonly<Record<GcpTargetKind, RegExp>> = {
    bucket: BUCKET,
    topic: new RegExp(`^(projects/${SEGMENT}/topics/)?${PUBSUB_ID}$`),
    subscription: new RegExp(`^(projects/${SEGMENT}/subscriptions/)?${PUBSUB_ID}$`),
    secret: new RegExp(`^(projects/${SEGMENT}/secrets/)?[A-Za-z0-9_-]{1,255}$`),
    cryptoKey: new RegExp(
        `^(projects/${SEGMENT}/locations/${SEGMENT}/keyRings/${SEGMENT}/cryptoKeys/${SEGMENT}` +
            `|(${SEGMENT}/){2,3}${SEGMENT})$`,
    ),
    runService: new RegExp(
        `^(projects/${SEGMENT}/locations/${SEGMENT}/services/)?[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`,
    ),
    firestoreDatabase: new RegExp(
        `^(projects/${SEGMENT}/databases/)?(\\(default\\)|[a-z][a-z0-9-]{2,62})$`,
    ),
};

/** Why `value` cannot be the resource of a grant of `entry`; undefined when it can. */
export function gcpTargetProblem(entry: GcpAccessEntry, value: string): string | undefined {
    if (value.includes("*")) {
        return `${shown(value)} is a wildcard; a grant names one resource: ${entry.resourceHint}`;
    }
    return FORMS[entry.target].test(value)
        ? undefined
        : `${shown(value)} is not ${entry.resourceHint}`;
}
