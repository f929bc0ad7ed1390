/** Resource IDs shaped like the ones azure-native returns, for grants in tests. */
export const SUB = "11111111-2222-3333-4444-555555555555";
const RG = `/subscriptions/${SUB}/resourceGroups/app`;
export const ACCOUNT = `${RG}/providers/Microsoft.Storage/storageAccounts/data`;
export const CONTAINER = `${ACCOUNT}/blobServices/default/containers/uploads`;
export const QUEUE = `${ACCOUNT}/queueServices/default/queues/jobs`;
export const TABLE = `${ACCOUNT}/tableServices/default/tables/orders`;
export const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/secrets-kv`;
export const SECRET = `${VAULT}/secrets/api-token`;
export const KEY = `${VAULT}/keys/signing`;
export const SB_QUEUE = `${RG}/providers/Microsoft.ServiceBus/namespaces/bus/queues/orders`;
export const EVENT_HUB = `${RG}/providers/Microsoft.EventHub/namespaces/events/eventhubs/clicks`;
export const COSMOS = `${RG}/providers/Microsoft.DocumentDB/databaseAccounts/docs`;
export const COSMOS_DB = `${COSMOS}/dbs/shop`;
export const SITE = `${RG}/providers/Microsoft.Web/sites/worker`;
export const RESOURCE_GROUP = RG;

export const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
export const WEB_APP = "azure-native:web:WebApp";

export function roleDefinition(guid: string): string {
    return `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}
