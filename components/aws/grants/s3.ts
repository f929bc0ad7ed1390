import type { AwsAccessEntry } from "./access";

const BUCKET = "the bucket's ARN, `arn:aws:s3:::<bucket>` (e.g. `bucket.arn`)";
const CONDITION_KEYS = [
    "s3:prefix",
    "s3:delimiter",
    "s3:max-keys",
    "s3:TlsVersion",
    "s3:x-amz-server-side-encryption",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
];

/** Reads objects and lists keys: objects under the prefix, and listing only with that prefix. */
const read = [
    { actions: ["s3:GetObject", "s3:GetObjectVersion"], resources: ["{arn}/{prefix}*"] },
    { actions: ["s3:ListBucket"], resources: ["{arn}"], prefixCondition: "s3:prefix" },
];

/** Writes objects under the prefix, and aborts its own unfinished multipart uploads. */
const write = [
    { actions: ["s3:PutObject", "s3:AbortMultipartUpload"], resources: ["{arn}/{prefix}*"] },
];

/**
 * S3 object access, scoped to the bucket and an optional key prefix.
 * - `s3:read`: s3:GetObject, s3:GetObjectVersion on `<bucket>/<prefix>*`; s3:ListBucket on the bucket
 *   with `StringLike s3:prefix <prefix>*`.
 * - `s3:write`: s3:PutObject, s3:AbortMultipartUpload on `<bucket>/<prefix>*`.
 * - `s3:readwrite`: both, plus s3:DeleteObject on `<bucket>/<prefix>*`.
 * Never bucket configuration (policy, ACL, deletion of the bucket).
 */
export const s3Access: readonly AwsAccessEntry[] = [
    {
        access: "s3:read",
        summary: "Read objects under the prefix and list keys with that prefix.",
        arnService: "s3",
        resourceDescription: BUCKET,
        acceptsPrefix: true,
        statements: read,
        conditionKeys: CONDITION_KEYS,
    },
    {
        access: "s3:write",
        summary: "Write objects under the prefix.",
        arnService: "s3",
        resourceDescription: BUCKET,
        acceptsPrefix: true,
        statements: write,
        conditionKeys: CONDITION_KEYS,
    },
    {
        access: "s3:readwrite",
        summary: "Read, write and delete objects under the prefix, and list keys with that prefix.",
        arnService: "s3",
        resourceDescription: BUCKET,
        acceptsPrefix: true,
        statements: [
            ...read,
            ...write,
            { actions: ["s3:DeleteObject"], resources: ["{arn}/{prefix}*"] },
        ],
        conditionKeys: CONDITION_KEYS,
    },
];
