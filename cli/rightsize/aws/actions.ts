/**
 * The IAM action a CloudTrail event needs. For most APIs the action is the event's name under the
 * service prefix of its `eventSource` (`kms.amazonaws.com` `Decrypt` → `kms:Decrypt`), checked against
 * the pack's action index (policypack/lib/aws-actions.ts, from the Service Authorization Reference).
 * Where the name differs, the exception comes from the operation's own documentation:
 *
 * - S3 `HeadObject` needs `s3:GetObject`
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html, "Permissions").
 * - S3 `ListObjects` and `ListObjectsV2` need `s3:ListBucket`
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html, "Permissions").
 * - S3 `ListObjectVersions` needs `s3:ListBucketVersions` ("Be aware of the name difference",
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html).
 * - S3 `HeadBucket` needs `s3:ListBucket`
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html, "Permissions").
 * - SQS `SendMessageBatch`, `DeleteMessageBatch` and `ChangeMessageVisibilityBatch` need the
 *   permission of their single-message action ("You cannot set permissions explicitly for
 *   SendMessageBatch ...", https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api.html).
 * - Lambda's invocation data event is named `Invoke` and needs `lambda:InvokeFunction`; Lambda's
 *   management events carry the API version in their names (`GetFunction20150331v2`,
 *   `ListFunctions20150331`), which is dropped. Both are what exported trails show (for example the
 *   event names in https://gist.github.com/andresriancho/512bfbae1ad8b175a36d6fdc32b8ccef); no AWS
 *   page read here states them, so they are marked unverified in docs/cli.md.
 *
 * An event that maps to no action of the index is "unmapped": counted and shown, never guessed.
 */
import { expandAwsActionPattern } from "../../../policypack/lib/aws-actions";

const EXCEPTIONS: Readonly<Record<string, string>> = {
    "s3.amazonaws.com HeadObject": "s3:GetObject",
    "s3.amazonaws.com ListObjects": "s3:ListBucket",
    "s3.amazonaws.com ListObjectsV2": "s3:ListBucket",
    "s3.amazonaws.com ListObjectVersions": "s3:ListBucketVersions",
    "s3.amazonaws.com HeadBucket": "s3:ListBucket",
    "sqs.amazonaws.com SendMessageBatch": "sqs:SendMessage",
    "sqs.amazonaws.com DeleteMessageBatch": "sqs:DeleteMessage",
    "sqs.amazonaws.com ChangeMessageVisibilityBatch": "sqs:ChangeMessageVisibility",
    "lambda.amazonaws.com Invoke": "lambda:InvokeFunction",
};

/** `GetFunction20150331v2` → `GetFunction`: Lambda's versioned event names. */
const API_VERSION_SUFFIX = /\d{8}(?:v\d+)?$/;

/** The exact action name as the index spells it, or undefined when the index has no such action. */
function indexed(action: string): string | undefined {
    if (action.includes("*") || action.includes("?")) return undefined;
    return expandAwsActionPattern(action)[0]?.action;
}

/** The IAM action an event needs, or undefined when it cannot be told; looked up once per event name. */
export function iamActionOf(eventSource: string, eventName: string): string | undefined {
    const key = `${eventSource} ${eventName}`;
    if (known.has(key)) return known.get(key);
    const action = lookUp(eventSource, eventName);
    if (known.size >= KNOWN_EVENTS) known.clear();
    known.set(key, action);
    return action;
}

/** Far more than the distinct events of a trail; cleared, not evicted, when full. */
const KNOWN_EVENTS = 10_000;
const known = new Map<string, string | undefined>();

function lookUp(eventSource: string, eventName: string): string | undefined {
    const exception = EXCEPTIONS[`${eventSource} ${eventName}`];
    if (exception !== undefined) return exception;
    const prefix = /^([a-z0-9-]+)\.amazonaws\.com$/.exec(eventSource)?.[1];
    if (prefix === undefined) return undefined;
    const name = prefix === "lambda" ? eventName.replace(API_VERSION_SUFFIX, "") : eventName;
    return indexed(`${prefix}:${name}`);
}
