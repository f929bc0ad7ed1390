// Perimeter's AWS components: `import { AwsFunction } from "perimeter/aws"`. Loads @pulumi/aws only,
// never the Azure or GCP SDKs.
import "./provider-sdk";
export { AwsFunction, AWS_FUNCTION_TYPE } from "./function";
export { AwsAuditTrail, AWS_AUDIT_TRAIL_TYPE } from "./audit";
export type {
    AwsAuditTrailArgs,
    AwsFunctionArgs,
    AwsFunctionTarget,
    AwsFunctionVpc,
    AwsGrant,
    AwsInvokeSource,
} from "./args";
export type { AwsAuditTrailShape, AwsFunctionShape } from "./shape";
export type { AwsConditionStatement, AwsGrantConditions } from "./conditions";
export {
    INLINE_POLICY_LIMIT,
    MANAGED_POLICY_LIMIT,
    planAwsGrants,
    type AwsGrantPlan,
    type AwsPlanContext,
    type AwsPlannedDocument,
    type AwsPlannedPermission,
    type AwsPolicyStatement,
    type PlannableGrant,
} from "./plan";
export {
    AWS_ACCESS_LEVELS,
    AWS_ACCESS_TABLE,
    type AwsAccessEntry,
    type AwsOperation,
} from "./grants";
