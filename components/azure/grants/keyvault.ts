import { ROLES } from "../roles";
import { KEY_VAULT_OPERATIONS } from "./operations";
import type { AzureAccessEntry } from "./types";

/** Key Vault (RBAC permission model): data roles on one secret or one key. */
export const keyVaultAccess: readonly AzureAccessEntry[] = [
    {
        access: "keyvault-secret:read",
        plane: "rbac",
        role: ROLES.keyVaultSecretsUser,
        scopes: ["key-vault-secret"],
        broadScopes: ["key-vault"],
        conditions: false,
        summary: "read the secret's value and metadata",
        operations: [KEY_VAULT_OPERATIONS.getSecret],
    },
    {
        access: "keyvault-key:crypto",
        plane: "rbac",
        role: ROLES.keyVaultCryptoUser,
        scopes: ["key-vault-key"],
        broadScopes: ["key-vault"],
        conditions: false,
        // Key Vault Crypto User also carries keys/update/action (change the key's attributes, e.g.
        // disable it) and keys/backup/action: excess, pinned in needs.test.ts and shown in docs.
        summary:
            "encrypt, decrypt, wrap, unwrap, sign and verify with the key; also update its attributes (disable it) and back it up, which Key Vault Crypto User carries; no export or delete",
        operations: [
            KEY_VAULT_OPERATIONS.getKey,
            KEY_VAULT_OPERATIONS.encrypt,
            KEY_VAULT_OPERATIONS.decrypt,
            KEY_VAULT_OPERATIONS.wrap,
            KEY_VAULT_OPERATIONS.unwrap,
            KEY_VAULT_OPERATIONS.sign,
            KEY_VAULT_OPERATIONS.verify,
        ],
    },
    {
        access: "keyvault-key:wrap",
        plane: "rbac",
        // The narrowest built-in role for envelope encryption: keys/read, wrap and unwrap only (plus
        // three Event Grid subscription actions Microsoft put in the role: excess, shown in docs).
        role: ROLES.keyVaultCryptoServiceEncryptionUser,
        scopes: ["key-vault-key"],
        broadScopes: ["key-vault"],
        conditions: false,
        summary: "wrap and unwrap keys with the key (envelope encryption) and read its public part",
        operations: [
            KEY_VAULT_OPERATIONS.getKey,
            KEY_VAULT_OPERATIONS.wrap,
            KEY_VAULT_OPERATIONS.unwrap,
        ],
    },
];
