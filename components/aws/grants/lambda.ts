import type { AwsAccessEntry } from "./access";

/**
 * `lambda:invoke`: lambda:InvokeFunction on one function and its versions and aliases
 * (`<function-arn>:*`). The resource is another `AwsFunction` or a function ARN; the caller gets
 * the callee's name in its environment.
 */
export const lambdaAccess: readonly AwsAccessEntry[] = [
    {
        access: "lambda:invoke",
        summary: "Invoke the function (any version or alias).",
        arnService: "lambda",
        resourceDescription:
            "another `AwsFunction`, or a function ARN `arn:aws:lambda:<region>:<account>:function:<name>`",
        acceptsPrefix: false,
        statements: [{ actions: ["lambda:InvokeFunction"], resources: ["{arn}", "{arn}:*"] }],
        conditionKeys: [],
    },
];
