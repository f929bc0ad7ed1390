import { functionIdentities } from "../../lib/aws/function-identities";
import { describeIdentity } from "../../lib/aws/identity-findings";
import {
    resourceIndexOf,
    AWS_LAMBDA_FUNCTION,
    AWS_ROLE,
    linkedBy,
    ResourceIndex,
} from "../../lib/aws/stack-links";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import type { StackResource } from "../../lib/stack/resource";

/**
 * Properties through which other resources run as, or hand out, a role: instance profiles (`role`),
 * ECS task definitions, Step Functions, CodeBuild, Glue, SageMaker, App Runner and friends.
 */
const ROLE_USING_PROPERTIES = [
    "role",
    "roleArn",
    "roles",
    "executionRoleArn",
    "taskRoleArn",
    "serviceRole",
    "serviceRoleArn",
    "iamRoleArn",
    "instanceRoleArn",
    "accessRoleArn",
];

/** Types that name a role only to give it permissions, not to use it. */
const NOT_USERS = new Set([
    AWS_LAMBDA_FUNCTION,
    AWS_ROLE,
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
]);

/** Every resource other than a function that names one of the given roles. */
function otherUsers(
    resources: readonly StackResource[],
    roles: ResourceIndex,
): Map<string, StackResource[]> {
    const users = new Map<string, StackResource[]>();
    for (const resource of resources) {
        if (NOT_USERS.has(resource.type) || !resource.type.startsWith("aws:")) {
            continue;
        }
        for (const property of ROLE_USING_PROPERTIES) {
            for (const role of linkedBy(resource, property, roles).resources) {
                const list = users.get(role.urn) ?? [];
                if (!list.includes(resource)) {
                    list.push(resource);
                }
                users.set(role.urn, list);
            }
        }
    }
    return users;
}

export const awsLambdaDedicatedRole = defineStackPolicy({
    name: "aws-lambda-dedicated-role",
    description:
        "Checks that each Lambda function's role is used by exactly one function and by no other resource.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Give every function its own role: `AwsFunction` creates one per function by default. Do not " +
        "pass one role to several functions (`existingRoleArn`) or to other services.",
    cloud: "aws",
    services: ["iam", "lambda"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3", "pci-dss:7.2"],
    config: {},
    validate: (args, report) => {
        const identities = functionIdentities(args.resources);
        const roles = resourceIndexOf(AWS_ROLE, args.resources);
        const users = otherUsers(args.resources, roles);
        for (const identity of identities) {
            const target = identity.role ?? identity.functions[0];
            const key = { kind: "Role", value: identity.role?.name ?? identity.roleArn ?? "" };
            if (identity.functions.length > 1) {
                report({
                    resource: target,
                    message: `${describeIdentity(identity)} is shared by ${identity.functions.length} functions; each function needs its own role`,
                    key,
                });
            }
            const others = identity.role === undefined ? [] : (users.get(identity.role.urn) ?? []);
            for (const other of others) {
                report({
                    resource: target,
                    message: `${describeIdentity(identity)} is also used by ${describeResource(other.type, other.name)}`,
                    key: { kind: "UsedBy", value: other.urn },
                });
            }
        }
    },
});
