import type { ManifestRow } from "./row";

/** The AWS policies, in the order of policypack/policies/aws/index.ts. */
export const AWS_MANIFEST: readonly ManifestRow[] = [
    ["aws-iam-no-admin-access", "mandatory", "critical"],
    ["aws-iam-no-full-service-access", "mandatory", "critical"],
    ["aws-iam-no-service-wildcards", "advisory", "high"],
    ["aws-iam-no-unscoped-resources", "advisory", "medium"],
    ["aws-iam-no-privilege-escalation", "mandatory", "critical"],
    ["aws-iam-passrole-scoped", "mandatory", "high"],
    ["aws-iam-no-broad-managed-policies", "mandatory", "high"],
    ["aws-lambda-dedicated-role", "mandatory", "high"],
    ["aws-lambda-role-trust", "advisory", "medium"],
    ["aws-lambda-role-policies-exclusive", "advisory", "low"],
    ["aws-lambda-permission-not-public", "mandatory", "critical"],
    ["aws-lambda-permission-source-scoped", "advisory", "medium"],
    ["aws-lambda-url-auth", "mandatory", "critical"],
    ["aws-iam-no-resource-exposure", "advisory", "high"],
    ["aws-iam-no-credentials-exposure", "advisory", "high"],
    ["aws-iam-valid-actions", "advisory", "low"],
    ["aws-lambda-no-plaintext-secrets", "advisory", "high"],
    ["aws-iam-no-access-keys", "advisory", "high"],
    ["aws-audit-trail", "advisory", "medium"],
];
