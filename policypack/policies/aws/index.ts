// The AWS policies of the pack, in catalogue order (../shared/RULES.md).
import type { PackPolicy } from "../../lib/define-policy";
import { awsAuditTrail } from "./aws-audit-trail";
import { awsIamNoAccessKeys } from "./aws-iam-no-access-keys";
import { awsIamNoAdminAccess } from "./aws-iam-no-admin-access";
import { awsIamNoBroadManagedPolicies } from "./aws-iam-no-broad-managed-policies";
import { awsIamNoCredentialsExposure } from "./aws-iam-no-credentials-exposure";
import { awsIamNoFullServiceAccess } from "./aws-iam-no-full-service-access";
import { awsIamNoPrivilegeEscalation } from "./aws-iam-no-privilege-escalation";
import { awsIamNoResourceExposure } from "./aws-iam-no-resource-exposure";
import { awsIamNoServiceWildcards } from "./aws-iam-no-service-wildcards";
import { awsIamNoUnscopedResources } from "./aws-iam-no-unscoped-resources";
import { awsIamPassroleScoped } from "./aws-iam-passrole-scoped";
import { awsIamValidActions } from "./aws-iam-valid-actions";
import { awsLambdaDedicatedRole } from "./aws-lambda-dedicated-role";
import { awsLambdaNoPlaintextSecrets } from "./aws-lambda-no-plaintext-secrets";
import { awsLambdaPermissionNotPublic } from "./aws-lambda-permission-not-public";
import { awsLambdaPermissionSourceScoped } from "./aws-lambda-permission-source-scoped";
import { awsLambdaRolePoliciesExclusive } from "./aws-lambda-role-policies-exclusive";
import { awsLambdaRoleTrust } from "./aws-lambda-role-trust";
import { awsLambdaUrlAuth } from "./aws-lambda-url-auth";

export const awsPolicies: readonly PackPolicy[] = [
    awsIamNoAdminAccess,
    awsIamNoFullServiceAccess,
    awsIamNoServiceWildcards,
    awsIamNoUnscopedResources,
    awsIamNoPrivilegeEscalation,
    awsIamPassroleScoped,
    awsIamNoBroadManagedPolicies,
    awsLambdaDedicatedRole,
    awsLambdaRoleTrust,
    awsLambdaRolePoliciesExclusive,
    awsLambdaPermissionNotPublic,
    awsLambdaPermissionSourceScoped,
    awsLambdaUrlAuth,
    awsIamNoResourceExposure,
    awsIamNoCredentialsExposure,
    awsIamValidActions,
    awsLambdaNoPlaintextSecrets,
    awsIamNoAccessKeys,
    awsAuditTrail,
];
