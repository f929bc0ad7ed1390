// The stack-wide policies of the pack, in catalogue order (../shared/RULES.md).
import type { PackPolicy } from "../../lib/define-policy";
import { stackCallChainEscalation } from "./stack-call-chain-escalation";
import { stackExemptionsValid } from "./stack-exemptions-valid";

// stack-exemptions-valid must stay last: it judges the exemptions every other policy has read.
export const stackPolicies: readonly PackPolicy[] = [
    stackCallChainEscalation,
    stackExemptionsValid,
];
