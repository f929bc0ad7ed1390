/**
 * `AwsFunction`: a Lambda function with its own role, its own log group, exactly the access its
 * grants name, and only the callers it allows.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentProblems, componentName, stableHash } from "../core";
import type { AwsFunctionArgs, AwsGrant } from "./args";
import { createRolePolicies, ownPolicySet } from "./attach";
import { allowCallers, createFunctionUrl } from "./callers";
import { createExecutionRole, createLogGroup, logGroupNameOf } from "./execution-role";
import type { AwsLocation } from "./identity";
import type { AwsPlannedPermission } from "./plan";
import { type NormalizedAwsGrant, normalizeAwsGrants } from "./normalize";
import type { AwsFunctionShape } from "./shape";
import { invokeVariable, urlVariable, validateAwsFunctionArgs } from "./validate";

export const AWS_FUNCTION_TYPE = "perimeter:index:AwsFunction";
/** The tag every taggable child of an AwsFunction carries: the component's name. */
export const FUNCTION_TAG = "perimeter:function";

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
        const validated = validateAwsFunctionArgs(given, problems);
        problems.throwIfAny("AwsFunction", name, this);
        const grants = normalizeAwsGrants(validated, name, this);

        const fnName = given.functionName ?? physicalName(name, 64);
        const where = awsLocation(this);
        // Every taggable child says which function it belongs to, for automation and audits; the
        // user's own tags are merged in (and win on the same key).
        const tags = { [FUNCTION_TAG]: name, ...given.tags };

        const identity = createExecutionRole(name, given, fnName, where, tags, this);
        this.role = identity.role;
        this.roleArn = identity.roleArn;
        this.logGroup = createLogGroup(name, given, fnName, tags, this);

        // One plan of the role (runtime statements and grants), each policy rendered once.
        const policies = createRolePolicies({
            name,
            parent: this,
            roleName: identity.roleName,
            grants,
            where,
            logGroupArn: this.logGroup.arn,
            logGroupName: logGroupNameOf(fnName),
            features: { vpc: given.vpc !== undefined, tracing: given.tracing === true },
            defaultConditions: given.defaultConditions,
            tags,
        });
        this.permissions = policies.permissions;
        this.runtimePermissions = policies.runtimePermissions;
        if (identity.role !== undefined && given.exclusivePolicies !== false) {
            ownPolicySet(name, identity.roleName, policies.resources, this);
        }

        this.function = new aws.lambda.Function(
            name,
            lambdaArgs(given, grants, fnName, this.roleArn, this.logGroup, tags),
            { parent: this, dependsOn: [this.logGroup, ...policies.resources] },
        );
        this.functionArn = this.function.arn;
        this.functionName = this.function.name;
        allowCallers(name, given.allowInvokeFrom ?? [], this.function, where, this);
        this.functionUrl = given.functionUrl
            ? createFunctionUrl(name, this.function, this)
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

/** The Lambda function itself: code, settings, the role, its log group, and the injected variables. */
function lambdaArgs(
    given: AwsFunctionArgs,
    grants: readonly NormalizedAwsGrant[],
    fnName: string,
    roleArn: pulumi.Output<string>,
    logGroup: aws.cloudwatch.LogGroup,
    tags: Record<string, string>,
): aws.lambda.FunctionArgs {
    return {
        name: fnName,
        role: roleArn,
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
        tracingConfig: given.tracing === true ? { mode: "Active" } : undefined,
        loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        tags,
    };
}

/** The user's variables plus the callee's name per `lambda:invoke` grant and URL per `lambda:invoke-url` grant. */
function environmentOf(
    variables: Record<string, pulumi.Input<string>> | undefined,
    grants: readonly NormalizedAwsGrant[],
): { variables: Record<string, pulumi.Input<string>> } | undefined {
    const all: Record<string, pulumi.Input<string>> = { ...variables };
    for (const { grant, callee, target } of grants) {
        if (grant.access === "lambda:invoke") {
            all[invokeVariable(grant.name)] =
                callee?.functionName ?? target.apply((arn) => arn.split(":")[6] ?? arn);
        } else if (grant.access === "lambda:invoke-url" && callee?.url !== undefined) {
            all[urlVariable(grant.name)] = callee.url;
        }
    }
    return Object.keys(all).length > 0 ? { variables: all } : undefined;
}
