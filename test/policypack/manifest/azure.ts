import type { ManifestRow } from "./row";

/** The azure policies, in the order of policypack/policies/azure/index.ts. */
export const AZURE_MANIFEST: readonly ManifestRow[] = [];
