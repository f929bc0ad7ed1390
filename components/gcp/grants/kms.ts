// Cloud KMS access levels: decrypter or encrypter on one crypto key (CryptoKeyIAMMember).
import { KMS_OPERATIONS } from "./operations";
import type { GcpAccessEntry } from "./types";

const keyHint =
    "the crypto key ID, e.g. key.id (projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>)";

export const kmsAccess: readonly GcpAccessEntry[] = [
    {
        access: "kms:decrypt",
        role: "roles/cloudkms.cryptoKeyDecrypter",
        target: "cryptoKey",
        resourceHint: keyHint,
        summary: "Decrypt with the key's versions.",
        operations: [KMS_OPERATIONS.decrypt],
        permissions: [
            "cloudkms.cryptoKeyVersions.useToDecrypt",
            "cloudkms.locations.get",
            "cloudkms.locations.list",
            "resourcemanager.projects.get",
        ],
    },
    {
        access: "kms:encrypt",
        role: "roles/cloudkms.cryptoKeyEncrypter",
        target: "cryptoKey",
        resourceHint: keyHint,
        summary: "Encrypt with the key's primary version.",
        operations: [KMS_OPERATIONS.encrypt],
        permissions: [
            "cloudkms.cryptoKeyVersions.useToEncrypt",
            "cloudkms.locations.get",
            "cloudkms.locations.list",
            "resourcemanager.projects.get",
        ],
    },
];
