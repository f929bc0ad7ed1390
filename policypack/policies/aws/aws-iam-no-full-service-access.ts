import { isServiceWideAwsPattern } from "../../lib/aws-actions";
import { allowedOnEveryResource, AWS_IDENTITY_DOCUMENT_TYPES } from "../../lib/aws/documents";
import { describeScope } from "../../lib/aws/statements";
import { defineResourcePolicy } from "../../lib/define-policy";

/**
 * `s3:*` on `*`: a whole service on every resource. Mandatory, as cdk-nag's AwsSolutions-IAM5 (an
 * error) and Checkov's CKV_AWS_355 fail it by default; the same wildcard scoped to named resources stays with the
 * advisory aws-iam-no-service-wildcards, and `*` itself with aws-iam-no-admin-access.
 */
export const awsIamNoFullServiceAccess = defineResourcePolicy({
    name: "aws-iam-no-full-service-access",
    description:
        "Checks that no IAM policy allows every action of a service ('s3:*') on every resource ('*').",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "List the exact actions on the exact resources the function uses, or use an `AwsFunction` grant " +
        'whose access level names them (for example `{ name: "uploads", access: "s3:read", resource: ' +
        "bucket.arn }`). A service wildcard on named resources is reported by the advisory " +
        "aws-iam-no-service-wildcards instead.",
    cloud: "aws",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "pci-dss:7.2", "soc2:CC6.1", "soc2:CC6.3", "cis"],
    resourceTypes: AWS_IDENTITY_DOCUMENT_TYPES,
    config: {},
    validate: (resource, report) => {
        for (const { document, statement, pattern } of allowedOnEveryResource(resource, {
            skip: (pattern) => !isServiceWideAwsPattern(pattern),
        })) {
            report({
                message: `${document.at} allows every '${pattern.split(":")[0] ?? ""}' action ('${pattern}') ${describeScope(statement)}`,
                key: { kind: "Action", value: pattern },
            });
        }
    },
});
