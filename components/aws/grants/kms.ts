import type { AwsAccessEntry } from "./access";

/** The KMS permissions reference: each operation needs the action of its own name, on the key. */
const PERMISSIONS =
    "https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html";

const KEY = "the key's ARN, `arn:aws:kms:<region>:<account>:key/<id>` (e.g. `key.arn`)";
/** Use `kms:ViaService` to allow the key only through another service (e.g. `s3.<region>.amazonaws.com`). */
const CONDITION_KEYS = [
    "kms:ViaService",
    "kms:CallerAccount",
    "kms:EncryptionAlgorithm",
    "kms:EncryptionContextKeys",
    "kms:EncryptionContext:",
];

/**
 * KMS on one key, for the function's own calls to KMS.
 * - `kms:decrypt`: kms:Decrypt.
 * - `kms:encrypt`: kms:Encrypt and kms:GenerateDataKey: encrypting directly, and envelope encryption
 *   (a data key to encrypt locally). It does not decrypt: a producer to an encrypted queue, topic or
 *   bucket names the target's key on that grant (`key`) instead, which adds what the service needs.
 * Never key administration (policy, grants, deletion).
 */
export const kmsAccess: readonly AwsAccessEntry[] = [
    {
        access: "kms:decrypt",
        summary: "Decrypt with the key.",
        targetPattern:
            /^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\d:\d{12}:key\/(mrk-[a-f0-9]{32}|[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})$/,
        arnService: "kms",
        resourceDescription: KEY,
        acceptsPrefix: false,
        statements: [{ actions: ["kms:Decrypt"], resources: ["{arn}"] }],
        conditionKeys: CONDITION_KEYS,
        operations: [
            {
                job: "Decrypt of a ciphertext or an encrypted data key made with the key",
                needs: [{ action: "kms:Decrypt", resource: "{arn}" }],
                source: PERMISSIONS,
            },
        ],
    },
    {
        access: "kms:encrypt",
        summary: "Encrypt with the key and generate data keys under it.",
        targetPattern:
            /^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\d:\d{12}:key\/(mrk-[a-f0-9]{32}|[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})$/,
        arnService: "kms",
        resourceDescription: KEY,
        acceptsPrefix: false,
        statements: [{ actions: ["kms:Encrypt", "kms:GenerateDataKey"], resources: ["{arn}"] }],
        conditionKeys: CONDITION_KEYS,
        operations: [
            {
                job: "Encrypt of up to 4 KB with the key",
                needs: [{ action: "kms:Encrypt", resource: "{arn}" }],
                source: PERMISSIONS,
            },
            {
                job: "GenerateDataKey for envelope encryption",
                needs: [{ action: "kms:GenerateDataKey", resource: "{arn}" }],
                source: PERMISSIONS,
            },
        ],
    },
];
