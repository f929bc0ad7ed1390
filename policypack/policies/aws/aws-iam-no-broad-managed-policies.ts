import { managedPolicyRefs } from "../../lib/aws/effective-permissions";
import { functionIdentities } from "../../lib/aws/function-identities";
import { describeIdentity } from "../../lib/aws/identity-findings";
import {
    type AwsManagedPolicy,
    awsManagedPolicyName,
    lookupAwsManagedPolicy,
} from "../../lib/aws/managed-policies";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource, quoteList } from "../../lib/finding";

/** AWS-managed policies made for a Lambda function's own role; none grants more than its runtime needs. */
const LAMBDA_EXECUTION_POLICIES = [
    "AWSLambdaBasicExecutionRole",
    "AWSLambdaVPCAccessExecutionRole",
    "AWSLambdaSQSQueueExecutionRole",
    "AWSLambdaDynamoDBExecutionRole",
    "AWSLambdaKinesisExecutionRole",
    "AWSLambdaMSKExecutionRole",
    "AWSXRayDaemonWriteAccess",
    "CloudWatchLambdaInsightsExecutionRolePolicy",
];

function broadness(policy: AwsManagedPolicy): string[] {
    const reasons: string[] = [];
    if (policy.admin) {
        reasons.push("administrator access");
    }
    if (policy.fullAccess.length > 0) {
        reasons.push(`full access to ${quoteList(policy.fullAccess)}`);
    }
    if (policy.permissionsManagement !== undefined) {
        const { count, sample } = policy.permissionsManagement;
        reasons.push(
            `${count} permissions-management actions such as ${quoteList(sample.slice(0, 2))}`,
        );
    }
    return reasons;
}

export const awsIamNoBroadManagedPolicies = defineStackPolicy({
    name: "aws-iam-no-broad-managed-policies",
    description:
        "Checks that no AWS-managed policy granting administrator access, full service access or permissions management is attached to a function's role.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Detach the AWS-managed policy and give the function `AwsFunction` `grants` with the access it " +
        "needs on named resources. Reviewed AWS-managed policies can be added to `allowedPolicies`.",
    cloud: "aws",
    services: ["iam", "lambda"],
    controls: ["nist-800-53:AC-6", "pci-dss:7.2", "soc2:CC6.3", "cis"],
    config: {
        allowedPolicies: {
            type: "array",
            items: { type: "string" },
            description:
                "Names of AWS-managed policies allowed on function roles. The default holds the Lambda execution-role policies.",
            default: LAMBDA_EXECUTION_POLICIES,
        },
    },
    validate: (args, report, config) => {
        const identities = functionIdentities(args.resources);
        const refs = managedPolicyRefs(args.resources);
        const allowed = new Set(config.allowedPolicies.map((n) => n.toLowerCase()));
        for (const identity of identities) {
            const role = identity.role;
            if (role === undefined) {
                continue;
            }
            for (const ref of refs.get(role.urn) ?? []) {
                const name = ref.arn === undefined ? undefined : awsManagedPolicyName(ref.arn);
                const policy = ref.arn === undefined ? undefined : lookupAwsManagedPolicy(ref.arn);
                if (name === undefined || policy === undefined || allowed.has(name.toLowerCase())) {
                    continue;
                }
                const reasons = broadness(policy);
                if (reasons.length === 0) {
                    continue;
                }
                const by =
                    ref.via === role
                        ? "in its managedPolicyArns"
                        : `by ${describeResource(ref.via.type, ref.via.name)}`;
                report({
                    resource: role,
                    message: `${describeIdentity(identity)} has AWS-managed policy '${name}' attached ${by}, which grants ${reasons.join(", ")}`,
                    key: { kind: "Policy", value: ref.arn ?? name },
                });
            }
        }
    },
});
