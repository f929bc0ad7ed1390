import { expandAwsActionPattern, matchesEveryAwsAction } from "../../lib/aws-actions";
import {
    AWS_IDENTITY_DOCUMENT_TYPES,
    listedIgnoringCase,
    allowedOnEveryResource,
} from "../../lib/aws/documents";
import { describeScope } from "../../lib/aws/statements";
import { defineResourcePolicy } from "../../lib/define-policy";
import { quoteList } from "../../lib/finding";

/**
 * Lambda needs these on '*' to attach to a VPC (the statement of AWSLambdaVPCAccessExecutionRole and of
 * `AwsFunction` with `vpcConfig`); AWS documents no narrower form for a function's own role.
 */
const LAMBDA_VPC_ACTIONS = [
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
];

export const awsIamNoUnscopedResources = defineResourcePolicy({
    name: "aws-iam-no-unscoped-resources",
    description:
        "Checks that no IAM policy allows, on Resource '*', an action that supports resource-level permissions.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Name the resources (ARNs) the action needs, as `AwsFunction` grants do from their `resource`. " +
        "Actions that only accept '*' (such as xray:PutTraceSegments) are not reported; add other reviewed " +
        "actions to `allowedActions`.",
    cloud: "aws",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "pci-dss:7.2", "soc2:CC6.3"],
    resourceTypes: AWS_IDENTITY_DOCUMENT_TYPES,
    config: {
        allowedActions: {
            type: "array",
            items: { type: "string" },
            description:
                "Action patterns allowed on Resource '*', compared without regard to case. The default holds the network-interface actions a Lambda function in a VPC needs.",
            default: LAMBDA_VPC_ACTIONS,
        },
    },
    validate: (resource, report, config) => {
        for (const { document, statement, pattern } of allowedOnEveryResource(resource, {
            skip: (pattern) =>
                matchesEveryAwsAction(pattern) ||
                listedIgnoringCase(config.allowedActions, pattern),
        })) {
            const scoped = expandAwsActionPattern(pattern).filter(
                (a) => !a.wildcardOnly && !listedIgnoringCase(config.allowedActions, a.action),
            );
            if (scoped.length === 0) {
                continue;
            }
            const which =
                scoped.length === 1 && scoped[0]?.action.toLowerCase() === pattern.toLowerCase()
                    ? ""
                    : `, which reaches ${scoped.length} such actions (${quoteList(
                          scoped.map((a) => a.action),
                          2,
                      )})`;
            report({
                message:
                    `${document.at} allows '${pattern}' ${describeScope(statement)}, but it supports resource-level ` +
                    `permissions${which}`,
                key: { kind: "Action", value: pattern },
            });
        }
    },
});
