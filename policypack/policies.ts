/**
 * Every policy of the pack, listed by hand per cloud (policies/<cloud>/index.ts): adding a rule is a
 * reviewed one-line change there, and the manifest test pins the list. Tests import this module, never
 * index.ts (which starts a server).
 */
import type { PackPolicy } from "./lib/define-policy";
import { awsPolicies } from "./policies/aws";
import { azurePolicies } from "./policies/azure";
import { gcpPolicies } from "./policies/gcp";
import { stackPolicies } from "./policies/stack";

export const policies: PackPolicy[] = [
    ...awsPolicies,
    ...azurePolicies,
    ...gcpPolicies,
    ...stackPolicies,
];
