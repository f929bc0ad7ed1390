import { grantsNothing } from "../../lib/aws/deny";
import {
    type AwsAction,
    expandAwsActionPattern,
    isServiceWideAwsPattern,
    matchesEveryAwsAction,
} from "../../lib/aws-actions";
import {
    AWS_IDENTITY_DOCUMENT_TYPES,
    listedIgnoringCase,
    writtenDocuments,
} from "../../lib/aws/documents";
import { coversEveryResource, describeScope } from "../../lib/aws/statements";
import { defineResourcePolicy } from "../../lib/define-policy";
import { quoteList } from "../../lib/finding";
import { hasWildcard } from "../../lib/glob";

/** The levels that change things; a wildcard over Read and List actions is left alone. */
const CHANGING_LEVELS = new Set(["Write", "Permissions management"]);

function changingActions(pattern: string): AwsAction[] {
    return expandAwsActionPattern(pattern).filter((a) => CHANGING_LEVELS.has(a.accessLevel));
}

export const awsIamNoServiceWildcards = defineResourcePolicy({
    name: "aws-iam-no-service-wildcards",
    description:
        "Checks that no IAM policy allows a service wildcard ('s3:*') on named resources, or a prefix wildcard ('s3:Put*'), that reaches Write or Permissions-management actions.",
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        "List the exact actions the function needs, or use an `AwsFunction` grant whose access level " +
        'names them (for example `{ name: "orders", access: "dynamodb:readwrite", resource: table.arn }`). ' +
        "Read-only wildcards such as 's3:Get*' are not reported; add reviewed patterns to `allowedPatterns`.",
    cloud: "aws",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "pci-dss:7.2", "soc2:CC6.3", "cis"],
    resourceTypes: AWS_IDENTITY_DOCUMENT_TYPES,
    config: {
        allowedPatterns: {
            type: "array",
            items: { type: "string" },
            description:
                "Wildcard action patterns that are reviewed and allowed, compared without regard to case (e.g. 'logs:*').",
            default: [] as string[],
        },
    },
    validate: (resource, report, config) => {
        for (const document of writtenDocuments(resource)) {
            for (const statement of document.statements) {
                if (statement.effect !== "Allow") {
                    continue;
                }
                const everyResource = coversEveryResource(statement);
                for (const pattern of statement.actions ?? []) {
                    // '*' is administrator access, judged by aws-iam-no-admin-access; 's3:*' on every
                    // resource is judged (mandatory) by aws-iam-no-full-service-access.
                    if (
                        !hasWildcard(pattern) ||
                        matchesEveryAwsAction(pattern) ||
                        (everyResource && isServiceWideAwsPattern(pattern)) ||
                        listedIgnoringCase(config.allowedPatterns, pattern) ||
                        grantsNothing(pattern, statement, document.statements)
                    ) {
                        continue;
                    }
                    const changing = changingActions(pattern);
                    if (changing.length === 0) {
                        continue;
                    }
                    const levels = [...new Set(changing.map((a) => a.accessLevel))].join(" and ");
                    report({
                        message:
                            `${document.at} allows '${pattern}' ${describeScope(statement)}, which reaches ` +
                            `${changing.length} ${levels} action${changing.length === 1 ? "" : "s"} such as ${quoteList(changing.slice(0, 2).map((a) => a.action))}`,
                        key: { kind: "Action", value: pattern },
                    });
                }
            }
        }
    },
});
