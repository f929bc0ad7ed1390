import type { AwsAccessEntry } from "./access";

/**
 * `ssm:read`: ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath on one parameter path
 * and the parameters below it. The resource is the path (`/orders/prod`, turned into the ARN of
 * the function's region and account) or a parameter ARN.
 */
export const ssmAccess: readonly AwsAccessEntry[] = [
    {
        access: "ssm:read",
        summary: "Read the parameter at the path and every parameter below it.",
        targetPattern:
            /^arn:aws[a-z-]*:ssm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:parameter\/[A-Za-z0-9_.\-/]{1,1011}$/,
        arnService: "ssm",
        resourceDescription:
            "a parameter path such as `/orders/prod`, or its ARN `arn:aws:ssm:<region>:<account>:parameter/orders/prod`",
        acceptsPrefix: false,
        statements: [
            {
                actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
                resources: ["{arn}", "{arn}/*"],
            },
        ],
        conditionKeys: ["ssm:Recursive"],
        keyUse: {
            viaService: "ssm",
            actions: ["kms:Decrypt"],
            operations: [
                {
                    job: "GetParameter WithDecryption of a SecureString encrypted with the key",
                    needs: [{ action: "kms:Decrypt", resource: "{key}" }],
                    source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html",
                },
            ],
        },
        operations: [
            {
                job: "GetParameter of the parameter at the path, and of one below it",
                needs: [
                    { action: "ssm:GetParameter", resource: "{arn}" },
                    { action: "ssm:GetParameter", resource: "{arn}/db/password" },
                ],
                source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html",
            },
            {
                job: "GetParameters of several parameters below the path",
                needs: [{ action: "ssm:GetParameters", resource: "{arn}/db/password" }],
                source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html",
            },
            {
                job: "GetParametersByPath of the path",
                needs: [{ action: "ssm:GetParametersByPath", resource: "{arn}" }],
                source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html",
            },
        ],
    },
];
