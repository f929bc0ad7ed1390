// The AWS policies of the pack, in catalogue order (../shared/RULES.md).
import type { PackPolicy } from "../../lib/define-policy";
import { awsIamNoAdminAccess } from "./aws-iam-no-admin-access";

export const awsPolicies: readonly PackPolicy[] = [awsIamNoAdminAccess];
