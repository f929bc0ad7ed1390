import { ROLES } from "../roles";
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
    },
    {
        access: "keyvault-key:crypto",
        plane: "rbac",
        role: ROLES.keyVaultCryptoUser,
        scopes: ["key-vault-key"],
        broadScopes: ["key-vault"],
        conditions: false,
        summary:
            "encrypt, decrypt, wrap, unwrap, sign and verify with the key; no export or delete",
    },
];
