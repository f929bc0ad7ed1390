/**
 * What an Azure role definition allows, judged by its permission blocks: which dangerous operations its
 * action patterns reach once notActions are taken away. The build-time generator
 * (scripts/generate-azure-roles.ts) runs this over every built-in role, and rules run it over
 * custom role definitions, so both are judged the same way.
 */
import type { RiskCategory } from "../graph/model";
import { isObject, stringsOf } from "./resources";

/** One permission block of a role definition, as ARM and `az role definition list` give it. */
export interface PermissionBlock {
    readonly actions: readonly string[];
    readonly notActions: readonly string[];
    readonly dataActions: readonly string[];
    readonly notDataActions: readonly string[];
    /** An ABAC condition that narrows the block (e.g. which roles it may assign). */
    readonly condition?: string | null;
}

/**
 * The permission blocks of a `permissions` list, as a custom role definition and a deny assignment
 * write them; malformed entries count as empty.
 */
export function permissionBlocksOf(permissions: unknown): PermissionBlock[] {
    if (!Array.isArray(permissions)) {
        return [];
    }
    return permissions.filter(isObject).map((block) => ({
        actions: stringsOf(block["actions"]),
        notActions: stringsOf(block["notActions"]),
        dataActions: stringsOf(block["dataActions"]),
        notDataActions: stringsOf(block["notDataActions"]),
    }));
}

/** Why a role is privileged: one capability and the pattern that grants it. */
export interface Privilege {
    readonly capability: string;
    /** The operation the role can perform, e.g. `Microsoft.Authorization/roleAssignments/write`. */
    readonly operation: string;
    /** The role's own pattern that reaches it, e.g. `Microsoft.Authorization/*`. */
    readonly pattern: string;
    readonly conditional: boolean;
}

interface Capability {
    readonly id: string;
    /** Completes "privileged: it ..." */
    readonly summary: string;
    /**
     * The identity graph's risk categories of the capability's operations, per plane: the one table
     * that says both that a role is privileged (the rules) and how (the graph's categories).
     */
    readonly risks: {
        readonly actions?: readonly RiskCategory[];
        readonly dataActions?: readonly RiskCategory[];
    };
    /** Concrete control-plane operations; reaching any of them is enough. */
    readonly actions?: readonly string[];
    readonly dataActions?: readonly string[];
    /** Matches a concrete (wildcard-free) action of the role by its last segments. */
    readonly actionName?: RegExp;
}

/**
 * Stand-ins for "an operation of any resource provider": a pattern that reaches these reaches every
 * provider's writes, deletes and actions (patterns such as `*` or a write under any provider),
 * not just its reads.
 */
const ANY_PROVIDER = "Perimeter.AnyProvider/";
/** Whether an operation is one of the stand-ins above, which name no provider's operation in particular. */
export function isAnyProviderStandIn(operation: string): boolean {
    return operation.startsWith(ANY_PROVIDER);
}

export const ANY_PROVIDER_OPERATIONS = [
    `${ANY_PROVIDER}anyResource/write`,
    `${ANY_PROVIDER}anyResource/delete`,
    `${ANY_PROVIDER}anyResource/action`,
];

/**
 * The capabilities that make a role Tier-0 for a function identity: each lets the holder gain more
 * access than the role names (assign roles, act as another identity, read credentials, run code
 * elsewhere). Operation names are from the Azure resource provider operations reference
 * (https://learn.microsoft.com/azure/role-based-access-control/permissions/).
 */
export const CAPABILITIES: readonly Capability[] = [
    {
        id: "every-operation",
        summary: "allows write, delete and action operations of every resource provider",
        risks: {},
        actions: ANY_PROVIDER_OPERATIONS,
        dataActions: ANY_PROVIDER_OPERATIONS,
    },
    {
        id: "role-assignment",
        summary: "can assign roles, so the holder can grant itself any access",
        risks: { actions: ["privilegeEscalation"] },
        actions: [
            "Microsoft.Authorization/roleAssignments/write",
            "Microsoft.Authorization/elevateAccess/action",
            // A trusted access binding gives another resource's identity a role inside an AKS cluster.
            "Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings/write",
        ],
    },
    {
        id: "role-definition",
        summary: "can change role definitions, widening roles already assigned",
        risks: { actions: ["privilegeEscalation"] },
        actions: ["Microsoft.Authorization/roleDefinitions/write"],
    },
    {
        id: "policy-assignment",
        summary:
            "can assign Azure Policy, whose deployIfNotExists and modify remediations run as managed identities that hold roles",
        risks: { actions: ["privilegeEscalation"] },
        actions: ["Microsoft.Authorization/policyAssignments/write"],
    },
    {
        id: "identity-assignment",
        summary: "can attach user-assigned managed identities to resources and so act as them",
        risks: { actions: ["privilegeEscalation"] },
        actions: ["Microsoft.ManagedIdentity/userAssignedIdentities/assign/action"],
    },
    {
        id: "identity-federation",
        summary: "can add federated credentials to managed identities and sign in as them",
        risks: { actions: ["privilegeEscalation"] },
        actions: [
            "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write",
        ],
    },
    {
        id: "publishing-credentials",
        summary:
            "can read or enable app publishing credentials and settings, so it can deploy code that runs as the app's identity",
        risks: { actions: ["privilegeEscalation", "credentialsExposure"] },
        actions: [
            "Microsoft.Web/sites/publishxml/action",
            "Microsoft.Web/sites/config/list/action",
            "Microsoft.Web/sites/basicPublishingCredentialsPolicies/write",
            "Microsoft.Web/sites/slots/publishxml/action",
            "Microsoft.Web/sites/slots/config/list/action",
        ],
    },
    {
        id: "key-listing",
        summary: "can list access keys or credentials, which bypass role-based access control",
        risks: { actions: ["credentialsExposure"] },
        actions: [
            "Microsoft.Storage/storageAccounts/listKeys/action",
            "Microsoft.Storage/storageAccounts/listAccountSas/action",
            "Microsoft.ClassicStorage/storageAccounts/listKeys/action",
            "Microsoft.OperationalInsights/workspaces/sharedKeys/action",
            "Microsoft.CognitiveServices/accounts/listKeys/action",
            "Microsoft.DocumentDB/databaseAccounts/listKeys/action",
            "Microsoft.DocumentDB/databaseAccounts/listConnectionStrings/action",
            "Microsoft.ServiceBus/namespaces/authorizationRules/listKeys/action",
            "Microsoft.EventHub/namespaces/authorizationRules/listKeys/action",
            "Microsoft.Search/searchServices/listAdminKeys/action",
            "Microsoft.Web/sites/host/listKeys/action",
            "Microsoft.Web/sites/functions/listSecrets/action",
            "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action",
            "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
            "Microsoft.App/containerApps/listSecrets/action",
        ],
        actionName:
            /\/(list[a-z]*keys?|list[a-z]*credentials?|list[a-z]*secrets?|listconnectionstrings|list[a-z]*sas|sharedkeys)\/action$/i,
    },
    {
        id: "code-execution",
        summary: "can run commands on compute that has its own identity",
        risks: { actions: ["privilegeEscalation"], dataActions: ["privilegeEscalation"] },
        actions: [
            "Microsoft.Compute/virtualMachines/runCommand/action",
            "Microsoft.Compute/virtualMachines/runCommands/write",
            "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action",
            "Microsoft.ContainerService/managedClusters/runCommand/action",
            "Microsoft.Automation/automationAccounts/runbooks/write",
        ],
        dataActions: [
            "Microsoft.Compute/virtualMachines/login/action",
            "Microsoft.Compute/virtualMachines/loginAsAdmin/action",
            "Microsoft.HybridCompute/machines/login/action",
            "Microsoft.App/containerApps/exec/action",
            "Microsoft.ContainerService/managedClusters/pods/exec/action",
        ],
    },
    {
        id: "cluster-secrets",
        summary: "can read Kubernetes secrets of a cluster",
        risks: { dataActions: ["credentialsExposure", "dataExfiltration"] },
        dataActions: [
            "Microsoft.ContainerService/managedClusters/secrets/read",
            "Microsoft.ContainerService/fleets/secrets/read",
        ],
    },
    {
        id: "keyvault-wildcard",
        summary:
            "can read or manage every secret or key of a Key Vault, or grant itself access through access policies",
        risks: { actions: ["privilegeEscalation"] },
        actions: ["Microsoft.KeyVault/vaults/accessPolicies/write"],
        // Judged only for wildcard patterns: a named read such as getSecret is a scoped grant.
        dataActions: [
            "Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "Microsoft.KeyVault/vaults/secrets/setSecret/action",
            "Microsoft.KeyVault/vaults/keys/decrypt/action",
            "Microsoft.KeyVault/vaults/keys/write",
        ],
    },
];

const DATA_WILDCARD_ONLY = new Set(["keyvault-wildcard"]);

const compiled = new Map<string, RegExp>();

/**
 * Azure permission pattern matching, case-insensitive. `*` matches any characters, and `/*\/` also
 * matches a single `/`: Managed Identity Operator's `userAssignedIdentities/*\/assign/action` is how
 * Microsoft grants `userAssignedIdentities/assign/action` ("Read and Assign User Assigned Identity").
 */
export function azureActionMatches(pattern: string, operation: string): boolean {
    let regex = compiled.get(pattern);
    if (regex === undefined) {
        const body = pattern
            .split("/*/")
            .map((part) =>
                part
                    .split("*")
                    .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
                    .join(".*"),
            )
            .join("/(?:.*/)?");
        regex = new RegExp(`^${body}$`, "i");
        compiled.set(pattern, regex);
    }
    return regex.test(operation);
}

/** The pattern of `allowed` that reaches `operation`, unless a pattern of `excluded` takes it away. */
function reaching(
    operation: string,
    allowed: readonly string[],
    excluded: readonly string[],
    wildcardOnly: boolean,
): string | undefined {
    if (excluded.some((pattern) => azureActionMatches(pattern, operation))) {
        return undefined;
    }
    return allowed.find(
        (pattern) =>
            (!wildcardOnly || pattern.includes("*")) && azureActionMatches(pattern, operation),
    );
}

/** Whether a deny assignment blocks an operation (./deny-assignments.ts); nothing is blocked by default. */
export type DeniedOperation = (operation: string, plane: "action" | "data") => boolean;

const NOTHING_DENIED: DeniedOperation = () => false;

function privilegeOf(
    capability: Capability,
    block: PermissionBlock,
    denied: DeniedOperation,
): Privilege | undefined {
    const conditional = typeof block.condition === "string" && block.condition.trim() !== "";
    for (const operation of capability.actions ?? []) {
        if (denied(operation, "action")) continue;
        const pattern = reaching(operation, block.actions, block.notActions, false);
        if (pattern !== undefined) {
            return { capability: capability.id, operation, pattern, conditional };
        }
    }
    const wildcardOnly = DATA_WILDCARD_ONLY.has(capability.id);
    for (const operation of capability.dataActions ?? []) {
        if (denied(operation, "data")) continue;
        const pattern = reaching(operation, block.dataActions, block.notDataActions, wildcardOnly);
        if (pattern !== undefined) {
            return { capability: capability.id, operation, pattern, conditional };
        }
    }
    if (capability.actionName !== undefined) {
        for (const pattern of block.actions) {
            if (
                !pattern.includes("*") &&
                capability.actionName.test(pattern) &&
                !denied(pattern, "action") &&
                reaching(pattern, [pattern], block.notActions, false) !== undefined
            ) {
                return { capability: capability.id, operation: pattern, pattern, conditional };
            }
        }
    }
    return undefined;
}

/**
 * Every capability the blocks reach, at most one privilege per capability, in catalogue order; an
 * operation `denied` blocks does not count.
 */
export function privilegesOf(
    blocks: readonly PermissionBlock[],
    denied: DeniedOperation = NOTHING_DENIED,
): Privilege[] {
    const found: Privilege[] = [];
    for (const capability of CAPABILITIES) {
        for (const block of blocks) {
            const privilege = privilegeOf(capability, block, denied);
            if (privilege !== undefined) {
                found.push(privilege);
                break;
            }
        }
    }
    return found;
}

/** `can assign roles, ... ('Microsoft.Authorization/roleAssignments/write' through 'Microsoft.Authorization/*')` */
export function describePrivilege(privilege: Privilege): string {
    const capability = CAPABILITIES.find((c) => c.id === privilege.capability);
    const through =
        privilege.pattern === privilege.operation || privilege.operation.startsWith(ANY_PROVIDER)
            ? `'${privilege.pattern}'`
            : `'${privilege.operation}' through '${privilege.pattern}'`;
    const condition = privilege.conditional ? ", limited by an ABAC condition" : "";
    return `${capability?.summary ?? privilege.capability} (${through}${condition})`;
}
