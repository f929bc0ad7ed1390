import { expandAwsActionPattern, matchesEveryAwsAction } from "../../lib/aws-actions";
import {
    AWS_IDENTITY_DOCUMENT_TYPES,
    listedIgnoringCase,
    allowedOnEveryResource,
} from "../../lib/aws/documents";
import { defineResourcePolicy } from "../../lib/define-policy";
import { quoteList } from "../../lib/finding";

export const awsIamNoResourceExposure = defineResourcePolicy({
    name: "aws-iam-no-resource-exposure",
    description:
        "Checks that no IAM policy allows Permissions-management actions (resource policies, ACLs, RAM shares) on Resource '*' without a condition.",
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        "A function rarely needs to change who may access a resource. Remove the action, or name the " +
        "resources and add a condition. Reviewed actions can be added to `allowedActions`.",
    cloud: "aws",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "pci-dss:7.2", "soc2:CC6.3"],
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
        // Cloudsplaining's ResourceExposure: an unconditional Allow on every resource.
        for (const { document, pattern } of allowedOnEveryResource(resource, {
            skip: (pattern) =>
                matchesEveryAwsAction(pattern) ||
                listedIgnoringCase(config.allowedActions, pattern),
            unconditional: true,
        })) {
            const exposing = expandAwsActionPattern(pattern).filter(
                (a) => a.accessLevel === "Permissions management",
            );
            if (exposing.length > 0) {
                report({
                    message: `${document.at} allows '${pattern}' on '*' without a condition, which can change who may access resources (${quoteList(
                        exposing.map((a) => a.action),
                        2,
                    )})`,
                    key: { kind: "Action", value: pattern },
                });
            }
        }
    },
});
