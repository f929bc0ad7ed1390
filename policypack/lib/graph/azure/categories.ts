/**
 * The risk categories of one Azure permission pattern (an action or data action of a role, possibly
 * with wildcards), as ../CHAIN-SEMANTICS names them:
 * - privilege escalation, credentials exposure: the pattern reaches an operation of a Tier-0 capability
 *   whose `risks` name the category, in the one catalogue of ../../azure/role-permissions.ts that also
 *   says which roles are privileged;
 * - permissions management: `Microsoft.Authorization/.../write` and Key Vault access policies;
 * - credentials exposure: listing keys, SAS, secrets or connection strings of a resource, publishing
 *   credentials;
 * - data exfiltration: reading blobs, files, Key Vault secrets or Kubernetes secrets;
 * - write / read: by the operation's verb (`read`; `write`, `delete`; `<verb>/action`), and both for a
 *   trailing wildcard.
 * Wildcards are judged by what they reach, less what the block's notActions (notDataActions) take away.
 */
import { azureActionMatches, CAPABILITIES } from "../../azure/role-permissions";
import { RISK_CATEGORIES, type RiskCategory } from "../model";

export type Plane = "action" | "data";

interface CategoryRule {
    readonly category: RiskCategory;
    readonly actions: readonly string[];
    readonly dataActions: readonly string[];
    /** Judged on a pattern without wildcards, for operations no list can enumerate. */
    readonly concreteAction?: RegExp;
}

/** The operations of the Tier-0 capabilities that carry `category` on `plane` (their `risks`). */
function capabilityOperations(category: RiskCategory, plane: Plane): string[] {
    return CAPABILITIES.flatMap((c) =>
        (plane === "action" ? c.risks.actions : c.risks.dataActions)?.includes(category) === true
            ? ((plane === "action" ? c.actions : c.dataActions) ?? [])
            : [],
    );
}

const KEY_VAULT_ACCESS_POLICIES = "Microsoft.KeyVault/vaults/accessPolicies/write";

/** Writes under Microsoft.Authorization (Azure RBAC, Azure Policy, locks) and vault access policies. */
const PERMISSIONS_MANAGEMENT_ACTIONS = [
    ...[
        "roleAssignments",
        "roleDefinitions",
        "policyAssignments",
        "policyDefinitions",
        "policySetDefinitions",
        "policyExemptions",
        "locks",
        "denyAssignments",
        "roleManagementPolicies",
    ].map((kind) => `Microsoft.Authorization/${kind}/write`),
    KEY_VAULT_ACCESS_POLICIES,
];

/** Data actions that read the content of data stores and secrets (blob, file, Key Vault, Kubernetes). */
const DATA_READ_ACTIONS = [
    "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
    "Microsoft.Storage/storageAccounts/fileServices/fileshares/files/read",
    "Microsoft.KeyVault/vaults/secrets/getSecret/action",
    ...capabilityOperations("dataExfiltration", "data"),
];

const keyListing = CAPABILITIES.find((c) => c.id === "key-listing");

const RULES: readonly CategoryRule[] = [
    {
        category: "privilegeEscalation",
        actions: capabilityOperations("privilegeEscalation", "action"),
        dataActions: capabilityOperations("privilegeEscalation", "data"),
    },
    {
        category: "permissionsManagement",
        actions: PERMISSIONS_MANAGEMENT_ACTIONS,
        dataActions: [],
        concreteAction: /^Microsoft\.Authorization\/.+\/write$/i,
    },
    {
        category: "credentialsExposure",
        actions: capabilityOperations("credentialsExposure", "action"),
        dataActions: capabilityOperations("credentialsExposure", "data"),
        ...(keyListing?.actionName ? { concreteAction: keyListing.actionName } : {}),
    },
    { category: "dataExfiltration", actions: [], dataActions: DATA_READ_ACTIONS },
];

/** Verbs of `<verb>/action` operations that only read (get a secret, list keys, receive a message). */
const READ_VERBS = /^(get|read|list|query|peek|receive|verify|search|check|export|backup)/i;

function verbCategories(pattern: string): RiskCategory[] {
    const segments = pattern.trim().toLowerCase().split("/");
    const last = segments[segments.length - 1] ?? "";
    if (last.endsWith("*")) {
        return ["write", "read"];
    }
    if (last === "read") {
        return ["read"];
    }
    if (last === "write" || last === "delete") {
        return ["write"];
    }
    if (last === "action") {
        return READ_VERBS.test(segments[segments.length - 2] ?? "") ? ["read"] : ["write"];
    }
    return [];
}

function reaches(pattern: string, operation: string, excluded: readonly string[]): boolean {
    return (
        azureActionMatches(pattern, operation) &&
        !excluded.some((exclusion) => azureActionMatches(exclusion, operation))
    );
}

/**
 * The categories of `pattern` on `plane`, most dangerous first; `excluded` are the notActions (or
 * notDataActions) of the pattern's permission block.
 */
export function categoriesOf(
    pattern: string,
    plane: Plane,
    excluded: readonly string[] = [],
): RiskCategory[] {
    const found = new Set<RiskCategory>(verbCategories(pattern));
    const concrete = !pattern.includes("*");
    for (const rule of RULES) {
        const operations = plane === "action" ? rule.actions : rule.dataActions;
        if (
            operations.some((operation) => reaches(pattern, operation, excluded)) ||
            (plane === "action" && concrete && rule.concreteAction?.test(pattern) === true)
        ) {
            found.add(rule.category);
        }
    }
    return RISK_CATEGORIES.filter((category) => found.has(category));
}
