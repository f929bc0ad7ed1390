import type { ManifestRow } from "./row";

/** The gcp policies, in the order of policypack/policies/gcp/index.ts. */
export const GCP_MANIFEST: readonly ManifestRow[] = [];
