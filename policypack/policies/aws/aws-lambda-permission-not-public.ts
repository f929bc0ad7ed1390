import { listedIgnoringCase } from "../../lib/aws/documents";
import { lacksScopingConditions } from "../../lib/aws/lambda-permissions";
import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";

export const awsLambdaPermissionNotPublic = defineResourcePolicy({
    name: "aws-lambda-permission-not-public",
    description:
        "Checks that a Lambda permission for principal '*' is scoped by sourceArn, sourceAccount or principalOrgId, and that permissions only allow invoking.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Name the calling service or account as the principal, or scope '*' with `sourceArn`, " +
        "`sourceAccount` or `principalOrgId`; `AwsFunction` `allowInvokeFrom` always sets `sourceArn`. " +
        "Allow only lambda:InvokeFunction or lambda:InvokeFunctionUrl.",
    cloud: "aws",
    services: ["lambda"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "pci-dss:7.2", "cis"],
    resourceTypes: ["aws:lambda/permission:Permission"],
    config: {
        allowedActions: {
            type: "array",
            items: { type: "string" },
            description: "Actions a Lambda permission may allow, compared without regard to case.",
            default: ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"],
        },
    },
    validate: (resource, report, config) => {
        const subject = describeResource(resource.type, resource.name);
        const principal = resource.props["principal"];
        const action = resource.props["action"];
        if (principal === "*" && lacksScopingConditions(resource.props)) {
            report({
                message: `${subject} lets principal '*' (anyone) call the function without sourceArn, sourceAccount or principalOrgId`,
                key: { kind: "Principal", value: "*" },
            });
        }
        if (typeof action === "string" && !listedIgnoringCase(config.allowedActions, action)) {
            report({
                message: `${subject} allows '${action}' to '${typeof principal === "string" ? principal : "?"}'; a function's resource policy should only allow invoking it`,
                key: { kind: "Action", value: action },
            });
        }
    },
});
