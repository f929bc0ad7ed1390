/**
 * The identity and runtime children of an `AwsFunction`: its execution role (or the one given), its
 * log group, and the inline policy with what Lambda itself needs (log streams; VPC and X-Ray when on).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsFunctionArgs } from "./args";
import {
    type AwsLocation,
    roleNameOf,
    runtimePermissions,
    runtimeStatements,
    trustPolicy,
} from "./identity";
import { type AwsPlannedPermission, documentSize, policyDocument } from "./plan";

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

export interface FunctionRuntime {
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly policy: aws.iam.RolePolicy;
    /** The runtime statements as data, in the shape of the grants' permissions. */
    readonly permissions: pulumi.Output<AwsPlannedPermission[]>;
    /** Characters the runtime policy takes of the role's inline-policy budget. */
    readonly size: number;
}

/** The function's own log group, and the statements Lambda needs to run it. */
export function createRuntime(
    name: string,
    given: AwsFunctionArgs,
    fnName: string,
    roleName: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): FunctionRuntime {
    const features = { vpc: given.vpc !== undefined, tracing: given.tracing === true };
    const logGroup = new aws.cloudwatch.LogGroup(
        name,
        { name: `/aws/lambda/${fnName}`, retentionInDays: given.logRetentionInDays ?? 14, tags },
        { parent },
    );
    const policy = new aws.iam.RolePolicy(
        `${name}-runtime`,
        {
            role: roleName,
            policy: logGroup.arn.apply((arn) =>
                JSON.stringify(policyDocument(runtimeStatements(arn, features))),
            ),
        },
        { parent },
    );
    // Sized on the longest partition and region there are, before the log group's ARN is known.
    const size = documentSize(
        runtimeStatements(
            `arn:aws-us-gov:logs:ap-southeast-5:123456789012:log-group:/aws/lambda/${fnName}`,
            features,
        ),
    );
    return {
        logGroup,
        policy,
        permissions: logGroup.arn.apply((arn) => runtimePermissions(arn, features)),
        size,
    };
}
