import type { AwsAccessEntry } from "./access";

/**
 * `secretsmanager:read`: secretsmanager:GetSecretValue and secretsmanager:DescribeSecret on one
 * secret. A secret encrypted with a customer managed key also needs a `kms:decrypt` grant.
 */
export const secretsmanagerAccess: readonly AwsAccessEntry[] = [
    {
        access: "secretsmanager:read",
        summary: "Read the value and metadata of the secret.",
        arnService: "secretsmanager",
        resourceDescription:
            "the secret's ARN, `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>` (e.g. `secret.arn`)",
        acceptsPrefix: false,
        statements: [
            {
                actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                resources: ["{arn}"],
            },
        ],
        conditionKeys: ["secretsmanager:VersionStage", "secretsmanager:VersionId"],
    },
];
