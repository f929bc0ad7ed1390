import type { ManifestRow } from "./row";

/** The gcp policies, in the order of policypack/policies/gcp/index.ts. */
export const GCP_MANIFEST: readonly ManifestRow[] = [
    ["gcp-function-dedicated-service-account", "mandatory", "high"],
    ["gcp-function-unique-service-account", "mandatory", "high"],
    ["gcp-iam-no-basic-roles", "mandatory", "high"],
    ["gcp-iam-no-impersonation-roles", "mandatory", "critical"],
    ["gcp-iam-no-privilege-escalation", "mandatory", "critical"],
    ["gcp-function-not-public", "mandatory", "critical"],
    ["gcp-iam-resource-level-grants", "advisory", "medium"],
    ["gcp-function-ingress-internal", "advisory", "medium"],
    ["gcp-no-service-account-keys", "mandatory", "high"],
    ["gcp-iam-no-authoritative-project-policy", "advisory", "medium"],
    ["gcp-audit-data-access", "advisory", "medium"],
    ["gcp-function-build-service-account", "advisory", "medium"],
    ["gcp-function-internal-callee-reachable", "advisory", "medium"],
];
