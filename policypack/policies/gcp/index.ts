// The GCP policies of the pack, in catalogue order (../shared/RULES.md).
import type { PackPolicy } from "../../lib/define-policy";
import { gcpAuditDataAccess } from "./gcp-audit-data-access";
import { gcpFunctionBuildServiceAccount } from "./gcp-function-build-service-account";
import { gcpFunctionDedicatedServiceAccount } from "./gcp-function-dedicated-service-account";
import { gcpFunctionIngressInternal } from "./gcp-function-ingress-internal";
import { gcpFunctionInternalCalleeReachable } from "./gcp-function-internal-callee-reachable";
import { gcpFunctionNotPublic } from "./gcp-function-not-public";
import { gcpFunctionUniqueServiceAccount } from "./gcp-function-unique-service-account";
import { gcpIamNoAuthoritativeProjectPolicy } from "./gcp-iam-no-authoritative-project-policy";
import { gcpIamNoBasicRoles } from "./gcp-iam-no-basic-roles";
import { gcpIamNoImpersonationRoles } from "./gcp-iam-no-impersonation-roles";
import { gcpIamNoPrivilegeEscalation } from "./gcp-iam-no-privilege-escalation";
import { gcpIamResourceLevelGrants } from "./gcp-iam-resource-level-grants";
import { gcpNoServiceAccountKeys } from "./gcp-no-service-account-keys";

export const gcpPolicies: readonly PackPolicy[] = [
    gcpFunctionDedicatedServiceAccount,
    gcpFunctionUniqueServiceAccount,
    gcpIamNoBasicRoles,
    gcpIamNoImpersonationRoles,
    gcpIamNoPrivilegeEscalation,
    gcpFunctionNotPublic,
    gcpIamResourceLevelGrants,
    gcpFunctionIngressInternal,
    gcpNoServiceAccountKeys,
    gcpIamNoAuthoritativeProjectPolicy,
    gcpAuditDataAccess,
    gcpFunctionBuildServiceAccount,
    gcpFunctionInternalCalleeReachable,
];
