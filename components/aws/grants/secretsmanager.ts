import type { AwsAccessEntry } from "./access";

/**
 * `secretsmanager:read`: secretsmanager:GetSecretValue and secretsmanager:DescribeSecret on one
 * secret. A secret encrypted with a customer managed key also needs a `kms:decrypt` grant.
 */
export const secretsmanagerAccess: readonly AwsAccessEntry[] = [
    {
        access: "secretsmanager:read",
        summary: "Read the value and metadata of the secret.",
        targetPattern:
            /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$/,
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
        keyUse: {
            viaService: "secretsmanager",
            actions: ["kms:Decrypt"],
            operations: [
                {
                    job: "GetSecretValue of a secret encrypted with the key",
                    needs: [{ action: "kms:Decrypt", resource: "{key}" }],
                    source: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html",
                },
            ],
        },
        // DescribeSecret is not needed to read the value: it is granted for clients that check
        // rotation and version stages first, and counted as excess in docs/grants.md.
        operations: [
            {
                job: "GetSecretValue of the secret (current or a given version or stage)",
                needs: [{ action: "secretsmanager:GetSecretValue", resource: "{arn}" }],
                source: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html",
            },
        ],
    },
];
