// The Azure policies of the pack, in catalogue order (../shared/RULES.md).
import type { PackPolicy } from "../../lib/define-policy";
import { azureCustomRoleNoWildcards } from "./azure-custom-role-no-wildcards";
import { azureFunctionDedicatedIdentity } from "./azure-function-dedicated-identity";
import { azureFunctionDiagnostics } from "./azure-function-diagnostics";
import { azureFunctionHttpsOnly } from "./azure-function-https-only";
import { azureFunctionManagedIdentity } from "./azure-function-managed-identity";
import { azureFunctionNoBasicAuth } from "./azure-function-no-basic-auth";
import { azureFunctionNoStorageKeys } from "./azure-function-no-storage-keys";
import { azureKeyvaultRbac } from "./azure-keyvault-rbac";
import { azureRoleAssignmentNoPrivilegedRoles } from "./azure-role-assignment-no-privileged-roles";
import { azureRoleAssignmentResourceScope } from "./azure-role-assignment-resource-scope";

export const azurePolicies: readonly PackPolicy[] = [
    azureFunctionManagedIdentity,
    azureFunctionDedicatedIdentity,
    azureRoleAssignmentNoPrivilegedRoles,
    azureRoleAssignmentResourceScope,
    azureFunctionNoStorageKeys,
    azureFunctionNoBasicAuth,
    azureFunctionHttpsOnly,
    azureKeyvaultRbac,
    azureCustomRoleNoWildcards,
    azureFunctionDiagnostics,
];
