import type { AwsAccessEntry } from "./access";

const FUNCTION =
    "another `AwsFunction`, or a function ARN `arn:aws:lambda:<region>:<account>:function:<name>`";

/**
 * Invoking another function.
 * - `lambda:invoke`: lambda:InvokeFunction on the function and its versions and aliases
 *   (`<function-arn>:*`), for the Invoke API. The caller gets the callee's name in its environment.
 * - `lambda:invoke-url`: lambda:InvokeFunctionUrl and lambda:InvokeFunction on the function, for a
 *   function URL with `AWS_IAM` auth (a signed HTTPS request); since October 2025 a new function URL
 *   needs both. The caller gets the callee's URL in its environment.
 */
export const lambdaAccess: readonly AwsAccessEntry[] = [
    {
        access: "lambda:invoke",
        summary: "Invoke the function (any version or alias).",
        targetPattern:
            /^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}$/,
        arnService: "lambda",
        resourceDescription: FUNCTION,
        acceptsPrefix: false,
        statements: [{ actions: ["lambda:InvokeFunction"], resources: ["{arn}", "{arn}:*"] }],
        conditionKeys: [],
        operations: [
            {
                job: "Invoke (synchronous or Event) of the function",
                needs: [{ action: "lambda:InvokeFunction", resource: "{arn}" }],
                source: "https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html",
            },
            {
                job: "Invoke of a version or alias (a qualified ARN)",
                needs: [{ action: "lambda:InvokeFunction", resource: "{arn}:live" }],
                source: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html",
            },
        ],
    },
    {
        access: "lambda:invoke-url",
        summary: "Call the function's URL (AWS_IAM auth, SigV4-signed requests).",
        targetPattern:
            /^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}$/,
        arnService: "lambda",
        resourceDescription: FUNCTION,
        acceptsPrefix: false,
        statements: [
            {
                actions: ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"],
                resources: ["{arn}"],
            },
        ],
        conditionKeys: ["lambda:FunctionUrlAuthType"],
        operations: [
            {
                job: "A SigV4-signed HTTPS request to the function URL (AWS_IAM auth)",
                needs: [
                    { action: "lambda:InvokeFunctionUrl", resource: "{arn}" },
                    { action: "lambda:InvokeFunction", resource: "{arn}" },
                ],
                source: "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
            },
        ],
    },
];
