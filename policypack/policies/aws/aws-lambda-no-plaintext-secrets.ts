import { knownValue } from "../../lib/known-value";
import { findSecret } from "../../lib/aws/secrets";
import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource, redact } from "../../lib/finding";
import { globMatch } from "../../lib/glob";
import { recordOf } from "../../lib/values";

export const awsLambdaNoPlaintextSecrets = defineResourcePolicy({
    name: "aws-lambda-no-plaintext-secrets",
    description:
        "Checks that Lambda environment variables hold no literal secrets (credential formats, private keys, passwords in URLs, secret-named literals).",
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        "Keep the secret in Secrets Manager or SSM Parameter Store, pass its ARN or name in the " +
        'environment, and give the function a grant to read it (`access: "secretsmanager:read"` or ' +
        '`"ssm:read"`).',
    cloud: "aws",
    services: ["lambda"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "pci-dss:7.2", "hipaa:164.312"],
    resourceTypes: ["aws:lambda/function:Function"],
    config: {
        ignoredVariables: {
            type: "array",
            items: { type: "string" },
            description:
                "Variable names (globs, case-insensitive) never reported, e.g. 'PUBLIC_*'.",
            default: [] as string[],
        },
    },
    validate: (resource, report, config) => {
        const environment = recordOf(resource.props["environment"]);
        const variables = recordOf(environment?.["variables"]);
        if (variables === undefined) {
            return;
        }
        const subject = describeResource(resource.type, resource.name);
        for (const name of Object.keys(variables)) {
            if (config.ignoredVariables.some((pattern) => globMatch(pattern, name, true))) {
                continue;
            }
            // A value unknown in preview is computed by the program, so it is not a literal secret:
            // skip it rather than give up on the other variables.
            const value = knownValue(() => variables[name]);
            if (typeof value !== "string") {
                continue;
            }
            const secret = findSecret(name, value);
            if (secret !== undefined) {
                report({
                    message: `${subject} environment variable '${name}' holds ${secret.what} in plain text: ${redact(value)}`,
                    key: { kind: "Variable", value: name },
                });
            }
        }
    },
});
