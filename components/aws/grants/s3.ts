import type { AwsAccessEntry, AwsOperation } from "./access";

const BUCKET = "the bucket's ARN, `arn:aws:s3:::<bucket>` (e.g. `bucket.arn`)";
const CONDITION_KEYS = [
    "s3:prefix",
    "s3:delimiter",
    "s3:max-keys",
    "s3:TlsVersion",
    "s3:x-amz-server-side-encryption",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
];

const API = "https://docs.aws.amazon.com/AmazonS3/latest/API";
const OBJECT = "{arn}/{prefix}reports/2024-01.csv";

/** What reading under a prefix takes (S3 API Reference, "Permissions" of each operation). */
const readOperations: readonly AwsOperation[] = [
    {
        job: "GetObject of a key under the prefix",
        needs: [{ action: "s3:GetObject", resource: OBJECT }],
        source: `${API}/API_GetObject.html`,
    },
    {
        job: "GetObject of a given version (versionId) of a key under the prefix",
        needs: [{ action: "s3:GetObjectVersion", resource: OBJECT }],
        source: `${API}/API_GetObject.html`,
    },
    {
        job: "HeadObject of a key under the prefix (metadata; the same permission as GetObject)",
        needs: [{ action: "s3:GetObject", resource: OBJECT }],
        source: `${API}/API_HeadObject.html`,
    },
    {
        job: "ListObjectsV2 with a Prefix under the grant's prefix",
        needs: [{ action: "s3:ListBucket", resource: "{arn}" }],
        context: { "s3:prefix": "{prefix}reports/" },
        source: `${API}/API_ListObjectsV2.html`,
    },
];

/** What writing under a prefix takes, single and multipart (S3 User Guide, multipart permissions). */
const writeOperations: readonly AwsOperation[] = [
    {
        job: "PutObject of a key under the prefix",
        needs: [{ action: "s3:PutObject", resource: OBJECT }],
        source: `${API}/API_PutObject.html`,
    },
    {
        job: "Multipart upload: CreateMultipartUpload, UploadPart, CompleteMultipartUpload",
        needs: [{ action: "s3:PutObject", resource: OBJECT }],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions",
    },
    {
        job: "AbortMultipartUpload of its own unfinished upload",
        needs: [{ action: "s3:AbortMultipartUpload", resource: OBJECT }],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions",
    },
];

/** SSE-KMS objects: S3 calls KMS with the caller's credentials (S3 User Guide, SSE-KMS). */
const SSE_KMS = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html";
const readKey = {
    job: "GetObject of an object encrypted with the key (SSE-KMS)",
    needs: [{ action: "kms:Decrypt", resource: "{key}" }],
    source: SSE_KMS,
};
const writeKey = {
    job: "PutObject and multipart upload of an object encrypted with the key (SSE-KMS)",
    needs: [
        { action: "kms:GenerateDataKey", resource: "{key}" },
        { action: "kms:Decrypt", resource: "{key}" },
    ],
    source: "https://repost.aws/knowledge-center/s3-large-file-encryption-kms-key",
};

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
        targetPattern: /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        arnService: "s3",
        resourceDescription: BUCKET,
        acceptsPrefix: true,
        statements: read,
        conditionKeys: CONDITION_KEYS,
        operations: readOperations,
        keyUse: { viaService: "s3", actions: ["kms:Decrypt"], operations: [readKey] },
    },
    {
        access: "s3:write",
        summary: "Write objects under the prefix.",
        targetPattern: /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        arnService: "s3",
        resourceDescription: BUCKET,
        acceptsPrefix: true,
        statements: write,
        conditionKeys: CONDITION_KEYS,
        operations: writeOperations,
        keyUse: {
            viaService: "s3",
            actions: ["kms:GenerateDataKey", "kms:Decrypt"],
            operations: [writeKey],
        },
    },
    {
        access: "s3:readwrite",
        summary: "Read, write and delete objects under the prefix, and list keys with that prefix.",
        targetPattern: /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        arnService: "s3",
        resourceDescription: BUCKET,
        acceptsPrefix: true,
        statements: [
            ...read,
            ...write,
            { actions: ["s3:DeleteObject"], resources: ["{arn}/{prefix}*"] },
        ],
        conditionKeys: CONDITION_KEYS,
        operations: [
            ...readOperations,
            ...writeOperations,
            {
                job: "DeleteObject of a key under the prefix",
                needs: [{ action: "s3:DeleteObject", resource: OBJECT }],
                source: `${API}/API_DeleteObject.html`,
            },
        ],
        keyUse: {
            viaService: "s3",
            actions: ["kms:GenerateDataKey", "kms:Decrypt"],
            operations: [readKey, writeKey],
        },
    },
];
