import { expandAwsActionPattern, matchesEveryAwsAction } from "../../lib/aws-actions";
import {
    allowedOnEveryResource,
    AWS_IDENTITY_DOCUMENT_TYPES,
    listedIgnoringCase,
} from "../../lib/aws/documents";
import { returnsCredentials } from "../../lib/aws/risks";
import { describeScope } from "../../lib/aws/statements";
import { defineResourcePolicy } from "../../lib/define-policy";
import { quoteList } from "../../lib/finding";

export const awsIamNoCredentialsExposure = defineResourcePolicy({
    name: "aws-iam-no-credentials-exposure",
    description:
        "Checks that no IAM policy allows, on Resource '*', actions that return credentials (sts:AssumeRole, iam:CreateAccessKey, ecr:GetAuthorizationToken, ...).",
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        "Name the exact roles, users or resources the credentials are for, or remove the action; " +
        "reviewed actions can be added to `allowedActions`.",
    cloud: "aws",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "pci-dss:7.2"],
    resourceTypes: AWS_IDENTITY_DOCUMENT_TYPES,
    config: {
        allowedActions: {
            type: "array",
            items: { type: "string" },
            description: "Action patterns allowed anyway, compared without regard to case.",
            default: [] as string[],
        },
    },
    validate: (resource, report, config) => {
        // Cloudsplaining's CredentialsExposure: flagged when allowed without resource constraints.
        for (const { document, statement, pattern } of allowedOnEveryResource(resource, {
            skip: (pattern) =>
                matchesEveryAwsAction(pattern) ||
                listedIgnoringCase(config.allowedActions, pattern),
        })) {
            const exposing = expandAwsActionPattern(pattern).filter((a) =>
                returnsCredentials(a.action),
            );
            if (exposing.length > 0) {
                report({
                    message: `${document.at} allows '${pattern}' ${describeScope(statement)}, which returns credentials (${quoteList(
                        exposing.map((a) => a.action),
                        2,
                    )})`,
                    key: { kind: "Action", value: pattern },
                });
            }
        }
    },
});
