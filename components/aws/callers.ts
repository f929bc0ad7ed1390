/** Who may call an `AwsFunction`: each service from one source only, and a URL only with IAM auth. */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { AwsInvokeSource } from "./args";
import type { AwsLocation } from "./identity";

export function allowCallers(
    name: string,
    sources: readonly AwsInvokeSource[],
    fn: aws.lambda.Function,
    where: pulumi.Output<AwsLocation>,
    parent: pulumi.Resource,
): void {
    for (const source of sources) {
        new aws.lambda.Permission(
            `${name}-${source.name}`,
            {
                action: "lambda:InvokeFunction",
                function: fn.name,
                principal: source.principal,
                sourceArn: source.sourceArn,
                // Bucket ARNs carry no account: without it any account's bucket of that name could invoke.
                sourceAccount:
                    source.sourceAccount ??
                    (source.principal === "s3.amazonaws.com"
                        ? where.apply((w) => w.account)
                        : undefined),
            },
            { parent },
        );
    }
}

/** A function URL with `AWS_IAM` auth, never `NONE`; callers need `lambda:invoke-url`. */
export function createFunctionUrl(
    name: string,
    fn: aws.lambda.Function,
    parent: pulumi.Resource,
): aws.lambda.FunctionUrl {
    return new aws.lambda.FunctionUrl(
        name,
        { functionName: fn.name, authorizationType: "AWS_IAM" },
        { parent },
    );
}
