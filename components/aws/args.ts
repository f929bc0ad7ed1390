/** The public arguments of the AWS components. */
import type * as pulumi from "@pulumi/pulumi";
import type { AwsGrantConditions } from "./conditions";

/** Anything with a Lambda function ARN and name: another `AwsFunction`. */
export interface AwsFunctionTarget {
    readonly functionArn: pulumi.Output<string>;
    readonly functionName: pulumi.Output<string>;
    /** Its function URL, when it has one (`functionUrl: true`): what `lambda:invoke-url` calls. */
    readonly url?: pulumi.Output<string>;
}

/**
 * One grant: the function's role may do `access` on `resource`, nothing more.
 *
 * @example
 * { name: "uploads", access: "s3:read", resource: bucket.arn, prefix: "incoming/" }
 */
export interface AwsGrant {
    /** Stable key; child names and environment variables derive from it (lower case, digits, hyphens). */
    readonly name: string;
    /** One of the access levels in docs/grants.md, e.g. `s3:read`, `dynamodb:readwrite`, `lambda:invoke`. */
    readonly access: string;
    /** The target's ARN (an SSM path for `ssm:read`, an `AwsFunction` for `lambda:invoke` and `lambda:invoke-url`). */
    readonly resource: pulumi.Input<string> | AwsFunctionTarget;
    /** S3 only: object key prefix the grant is limited to, e.g. `incoming/`. @default the whole bucket */
    readonly prefix?: string;
    /** Context conditions on this grant. @default none (the function's `defaultConditions` apply) */
    readonly conditions?: AwsGrantConditions;
    /**
     * The customer managed KMS key the target is encrypted with (its ARN, e.g. `key.arn`): adds what
     * the level's calls need of it (for example `kms:GenerateDataKey` and `kms:Decrypt` to send to an
     * SSE-KMS queue), on that key only, only through the target's service. Accepted by the S3, SQS,
     * SNS, Kinesis, Secrets Manager and SSM levels (docs/grants.md). @default none
     */
    readonly key?: pulumi.Input<string>;
}

/**
 * A service allowed to invoke the function through its resource policy.
 *
 * @example
 * { name: "uploads", principal: "s3.amazonaws.com", sourceArn: bucket.arn }
 */
export interface AwsInvokeSource {
    /** Stable key of the permission (lower case, digits, hyphens). */
    readonly name: string;
    /** A service principal, e.g. `s3.amazonaws.com`, `sns.amazonaws.com`, `events.amazonaws.com`. */
    readonly principal: string;
    /** The one resource of that service that may invoke (bucket, topic, rule, API ARN). Required. */
    readonly sourceArn: pulumi.Input<string>;
    /** The account owning the source. @default the current account for S3 (bucket ARNs carry none), else unset */
    readonly sourceAccount?: pulumi.Input<string>;
}

/** The network the function runs in. */
export interface AwsFunctionVpc {
    readonly subnetIds: pulumi.Input<string>[];
    readonly securityGroupIds: pulumi.Input<string>[];
}

/**
 * Arguments of `AwsFunction`. Code comes from exactly one of `code`, `s3Bucket` + `s3Key` or
 * `imageUri`.
 *
 * @example
 * new AwsFunction("processor", {
 *     code: new pulumi.asset.FileArchive("./app"),
 *     handler: "index.handler",
 *     runtime: "nodejs20.x",
 *     grants: [{ name: "orders", access: "dynamodb:readwrite", resource: table.arn }],
 * });
 */
export interface AwsFunctionArgs {
    /** A zip archive of the code. */
    readonly code?: pulumi.Input<pulumi.asset.Archive>;
    /** The bucket holding the code's zip (with `s3Key`). */
    readonly s3Bucket?: pulumi.Input<string>;
    readonly s3Key?: pulumi.Input<string>;
    readonly s3ObjectVersion?: pulumi.Input<string>;
    /** A container image in ECR; then `handler` and `runtime` come from the image. */
    readonly imageUri?: pulumi.Input<string>;
    /** e.g. `index.handler`. Required for zip code. */
    readonly handler?: pulumi.Input<string>;
    /** e.g. `nodejs20.x`. Required for zip code. */
    readonly runtime?: pulumi.Input<string>;
    /** The function's physical name. @default `<name>-<8 hex of project/stack/name>` */
    readonly functionName?: string;
    readonly description?: pulumi.Input<string>;
    /** MiB, 128-10240. @default 128 */
    readonly memorySize?: number;
    /** Seconds, 1-900. @default 3 */
    readonly timeout?: number;
    /** `x86_64` or `arm64`. @default ["x86_64"] */
    readonly architectures?: string[];
    /** Layer version ARNs. @default none */
    readonly layers?: pulumi.Input<string>[];
    /** Environment variables. A `lambda:invoke` grant adds `<GRANT>_FUNCTION_NAME`. @default none */
    readonly environment?: Record<string, pulumi.Input<string>>;
    /** Run in a VPC; adds the network-interface statements Lambda needs. @default not in a VPC */
    readonly vpc?: AwsFunctionVpc;
    /** Active X-Ray tracing; adds the two trace-writing statements. @default false */
    readonly tracing?: boolean;
    /** Days to keep logs (a value CloudWatch Logs accepts). @default 14 */
    readonly logRetentionInDays?: number;
    /** What the function may do. @default nothing beyond writing its own logs */
    readonly grants?: AwsGrant[];
    /** Conditions on every grant. @default none */
    readonly defaultConditions?: AwsGrantConditions;
    /** Services that may invoke the function, each limited to one source. @default none */
    readonly allowInvokeFrom?: AwsInvokeSource[];
    /** Create a function URL with `AWS_IAM` auth (never `NONE`). @default false */
    readonly functionUrl?: boolean;
    /** Use this role instead of creating one; grants are attached to it. @default a new role */
    readonly existingRoleArn?: pulumi.Input<string>;
    /**
     * Own the new role's policy set exclusively (`aws.iam.RolePoliciesExclusive` and
     * `aws.iam.RolePolicyAttachmentsExclusive`): after `pulumi refresh` a policy attached or written
     * outside this program shows as drift, and `pulumi up` removes it. Turn it off only when something
     * else in the program attaches policies to this role. Ignored with `existingRoleArn` (a role you
     * bring may carry policies of others). @default true
     */
    readonly exclusivePolicies?: boolean;
    /** Permissions boundary of the new role. @default none */
    readonly permissionsBoundary?: pulumi.Input<string>;
    /**
     * Also require the function's own ARN (`aws:SourceArn`) in the role's trust policy, besides
     * `aws:SourceAccount`. Off by default: a positive condition on a key the caller does not send
     * denies, and it is not verified that Lambda sends `aws:SourceArn` on every AssumeRole of an
     * execution role (for example while it validates the role at CreateFunction). Turn it on after
     * checking it in your account. @default false
     */
    readonly trustOnlyThisFunction?: boolean;
    /** Tags on every resource created, besides `perimeter:function: <name>`. @default none */
    readonly tags?: Record<string, string>;
}

/**
 * Arguments of `AwsAuditTrail`.
 *
 * @example
 * new AwsAuditTrail("audit", { functions: [processor, worker] });
 */
export interface AwsAuditTrailArgs {
    /** Functions whose invocations are recorded as Lambda data events. */
    readonly functions?: AwsFunctionTarget[];
    /** More function ARNs to record. */
    readonly functionArns?: pulumi.Input<string>[];
    /** Buckets whose object-level events are recorded (S3 data events). @default none */
    readonly s3BucketArns?: pulumi.Input<string>[];
    /** Tables whose item-level events are recorded (DynamoDB data events). @default none */
    readonly dynamodbTableArns?: pulumi.Input<string>[];
    /** The trail's physical name. @default `<name>-<8 hex of project/stack/name>` */
    readonly trailName?: string;
    /** Record every region. @default true */
    readonly multiRegion?: boolean;
    /**
     * Also record management events (control-plane calls). Only the first copy of management events
     * in a region is free: leave this off when the account already has a trail. @default false
     */
    readonly managementEvents?: boolean;
    /** Tags on every resource created. @default none */
    readonly tags?: Record<string, string>;
}
