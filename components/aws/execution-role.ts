/** The identity and log group of an `AwsFunction`: its execution role (or the one given). */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsFunctionArgs } from "./args";
import { type AwsLocation, roleNameOf, trustPolicy } from "./identity";

export interface ExecutionRole {
    /** The role created; undefined with `existingRoleArn`. */
    readonly role: aws.iam.Role | undefined;
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: pulumi.Input<string>;
}

/** A role of the function's own, trusted only by Lambda for this account, unless one is given. */
export function createExecutionRole(
    name: string,
    given: AwsFunctionArgs,
    fnName: string,
    where: pulumi.Output<AwsLocation>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): ExecutionRole {
    if (given.existingRoleArn !== undefined) {
        const roleArn = pulumi.output(given.existingRoleArn);
        return { role: undefined, roleArn, roleName: roleArn.apply(roleNameOf) };
    }
    const role = new aws.iam.Role(
        name,
        {
            description: `Runs the Lambda function ${fnName} and nothing else.`,
            assumeRolePolicy: where.apply((w) =>
                trustPolicy(w, fnName, given.trustOnlyThisFunction === true),
            ),
            permissionsBoundary: given.permissionsBoundary,
            tags,
        },
        { parent },
    );
    return { role, roleArn: role.arn, roleName: role.name };
}

/** The function's own log group, named at construction so its ARN's length is known to the plan. */
export function createLogGroup(
    name: string,
    given: AwsFunctionArgs,
    fnName: string,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        name,
        { name: logGroupNameOf(fnName), retentionInDays: given.logRetentionInDays ?? 14, tags },
        { parent },
    );
}

/** Lambda's default log group of a function: `/aws/lambda/<function name>`. */
export function logGroupNameOf(fnName: string): string {
    return `/aws/lambda/${fnName}`;
}
