/**
 * The permission blocks of the Azure built-in roles the identity graph knows exactly: every role
 * Perimeter's components assign, the Tier-0 roles people hand to function identities, and the common
 * data roles. Copied from ../shared/data/azure-builtin-roles.json (iann0036/iam-dataset
 * `azure/built-in-roles-raw.json` @ 2073fa52ac008a45477aa0b1b4580cd99135bf60, MIT; the output of
 * `az role definition list`); test/policypack/lib/graph/azure-roles.test.ts re-checks every entry.
 *
 * Any other privileged built-in role is read from data/azure-privileged-roles.json (its dangerous
 * patterns only); any other role is opaque and leaves the profile incomplete (see role-grants.ts).
 */
import type { PermissionBlock } from "../../azure/role-permissions";

export interface RoleDefinition {
    readonly guid: string;
    readonly name: string;
    readonly blocks: readonly PermissionBlock[];
}

function role(guid: string, name: string, block: Partial<PermissionBlock>): RoleDefinition {
    return {
        guid,
        name,
        blocks: [
            {
                actions: block.actions ?? [],
                notActions: block.notActions ?? [],
                dataActions: block.dataActions ?? [],
                notDataActions: block.notDataActions ?? [],
            },
        ],
    };
}

export const BUILTIN_ROLES: readonly RoleDefinition[] = [
    role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", { actions: ["*"] }),
    role("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor", {
        actions: ["*"],
        notActions: [
            "Microsoft.Authorization/*/Delete",
            "Microsoft.Authorization/*/Write",
            "Microsoft.Authorization/elevateAccess/Action",
            "Microsoft.Blueprint/blueprintAssignments/write",
            "Microsoft.Blueprint/blueprintAssignments/delete",
            "Microsoft.Compute/galleries/share/action",
            "Microsoft.Purview/consents/write",
            "Microsoft.Purview/consents/delete",
            "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
            "Microsoft.Subscription/cancel/action",
            "Microsoft.Subscription/enable/action",
        ],
    }),
    role("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", { actions: ["*/read"] }),
    role("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator", {
        actions: ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"],
    }),
    role("f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator", {
        actions: [
            "Microsoft.Authorization/roleAssignments/write",
            "Microsoft.Authorization/roleAssignments/delete",
            "*/read",
            "Microsoft.Support/*",
        ],
    }),
    role("f1a07417-d97a-45cb-824c-7a7467783830", "Managed Identity Operator", {
        actions: [
            "Microsoft.ManagedIdentity/userAssignedIdentities/*/read",
            "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action",
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Support/*",
        ],
    }),
    role("de139f84-1756-47ae-9be6-808fbbe84772", "Website Contributor", {
        actions: [
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Insights/components/*",
            "Microsoft.ResourceHealth/availabilityStatuses/read",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*",
            "Microsoft.Web/certificates/*",
            "Microsoft.Web/listSitesAssignedToHostName/read",
            "Microsoft.Web/register/action",
            "Microsoft.Web/serverFarms/join/action",
            "Microsoft.Web/serverFarms/read",
            "Microsoft.Web/sites/*",
        ],
    }),
    role("17d1049b-9a84-46fb-8f53-869881c3d3ab", "Storage Account Contributor", {
        actions: [
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Insights/diagnosticSettings/*",
            "Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action",
            "Microsoft.ResourceHealth/availabilityStatuses/read",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Storage/storageAccounts/*",
            "Microsoft.Support/*",
        ],
    }),
    role("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader", {
        actions: [
            "Microsoft.Storage/storageAccounts/blobServices/containers/read",
            "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
        ],
        dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
    }),
    role("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor", {
        actions: [
            "Microsoft.Storage/storageAccounts/blobServices/containers/delete",
            "Microsoft.Storage/storageAccounts/blobServices/containers/read",
            "Microsoft.Storage/storageAccounts/blobServices/containers/write",
            "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
        ],
        dataActions: [
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action",
        ],
    }),
    role("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner", {
        actions: [
            "Microsoft.Storage/storageAccounts/blobServices/containers/*",
            "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
        ],
        dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"],
    }),
    role("19e7f393-937e-4f77-808e-94535e297925", "Storage Queue Data Reader", {
        actions: ["Microsoft.Storage/storageAccounts/queueServices/queues/read"],
        dataActions: ["Microsoft.Storage/storageAccounts/queueServices/queues/messages/read"],
    }),
    role("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", "Storage Queue Data Message Sender", {
        dataActions: ["Microsoft.Storage/storageAccounts/queueServices/queues/messages/add/action"],
    }),
    role("8a0f0c08-91a1-4084-bc3d-661d67233fed", "Storage Queue Data Message Processor", {
        dataActions: [
            "Microsoft.Storage/storageAccounts/queueServices/queues/messages/read",
            "Microsoft.Storage/storageAccounts/queueServices/queues/messages/process/action",
        ],
    }),
    role("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor", {
        actions: [
            "Microsoft.Storage/storageAccounts/queueServices/queues/delete",
            "Microsoft.Storage/storageAccounts/queueServices/queues/read",
            "Microsoft.Storage/storageAccounts/queueServices/queues/write",
        ],
        dataActions: [
            "Microsoft.Storage/storageAccounts/queueServices/queues/messages/delete",
            "Microsoft.Storage/storageAccounts/queueServices/queues/messages/read",
            "Microsoft.Storage/storageAccounts/queueServices/queues/messages/write",
            "Microsoft.Storage/storageAccounts/queueServices/queues/messages/process/action",
        ],
    }),
    role("76199698-9eea-4c19-bc75-cec21354c6b6", "Storage Table Data Reader", {
        actions: ["Microsoft.Storage/storageAccounts/tableServices/tables/read"],
        dataActions: ["Microsoft.Storage/storageAccounts/tableServices/tables/entities/read"],
    }),
    role("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor", {
        actions: [
            "Microsoft.Storage/storageAccounts/tableServices/tables/read",
            "Microsoft.Storage/storageAccounts/tableServices/tables/write",
            "Microsoft.Storage/storageAccounts/tableServices/tables/delete",
        ],
        dataActions: [
            "Microsoft.Storage/storageAccounts/tableServices/tables/entities/read",
            "Microsoft.Storage/storageAccounts/tableServices/tables/entities/write",
            "Microsoft.Storage/storageAccounts/tableServices/tables/entities/delete",
            "Microsoft.Storage/storageAccounts/tableServices/tables/entities/add/action",
            "Microsoft.Storage/storageAccounts/tableServices/tables/entities/update/action",
        ],
    }),
    role("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Azure Service Bus Data Sender", {
        actions: [
            "Microsoft.ServiceBus/*/queues/read",
            "Microsoft.ServiceBus/*/topics/read",
            "Microsoft.ServiceBus/*/topics/subscriptions/read",
        ],
        dataActions: ["Microsoft.ServiceBus/*/send/action"],
    }),
    role("4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "Azure Service Bus Data Receiver", {
        actions: [
            "Microsoft.ServiceBus/*/queues/read",
            "Microsoft.ServiceBus/*/topics/read",
            "Microsoft.ServiceBus/*/topics/subscriptions/read",
        ],
        dataActions: ["Microsoft.ServiceBus/*/receive/action"],
    }),
    role("2b629674-e913-4c01-ae53-ef4638d8f975", "Azure Event Hubs Data Sender", {
        actions: ["Microsoft.EventHub/*/eventhubs/read"],
        dataActions: ["Microsoft.EventHub/*/send/action"],
    }),
    role("a638d3c7-ab3a-418d-83e6-5f17a39d4fde", "Azure Event Hubs Data Receiver", {
        actions: ["Microsoft.EventHub/*/eventhubs/consumergroups/read"],
        dataActions: ["Microsoft.EventHub/*/receive/action"],
    }),
    role("21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader", {
        actions: [
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*",
            "Microsoft.KeyVault/checkNameAvailability/read",
            "Microsoft.KeyVault/deletedVaults/read",
            "Microsoft.KeyVault/locations/*/read",
            "Microsoft.KeyVault/vaults/*/read",
            "Microsoft.KeyVault/operations/read",
        ],
        dataActions: [
            "Microsoft.KeyVault/vaults/*/read",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
        ],
    }),
    role("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User", {
        dataActions: [
            "Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
        ],
    }),
    role("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer", {
        actions: [
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*",
            "Microsoft.KeyVault/checkNameAvailability/read",
            "Microsoft.KeyVault/deletedVaults/read",
            "Microsoft.KeyVault/locations/*/read",
            "Microsoft.KeyVault/vaults/*/read",
            "Microsoft.KeyVault/operations/read",
        ],
        dataActions: ["Microsoft.KeyVault/vaults/secrets/*"],
    }),
    role("12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User", {
        dataActions: [
            "Microsoft.KeyVault/vaults/keys/read",
            "Microsoft.KeyVault/vaults/keys/update/action",
            "Microsoft.KeyVault/vaults/keys/backup/action",
            "Microsoft.KeyVault/vaults/keys/encrypt/action",
            "Microsoft.KeyVault/vaults/keys/decrypt/action",
            "Microsoft.KeyVault/vaults/keys/wrap/action",
            "Microsoft.KeyVault/vaults/keys/unwrap/action",
            "Microsoft.KeyVault/vaults/keys/sign/action",
            "Microsoft.KeyVault/vaults/keys/verify/action",
        ],
    }),
    role("e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User", {
        actions: [
            "Microsoft.EventGrid/eventSubscriptions/write",
            "Microsoft.EventGrid/eventSubscriptions/read",
            "Microsoft.EventGrid/eventSubscriptions/delete",
        ],
        dataActions: [
            "Microsoft.KeyVault/vaults/keys/read",
            "Microsoft.KeyVault/vaults/keys/wrap/action",
            "Microsoft.KeyVault/vaults/keys/unwrap/action",
        ],
    }),
    role("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator", {
        actions: [
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*",
            "Microsoft.KeyVault/checkNameAvailability/read",
            "Microsoft.KeyVault/deletedVaults/read",
            "Microsoft.KeyVault/locations/*/read",
            "Microsoft.KeyVault/vaults/*/read",
            "Microsoft.KeyVault/operations/read",
        ],
        dataActions: ["Microsoft.KeyVault/vaults/*"],
    }),
    role("3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher", {
        actions: [
            "Microsoft.Insights/Register/Action",
            "Microsoft.Support/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
        ],
        dataActions: ["Microsoft.Insights/Metrics/Write", "Microsoft.Insights/Telemetry/Write"],
    }),
];

const byGuid = new Map(BUILTIN_ROLES.map((r) => [r.guid, r]));

/** The built-in role with this GUID (lower-case), when the table has it. */
export function builtinRole(guid: string): RoleDefinition | undefined {
    return byGuid.get(guid.toLowerCase());
}
