import type { ManifestRow } from "./row";

/** The stack policies, in the order of policypack/policies/stack/index.ts. */
export const STACK_MANIFEST: readonly ManifestRow[] = [
    ["stack-call-chain-escalation", "advisory", "high"],
    ["stack-exemptions-valid", "advisory", "medium"],
];
