/**
 * Perimeter for Google Cloud: `import { GcpFunction, GcpAuditLogs } from "perimeter/gcp"`.
 * Loads @pulumi/gcp only; never the AWS or Azure SDKs.
 */
import "./provider-sdk";
export type {
    GcpAuditLogsArgs,
    GcpDirectVpc,
    GcpEventTrigger,
    GcpFunctionArgs,
    GcpGrant,
    GcpSecretEnvironmentVariable,
} from "./args";
export { GcpAuditLogs, DATA_ACCESS_LOG_TYPES } from "./audit";
export type { GcpAuditLogsShape, GcpFunctionShape } from "./shape";
export { GcpConditions, type GcpCondition } from "./conditions";
export { GcpFunction } from "./function";
export {
    GCP_ACCESS_LEVELS,
    GCP_ACCESS_TABLE,
    GCP_TARGETS,
    type GcpAccessEntry,
    type GcpTargetKind,
} from "./grants";
export { ACCOUNT_ID_PATTERN, deriveAccountId } from "./identity";
export type { PlannedIamMember } from "./members";
export { planGcpGrants, type PlannedMember } from "./plan";
