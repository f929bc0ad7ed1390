import type { ManifestRow } from "./row";

/** The azure policies, in the order of policypack/policies/azure/index.ts. */
export const AZURE_MANIFEST: readonly ManifestRow[] = [
    ["azure-function-managed-identity", "mandatory", "high"],
    ["azure-function-dedicated-identity", "mandatory", "high"],
    ["azure-role-assignment-no-privileged-roles", "mandatory", "critical"],
    ["azure-role-assignment-resource-scope", "advisory", "medium"],
    ["azure-function-no-storage-keys", "mandatory", "critical"],
    ["azure-function-no-basic-auth", "advisory", "high"],
    ["azure-function-https-only", "advisory", "medium"],
    ["azure-keyvault-rbac", "advisory", "medium"],
    ["azure-custom-role-no-wildcards", "mandatory", "high"],
    ["azure-function-diagnostics", "advisory", "medium"],
];
