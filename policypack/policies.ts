/**
 * Every policy of the pack, listed by hand: adding a rule is a reviewed one-line change here, and the
 * manifest test pins this list. Tests import this module, never index.ts (which starts a server).
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { awsIamNoAdminAccess } from "./policies/aws/aws-iam-no-admin-access";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [awsIamNoAdminAccess];
