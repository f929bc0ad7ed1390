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
    },
];
