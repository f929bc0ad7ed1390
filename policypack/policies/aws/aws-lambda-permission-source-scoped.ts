import { listedIgnoringCase } from "../../lib/aws/documents";
import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { isSetOrUnknown } from "../../lib/known-value";

/** S3 bucket ARNs carry no account, so a bucket name taken over in another account would match. */
const NEEDS_SOURCE_ACCOUNT = new Set(["s3.amazonaws.com"]);

export const awsLambdaPermissionSourceScoped = defineResourcePolicy({
    name: "aws-lambda-permission-source-scoped",
    description:
        "Checks that a Lambda permission for a service principal carries sourceArn (and sourceAccount for S3).",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Use `AwsFunction` `allowInvokeFrom`, which always sets `sourceArn` (and `sourceAccount` for S3), " +
        "or set them on the `aws.lambda.Permission` so only your bucket, topic or rule can invoke.",
    cloud: "aws",
    services: ["lambda"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "cis"],
    resourceTypes: ["aws:lambda/permission:Permission"],
    config: {
        unscopedServices: {
            type: "array",
            items: { type: "string" },
            description:
                "Service principals allowed without sourceArn, e.g. services that send no source ARN.",
            default: [] as string[],
        },
    },
    validate: (resource, report, config) => {
        const principal = resource.props["principal"];
        if (
            typeof principal !== "string" ||
            !principal.endsWith(".amazonaws.com") ||
            listedIgnoringCase(config.unscopedServices, principal)
        ) {
            return;
        }
        const subject = describeResource(resource.type, resource.name);
        if (!isSetOrUnknown(resource.props, "sourceArn")) {
            report({
                message: `${subject} lets '${principal}' invoke the function on behalf of any resource (no sourceArn)`,
                key: { kind: "Property", value: "sourceArn" },
            });
        }
        if (
            NEEDS_SOURCE_ACCOUNT.has(principal) &&
            !isSetOrUnknown(resource.props, "sourceAccount")
        ) {
            report({
                message: `${subject} lets '${principal}' invoke the function without sourceAccount; bucket ARNs name no account`,
                key: { kind: "Property", value: "sourceAccount" },
            });
        }
    },
});
