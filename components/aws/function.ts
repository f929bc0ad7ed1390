/**
 * `AwsFunction`: a Lambda function with its own role, its own log group, exactly the access its
 * grants name, and only the callers it allows.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentProblems, componentName, stableHash } from "../core";
import type { AwsFunctionArgs, AwsGrant } from "./args";
import { createGrantPolicies, grantTarget } from "./attach";
import {
    type AwsLocation,
    roleNameOf,
    runtimePermissions,
    runtimeStatements,
    trustPolicy,
} from "./identity";
import { type AwsPlannedPermission, documentSize, policyDocument } from "./plan";
import type { AwsFunctionShape } from "./shape";
import { invokeVariable, isFunctionTarget, validateAwsFunctionArgs } from "./validate";

export const AWS_FUNCTION_TYPE = "perimeter:index:AwsFunction";

/** A physical name fixed at construction: `<name>-<hash>`, unique per project, stack and name. */
export function physicalName(name: string, maxLength: number): string {
    const hash = stableHash(`${pulumi.getProject()}/${pulumi.getStack()}/${name}`);
    const stem = name.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, maxLength - hash.length - 1);
    return `${stem}-${hash}`;
}

/** The account, region and partition the provider works in (mocked offline). */
export function awsLocation(parent: pulumi.Resource): pulumi.Output<AwsLocation> {
    const opts = { parent };
    return pulumi
        .all([
            aws.getCallerIdentityOutput({}, opts).accountId,
            aws.getRegionOutput({}, opts).region,
            aws.getPartitionOutput({}, opts).partition,
        ])
        .apply(([account, region, partition]) => ({ account, region, partition }));
}

export class AwsFunction extends pulumi.ComponentResource implements AwsFunctionShape {
    readonly function: aws.lambda.Function;
    /** The role the component created; undefined with `existingRoleArn`. */
    readonly role: aws.iam.Role | undefined;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly roleArn: pulumi.Output<string>;
    readonly functionArn: pulumi.Output<string>;
    readonly functionName: pulumi.Output<string>;
    /** The function URL resource (`AWS_IAM` auth), when `functionUrl` is on. */
    readonly functionUrl: aws.lambda.FunctionUrl | undefined;
    /** The function URL (`AWS_IAM` auth), when `functionUrl` is on; callers sign with SigV4. */
    readonly url: pulumi.Output<string> | undefined;
    /** Every grant's permissions as data: grant, access level, actions, resources, conditions. */
    readonly permissions: pulumi.Output<AwsPlannedPermission[]>;
    /**
     * What Lambda itself needs with the role (the function's own log streams; VPC networking and X-Ray
     * when on), in the shape of `permissions`: with it, everything the component puts on the role is
     * declared, and the policy pack compares that with what the role is effectively granted.
     */
    readonly runtimePermissions: pulumi.Output<AwsPlannedPermission[]>;

    constructor(name: string, args: AwsFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super(AWS_FUNCTION_TYPE, componentName("AwsFunction", name), {}, opts);
        const given: AwsFunctionArgs = args ?? {};
        const problems = new ArgumentProblems();
        const grants = validateAwsFunctionArgs(given, problems);
        problems.throwIfAny("AwsFunction", name, this);

        const parent = { parent: this };
        const fnName = given.functionName ?? physicalName(name, 64);
        const where = awsLocation(this);
        const tags = given.tags;
        const features = { vpc: given.vpc !== undefined, tracing: given.tracing === true };

        // Identity: a role of its own, unless one is given.
        if (given.existingRoleArn === undefined) {
            this.role = new aws.iam.Role(
                name,
                {
                    description: `Runs the Lambda function ${fnName} and nothing else.`,
                    assumeRolePolicy: where.apply((w) =>
                        trustPolicy(w, fnName, given.trustOnlyThisFunction === true),
                    ),
                    permissionsBoundary: given.permissionsBoundary,
                    tags,
                },
                parent,
            );
            this.roleArn = this.role.arn;
        } else {
            this.role = undefined;
            this.roleArn = pulumi.output(given.existingRoleArn);
        }
        const roleName = this.role ? this.role.name : this.roleArn.apply(roleNameOf);

        // Runtime: its own log group, and the statements Lambda needs to run it.
        this.logGroup = new aws.cloudwatch.LogGroup(
            name,
            {
                name: `/aws/lambda/${fnName}`,
                retentionInDays: given.logRetentionInDays ?? 14,
                tags,
            },
            parent,
        );
        const runtime = new aws.iam.RolePolicy(
            `${name}-runtime`,
            {
                role: roleName,
                policy: this.logGroup.arn.apply((arn) =>
                    JSON.stringify(policyDocument(runtimeStatements(arn, features))),
                ),
            },
            parent,
        );
        this.runtimePermissions = this.logGroup.arn.apply((arn) =>
            runtimePermissions(arn, features),
        );
        const runtimeSize = documentSize(
            runtimeStatements(
                `arn:aws-us-gov:logs:ap-southeast-5:123456789012:log-group:/aws/lambda/${fnName}`,
                features,
            ),
        );

        // Grants: planned as data, then created; the function waits for all of them.
        const policies = createGrantPolicies({
            name,
            parent: this,
            roleName,
            grants,
            where,
            defaultConditions: given.defaultConditions,
            runtimeSize,
            tags,
        });
        this.permissions = policies.permissions;

        this.function = new aws.lambda.Function(
            name,
            {
                name: fnName,
                role: this.roleArn,
                description: given.description,
                ...(given.imageUri !== undefined
                    ? { packageType: "Image", imageUri: given.imageUri }
                    : {
                          packageType: "Zip",
                          code: given.code,
                          s3Bucket: given.s3Bucket,
                          s3Key: given.s3Key,
                          s3ObjectVersion: given.s3ObjectVersion,
                          handler: given.handler,
                          runtime: given.runtime,
                      }),
                memorySize: given.memorySize,
                timeout: given.timeout,
                architectures: given.architectures,
                layers: given.layers,
                environment: environmentOf(given.environment, grants),
                vpcConfig: given.vpc,
                tracingConfig: features.tracing ? { mode: "Active" } : undefined,
                loggingConfig: { logFormat: "Text", logGroup: this.logGroup.name },
                tags,
            },
            { parent: this, dependsOn: [runtime, this.logGroup, ...policies.resources] },
        );
        this.functionArn = this.function.arn;
        this.functionName = this.function.name;

        // Callers: each service limited to one source; a URL only with IAM auth.
        for (const source of given.allowInvokeFrom ?? []) {
            new aws.lambda.Permission(
                `${name}-${source.name}`,
                {
                    action: "lambda:InvokeFunction",
                    function: this.function.name,
                    principal: source.principal,
                    sourceArn: source.sourceArn,
                    // Bucket ARNs carry no account: without it any account's bucket of that name could invoke.
                    sourceAccount:
                        source.sourceAccount ??
                        (source.principal === "s3.amazonaws.com"
                            ? where.apply((w) => w.account)
                            : undefined),
                },
                parent,
            );
        }
        this.functionUrl = given.functionUrl
            ? new aws.lambda.FunctionUrl(
                  name,
                  { functionName: this.function.name, authorizationType: "AWS_IAM" },
                  parent,
              )
            : undefined;
        this.url = this.functionUrl?.functionUrl;

        this.registerOutputs({
            roleArn: this.roleArn,
            functionArn: this.functionArn,
            functionName: this.functionName,
            permissions: this.permissions,
            runtimePermissions: this.runtimePermissions,
            ...(this.url === undefined ? {} : { url: this.url }),
        });
    }

    /**
     * The grant a caller needs to invoke this function: `lambda:invoke` on it; the caller gets the
     * function's name in `<NAME>_FUNCTION_NAME`.
     *
     * @example
     * new AwsFunction("api", { ..., grants: [worker.invokeGrant("worker")] })
     */
    invokeGrant(name: string): AwsGrant {
        return { name, access: "lambda:invoke", resource: this };
    }
}

/** The user's variables plus, per `lambda:invoke` grant, the callee's name. */
function environmentOf(
    variables: Record<string, pulumi.Input<string>> | undefined,
    grants: readonly AwsGrant[],
): { variables: Record<string, pulumi.Input<string>> } | undefined {
    const all: Record<string, pulumi.Input<string>> = { ...variables };
    for (const grant of grants.filter((g) => g.access === "lambda:invoke")) {
        const resource: unknown = grant.resource;
        all[invokeVariable(grant.name)] = isFunctionTarget(resource)
            ? resource.functionName
            : grantTarget(grant).apply((arn) => arn.split(":")[6] ?? arn);
    }
    return Object.keys(all).length > 0 ? { variables: all } : undefined;
}
