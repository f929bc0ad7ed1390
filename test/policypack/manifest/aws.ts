import type { ManifestRow } from "./row";

/** The AWS policies, in the order of policypack/policies/aws/index.ts. */
export const AWS_MANIFEST: readonly ManifestRow[] = [
    ["aws-iam-no-admin-access", "mandatory", "critical"],
];
