import { isKnownAwsService, isUnknownAwsActionPattern } from "../../lib/aws-actions";
import { AWS_IDENTITY_DOCUMENT_TYPES, writtenDocuments } from "../../lib/aws/documents";
import { defineResourcePolicy } from "../../lib/define-policy";
import { hasWildcard } from "../../lib/glob";

function problemWith(pattern: string): string | undefined {
    if (!isUnknownAwsActionPattern(pattern)) {
        return undefined;
    }
    const colon = pattern.indexOf(":");
    const service = colon < 0 ? pattern : pattern.slice(0, colon);
    if (colon < 0) {
        return "is not of the form 'service:Action'";
    }
    if (!hasWildcard(service) && !isKnownAwsService(service)) {
        return `names service '${service}', which AWS does not have`;
    }
    return "matches no AWS action";
}

export const awsIamValidActions = defineResourcePolicy({
    name: "aws-iam-valid-actions",
    description:
        "Checks that every action in an IAM policy names an existing AWS service and action (a typo grants nothing and hides intent).",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Correct the action to its name in the AWS Service Authorization Reference, or remove it. " +
        "`AwsFunction` grants only ever use reviewed action names.",
    cloud: "aws",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3"],
    resourceTypes: AWS_IDENTITY_DOCUMENT_TYPES,
    config: {},
    validate: (resource, report) => {
        for (const document of writtenDocuments(resource)) {
            for (const statement of document.statements) {
                const field = statement.actions !== undefined ? "Action" : "NotAction";
                for (const pattern of statement.actions ?? statement.notActions ?? []) {
                    const problem = problemWith(pattern);
                    if (problem !== undefined) {
                        report({
                            message: `${document.at} ${field} '${pattern}' ${problem}`,
                            key: { kind: "Action", value: pattern },
                        });
                    }
                }
            }
        }
    },
});
