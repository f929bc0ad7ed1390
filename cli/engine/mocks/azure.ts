/**
 * Computed outputs of Azure (azure-native) resources: ARM resource IDs, managed identity principal and
 * client IDs, function app host names and identities. Property names follow @pulumi/azure-native.
 */
import { stableUuid, type MockContext, type MockResult, type OutputRule } from "./context";

function resourceGroupId(c: MockContext): string {
    return `/subscriptions/${c.clouds.azure.subscriptionId}/resourceGroups/${c.input("resourceGroupName") ?? "rg"}`;
}

function armId(c: MockContext, provider: string, path: string): string {
    // A resource read with `.get` has the ID it was read by.
    return c.readId ?? `${resourceGroupId(c)}/providers/${provider}/${path}`;
}

/**
 * Principal and client IDs derive from the identity's resource ID, so a function app that references
 * an identity by ID reports the same principal the identity resource does.
 */
export function identityIds(identityId: string): { principalId: string; clientId: string } {
    return {
        principalId: stableUuid(`${identityId}::principal`),
        clientId: stableUuid(`${identityId}::client`),
    };
}

/** The `identity` output of a site: principals for system- and user-assigned identities. */
function siteIdentity(c: MockContext, siteId: string): Record<string, unknown> | undefined {
    const identity = c.inputs.identity;
    if (typeof identity !== "object" || identity === null) {
        return undefined;
    }
    const given = identity as Record<string, unknown>;
    const type = typeof given.type === "string" ? given.type : "";
    const assigned = Array.isArray(given.userAssignedIdentities)
        ? given.userAssignedIdentities.filter((id): id is string => typeof id === "string")
        : [];
    return {
        ...given,
        ...(type.includes("SystemAssigned")
            ? {
                  principalId: c.computed(identityIds(siteId).principalId),
                  tenantId: c.computed(c.clouds.azure.tenantId),
              }
            : {}),
        ...(assigned.length > 0
            ? {
                  userAssignedIdentities: c.computed(
                      Object.fromEntries(assigned.map((id) => [id, identityIds(id)])),
                  ),
              }
            : {}),
    };
}

/** A resource whose name comes from `nameKey` and whose ID is `<provider>/<collection>/<name>`. */
function armResource(provider: string, collection: string, nameKey: string): OutputRule {
    return (c) => {
        const name = c.physicalName(nameKey);
        return { id: armId(c, provider, `${collection}/${name}`), outputs: { name } };
    };
}

/** A child resource: its ID extends the parent's, which is built from the parent's name input. */
function childResource(
    provider: string,
    parent: [collection: string, nameKey: string],
    path: string,
    nameKey: string,
): OutputRule {
    return (c) => {
        const name = c.physicalName(nameKey);
        const parentPath = `${parent[0]}/${c.input(parent[1]) ?? "parent"}`;
        return { id: armId(c, provider, `${parentPath}/${path}/${name}`), outputs: { name } };
    };
}

const storageAccount: OutputRule = (c): MockResult => {
    const name = c.physicalName("accountName", "lowercase-alphanumeric").slice(0, 24);
    const endpoint = (service: string): string => `https://${name}.${service}.core.windows.net/`;
    return {
        id: armId(c, "Microsoft.Storage", `storageAccounts/${name}`),
        outputs: {
            name,
            primaryEndpoints: c.computed({
                blob: endpoint("blob"),
                queue: endpoint("queue"),
                table: endpoint("table"),
                file: endpoint("file"),
                dfs: endpoint("dfs"),
                web: `https://${name}.z13.web.core.windows.net/`,
            }),
        },
    };
};

const webApp: OutputRule = (c) => {
    const name = c.physicalName();
    const id = armId(c, "Microsoft.Web", `sites/${name}`);
    const identity = siteIdentity(c, id);
    return {
        id,
        outputs: {
            name,
            defaultHostName: c.computed(`${name}.azurewebsites.net`),
            ...(identity ? { identity } : {}),
        },
    };
};

export const azureOutputs: Readonly<Record<string, OutputRule>> = {
    "azure-native:resources:ResourceGroup": (c) => {
        const name = c.physicalName("resourceGroupName");
        return {
            id: `/subscriptions/${c.clouds.azure.subscriptionId}/resourceGroups/${name}`,
            outputs: { name, location: c.inputs.location ?? c.clouds.azure.location },
        };
    },
    "azure-native:managedidentity:UserAssignedIdentity": (c) => {
        const name = c.readId?.split("/").pop() ?? c.physicalName("resourceName");
        const id = armId(c, "Microsoft.ManagedIdentity", `userAssignedIdentities/${name}`);
        const { principalId, clientId } = identityIds(id);
        return {
            id,
            outputs: {
                name,
                principalId: c.computed(principalId),
                clientId: c.computed(clientId),
                tenantId: c.computed(c.clouds.azure.tenantId),
                type: "Microsoft.ManagedIdentity/userAssignedIdentities",
            },
        };
    },
    // A role definition's ID is `<scope>/providers/Microsoft.Authorization/roleDefinitions/<GUID>`.
    "azure-native:authorization:RoleDefinition": (c) => {
        const guid = c.input("roleDefinitionId") ?? c.uuid("role-definition");
        const scope = c.input("scope") ?? `/subscriptions/${c.clouds.azure.subscriptionId}`;
        return {
            id: `${scope}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
            outputs: { name: guid, type: "Microsoft.Authorization/roleDefinitions" },
        };
    },
    "azure-native:web:WebApp": webApp,
    "azure-native:web:AppServicePlan": armResource("Microsoft.Web", "serverfarms", "name"),
    "azure-native:storage:StorageAccount": storageAccount,
    "azure-native:storage:BlobContainer": childResource(
        "Microsoft.Storage",
        ["storageAccounts", "accountName"],
        "blobServices/default/containers",
        "containerName",
    ),
    "azure-native:storage:Queue": childResource(
        "Microsoft.Storage",
        ["storageAccounts", "accountName"],
        "queueServices/default/queues",
        "queueName",
    ),
    "azure-native:storage:Table": childResource(
        "Microsoft.Storage",
        ["storageAccounts", "accountName"],
        "tableServices/default/tables",
        "tableName",
    ),
    "azure-native:authorization:RoleAssignment": (c) => {
        const name = c.input("roleAssignmentName") ?? c.uuid("assignment");
        const scope = c.input("scope") ?? resourceGroupId(c);
        return {
            id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
            outputs: { name, type: "Microsoft.Authorization/roleAssignments" },
        };
    },
    "azure-native:keyvault:Vault": (c) => {
        const name = c.physicalName("vaultName");
        const properties = c.inputs.properties;
        return {
            id: armId(c, "Microsoft.KeyVault", `vaults/${name}`),
            outputs: {
                name,
                properties: {
                    ...(typeof properties === "object" ? properties : {}),
                    vaultUri: c.computed(`https://${name}.vault.azure.net/`),
                },
            },
        };
    },
    "azure-native:keyvault:Secret": childResource(
        "Microsoft.KeyVault",
        ["vaults", "vaultName"],
        "secrets",
        "secretName",
    ),
    "azure-native:keyvault:Key": childResource(
        "Microsoft.KeyVault",
        ["vaults", "vaultName"],
        "keys",
        "keyName",
    ),
    "azure-native:servicebus:Namespace": (c) => {
        const name = c.physicalName("namespaceName");
        return {
            id: armId(c, "Microsoft.ServiceBus", `namespaces/${name}`),
            outputs: {
                name,
                serviceBusEndpoint: c.computed(`https://${name}.servicebus.windows.net:443/`),
            },
        };
    },
    "azure-native:servicebus:Queue": childResource(
        "Microsoft.ServiceBus",
        ["namespaces", "namespaceName"],
        "queues",
        "queueName",
    ),
    "azure-native:eventhub:Namespace": armResource(
        "Microsoft.EventHub",
        "namespaces",
        "namespaceName",
    ),
    "azure-native:eventhub:EventHub": childResource(
        "Microsoft.EventHub",
        ["namespaces", "namespaceName"],
        "eventhubs",
        "eventHubName",
    ),
    "azure-native:documentdb:DatabaseAccount": (c) => {
        const name = c.physicalName("accountName", "lowercase-alphanumeric");
        return {
            id: armId(c, "Microsoft.DocumentDB", `databaseAccounts/${name}`),
            outputs: {
                name,
                documentEndpoint: c.computed(`https://${name}.documents.azure.com:443/`),
            },
        };
    },
    // azure-native v3 names the Cosmos DB module `cosmosdb` (v2 called it `documentdb`).
    "azure-native:cosmosdb:DatabaseAccount": (c) => {
        const name = c.physicalName("accountName", "lowercase-alphanumeric");
        return {
            id: armId(c, "Microsoft.DocumentDB", `databaseAccounts/${name}`),
            outputs: {
                name,
                documentEndpoint: c.computed(`https://${name}.documents.azure.com:443/`),
            },
        };
    },
    "azure-native:cosmosdb:SqlResourceSqlRoleAssignment": (c) => {
        const name = c.input("roleAssignmentId") ?? c.uuid("assignment");
        const account = `databaseAccounts/${c.input("accountName") ?? "account"}`;
        return {
            id: armId(c, "Microsoft.DocumentDB", `${account}/sqlRoleAssignments/${name}`),
            outputs: { name },
        };
    },
    "azure-native:operationalinsights:Workspace": (c) => {
        const name = c.physicalName("workspaceName");
        return {
            id: armId(c, "Microsoft.OperationalInsights", `workspaces/${name}`),
            outputs: { name, customerId: c.computed(c.uuid("customer")) },
        };
    },
    "azure-native:monitor:DiagnosticSetting": (c) => {
        const name = c.physicalName();
        const target = c.input("resourceUri") ?? resourceGroupId(c);
        return {
            id: `${target}/providers/Microsoft.Insights/diagnosticSettings/${name}`,
            outputs: { name },
        };
    },
    "azure-native:servicebus:Topic": childResource(
        "Microsoft.ServiceBus",
        ["namespaces", "namespaceName"],
        "topics",
        "topicName",
    ),
};

/** Any other azure-native resource: an ARM ID from its module and type token. */
export const azureFallback: OutputRule = (c) => {
    const [, module = "resources", typeName = "resource"] = c.type.split(":");
    const collection = `${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}s`;
    const nameKey = `${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}Name`;
    const name = c.input(nameKey) ?? c.physicalName();
    const provider = `Microsoft.${module.charAt(0).toUpperCase()}${module.slice(1)}`;
    return { id: armId(c, provider, `${collection}/${name}`), outputs: {} };
};
