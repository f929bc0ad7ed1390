import type { AwsAccessEntry } from "./access";

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
 * KMS on one key.
 * - `kms:decrypt`: kms:Decrypt.
 * - `kms:encrypt`: kms:Encrypt, kms:GenerateDataKey (envelope encryption, e.g. SSE-KMS uploads).
 * Never key administration (policy, grants, deletion).
 */
export const kmsAccess: readonly AwsAccessEntry[] = [
    {
        access: "kms:decrypt",
        summary: "Decrypt with the key.",
        arnService: "kms",
        resourceDescription: KEY,
        acceptsPrefix: false,
        statements: [{ actions: ["kms:Decrypt"], resources: ["{arn}"] }],
        conditionKeys: CONDITION_KEYS,
    },
    {
        access: "kms:encrypt",
        summary: "Encrypt with the key and generate data keys under it.",
        arnService: "kms",
        resourceDescription: KEY,
        acceptsPrefix: false,
        statements: [{ actions: ["kms:Encrypt", "kms:GenerateDataKey"], resources: ["{arn}"] }],
        conditionKeys: CONDITION_KEYS,
    },
];
