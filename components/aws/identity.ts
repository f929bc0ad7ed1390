/**
 * The function's own identity: a role only Lambda can assume, for this account and (by default)
 * this one function, and the runtime statements every function needs.
 */
import type { AwsPlannedPermission, AwsPolicyStatement } from "./plan";

/** Where the function lives, resolved from the provider (getCallerIdentity, getRegion, getPartition). */
export interface AwsLocation {
    readonly partition: string;
    readonly region: string;
    readonly account: string;
}

/** The function's ARN from its name: known before the function exists, so the trust policy needs no cycle. */
export function functionArnOf(where: AwsLocation, functionName: string): string {
    return `arn:${where.partition}:lambda:${where.region}:${where.account}:function:${functionName}`;
}

/**
 * The trust policy: only `lambda.amazonaws.com`, only for this account (`aws:SourceAccount`), and
 * with `onlyThisFunction` only on behalf of this function (`aws:SourceArn`, built from the name
 * the component fixes up front rather than the function's output, which would depend on the role).
 */
export function trustPolicy(
    where: AwsLocation,
    functionName: string,
    onlyThisFunction: boolean,
): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "lambda.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": where.account },
                    ...(onlyThisFunction
                        ? { ArnLike: { "aws:SourceArn": functionArnOf(where, functionName) } }
                        : {}),
                },
            },
        ],
    });
}

/**
 * Statements Lambda itself needs with this role: writing to the function's own log group, and
 * only when those features are on, VPC networking and X-Ray. The VPC and X-Ray statements are the
 * only `Resource: "*"` statements the component writes: X-Ray's two actions support no resource
 * ARNs at all, and Lambda creates and deletes the network interfaces of a VPC function itself, with
 * IDs nobody knows in advance (the same actions AWS's AWSLambdaVPCAccessExecutionRole grants).
 */
export function runtimeStatements(
    logGroupArn: string,
    features: { vpc: boolean; tracing: boolean },
): AwsPolicyStatement[] {
    const statements: AwsPolicyStatement[] = [
        {
            Effect: "Allow",
            // Both actions act on log streams (Service Authorization Reference): streams of this group only.
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [`${logGroupArn}:log-stream:*`],
        },
    ];
    if (features.vpc) {
        statements.push({
            Effect: "Allow",
            Action: [
                "ec2:AssignPrivateIpAddresses",
                "ec2:CreateNetworkInterface",
                "ec2:DeleteNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSubnets",
                "ec2:UnassignPrivateIpAddresses",
            ],
            Resource: ["*"],
        });
    }
    if (features.tracing) {
        statements.push({
            Effect: "Allow",
            Action: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"],
            Resource: ["*"],
        });
    }
    return statements;
}

/**
 * The runtime statements as data in the shape of the component's `permissions` output (grant and
 * access `runtime`), so that what the component declares on the role is readable in one form.
 */
export function runtimePermissions(
    logGroupArn: string,
    features: { vpc: boolean; tracing: boolean },
): AwsPlannedPermission[] {
    return runtimeStatements(logGroupArn, features).map((statement) => ({
        grant: "runtime",
        access: "runtime",
        actions: [...statement.Action],
        resources: [...statement.Resource],
        conditions: [],
    }));
}

/** The role's name from its ARN (`arn:aws:iam::<account>:role/<path/>name`). */
export function roleNameOf(roleArn: string): string {
    return roleArn.split("/").pop() ?? roleArn;
}
