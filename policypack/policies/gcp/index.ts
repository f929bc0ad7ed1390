// The GCP policies of the pack, in catalogue order (../shared/RULES.md).
import type { PackPolicy } from "../../lib/define-policy";

export const gcpPolicies: readonly PackPolicy[] = [];
