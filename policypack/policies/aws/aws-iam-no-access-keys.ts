import { AWS_LAMBDA_FUNCTION } from "../../lib/aws/stack-links";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";

const ACCESS_KEY = "aws:iam/accessKey:AccessKey";

export const awsIamNoAccessKeys = defineStackPolicy({
    name: "aws-iam-no-access-keys",
    description:
        "Checks that a stack that runs Lambda functions creates no long-lived IAM access keys.",
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        "Remove the `aws.iam.AccessKey`: functions get short-lived credentials from their own role " +
        "(`AwsFunction`), and callers outside AWS can use IAM Roles Anywhere or OIDC federation.",
    cloud: "aws",
    services: ["iam", "lambda"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "cis", "pci-dss:7.2"],
    config: {},
    validate: (args, report) => {
        if (!args.resources.some((r) => r.type === AWS_LAMBDA_FUNCTION)) {
            return;
        }
        for (const resource of args.resources) {
            if (resource.type === ACCESS_KEY) {
                report({
                    resource,
                    message: `${describeResource(resource.type, resource.name)} creates a long-lived access key in a stack that runs functions`,
                    key: { kind: "AccessKey", value: resource.name },
                });
            }
        }
    },
});
