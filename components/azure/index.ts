// The Azure components: `import { AzureFunction } from "perimeter/azure"` loads only the Azure SDK
// modules these use (deep imports of @pulumi/azure-native), never AWS or GCP.
import "./provider-sdk";
export { AzureFunction } from "./function";
export { AzureAuditLogs } from "./audit";
export type {
    AzureFunctionShape,
    AzureAuditLogsShape,
    DeclaredAccessEntry,
    PlannedGrantData,
} from "./shape";
export type {
    AzureAuditLogsArgs,
    AzureFunctionArgs,
    AzureFunctionAuthentication,
    AzureFunctionCaller,
    AzureGrant,
} from "./args";
export { blobConditions, type AzureGrantCondition } from "./conditions";
export { AZURE_ACCESS_LEVELS, AZURE_ACCESS_TABLE, type AzureAccessEntry } from "./grants";
export { planAzureGrants, assignmentName, type PlannedGrant } from "./plan";
export { ROLES, COSMOS_ROLES, type BuiltInRole } from "./roles";
