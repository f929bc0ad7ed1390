import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";

export const awsLambdaUrlAuth = defineResourcePolicy({
    name: "aws-lambda-url-auth",
    description: "Checks that Lambda function URLs use AWS_IAM authorization.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set `authorizationType: "AWS_IAM"` on the `aws.lambda.FunctionUrl` (the `AwsFunction` ' +
        "function URL always does) and grant lambda:InvokeFunctionUrl to the callers.",
    cloud: "aws",
    services: ["lambda"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "pci-dss:7.2", "cis"],
    resourceTypes: ["aws:lambda/functionUrl:FunctionUrl"],
    config: {},
    validate: (resource, report) => {
        const authorization = resource.props["authorizationType"];
        if (authorization !== "AWS_IAM") {
            const shown = typeof authorization === "string" ? authorization : "(not set)";
            report({
                message: `${describeResource(resource.type, resource.name)} uses authorization type '${shown}', so anyone with the URL can invoke the function`,
                key: { kind: "AuthorizationType", value: shown },
            });
        }
    },
});
