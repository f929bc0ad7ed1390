import { functionIdentities } from "../../lib/aws/function-identities";
import { describeIdentity } from "../../lib/aws/identity-findings";
import {
    resourceIndexOf,
    AWS_ROLE,
    AWS_ROLE_POLICIES_EXCLUSIVE,
    AWS_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
    linkedBy,
} from "../../lib/aws/stack-links";
import { defineStackPolicy } from "../../lib/define-policy";

/**
 * A policy attached to a function's role in the console is a new resource Pulumi does not know, so
 * `pulumi refresh` cannot see it. `aws.iam.RolePoliciesExclusive` and
 * `aws.iam.RolePolicyAttachmentsExclusive` own the role's inline policies and managed attachments:
 * refresh then shows any other one as drift and `pulumi up` removes it (pinned provider docs,
 * @pulumi/aws 7.48.0: "Policies attached to this role but not configured in this argument will be
 * removed").
 */
export const awsLambdaRolePoliciesExclusive = defineStackPolicy({
    name: "aws-lambda-role-policies-exclusive",
    description:
        "Checks that the policy set of each Lambda function's role (created in the stack) is owned exclusively, so policies added outside the program show as drift and are removed.",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add `aws.iam.RolePoliciesExclusive` (the role's inline policy names) and " +
        "`aws.iam.RolePolicyAttachmentsExclusive` (its managed policy ARNs) for the role; `AwsFunction` " +
        "creates both unless `exclusivePolicies: false`. Then `pulumi refresh` reports policies added " +
        "in the console and `pulumi up` removes them.",
    cloud: "aws",
    services: ["iam", "lambda"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1"],
    config: {},
    validate: (args, report) => {
        const roles = resourceIndexOf(AWS_ROLE, args.resources);
        const owned = (type: string): Set<string> =>
            new Set(
                args.resources
                    .filter((r) => r.type === type)
                    .flatMap((r) =>
                        linkedBy(r, "roleName", roles).resources.map((role) => role.urn),
                    ),
            );
        const inline = owned(AWS_ROLE_POLICIES_EXCLUSIVE);
        const attached = owned(AWS_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE);
        for (const identity of functionIdentities(args.resources)) {
            const role = identity.role;
            if (role === undefined) continue;
            const missing = [
                ...(inline.has(role.urn) ? [] : ["RolePoliciesExclusive (inline policies)"]),
                ...(attached.has(role.urn)
                    ? []
                    : ["RolePolicyAttachmentsExclusive (managed attachments)"]),
            ];
            if (missing.length > 0) {
                report({
                    resource: role,
                    message: `${describeIdentity(identity)} has no ${missing.join(" and no ")}: a policy added to it outside the program would not show as drift after \`pulumi refresh\``,
                    key: { kind: "Role", value: role.name },
                });
            }
        }
    },
});
