/**
 * `AwsAuditTrail`: a CloudTrail trail that records who invoked the functions (Lambda data events),
 * with log file validation, in every region, into a bucket of its own that only this trail may
 * write to.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentProblems, componentName, shown } from "../core";
import type { AwsAuditTrailArgs } from "./args";
import { awsLocation, physicalName } from "./function";
import type { AwsLocation } from "./identity";
import type { AwsAuditTrailShape } from "./shape";

export const AWS_AUDIT_TRAIL_TYPE = "perimeter:index:AwsAuditTrail";
/** The tag every taggable child of an AwsAuditTrail carries: the component's name. */
export const AUDIT_TRAIL_TAG = "perimeter:audit-trail";
const TRAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/;

export class AwsAuditTrail extends pulumi.ComponentResource implements AwsAuditTrailShape {
    readonly trail: aws.cloudtrail.Trail;
    readonly bucket: aws.s3.Bucket;
    readonly trailArn: pulumi.Output<string>;
    readonly bucketName: pulumi.Output<string>;

    constructor(name: string, args: AwsAuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super(AWS_AUDIT_TRAIL_TYPE, componentName("AwsAuditTrail", name), {}, opts);
        const given: AwsAuditTrailArgs = args ?? {};
        const problems = new ArgumentProblems();
        validateAuditTrailArgs(given, problems);
        problems.throwIfAny("AwsAuditTrail", name, this);

        // The trail records several functions, so its children name the trail, not a function.
        const tags = { [AUDIT_TRAIL_TAG]: name, ...given.tags };
        const trailName = given.trailName ?? physicalName(name, 128);
        const where = awsLocation(this);
        // The trail's ARN from its name: the bucket policy needs it before the trail exists, and
        // the trail needs the policy before it can write, so the ARN cannot come from the trail.
        const trailArn = where.apply(
            (w) => `arn:${w.partition}:cloudtrail:${w.region}:${w.account}:trail/${trailName}`,
        );

        const logs = createTrailBucket(name, trailArn, where, tags, this);
        this.bucket = logs.bucket;

        this.trail = new aws.cloudtrail.Trail(
            name,
            {
                name: trailName,
                s3BucketName: this.bucket.id,
                enableLogFileValidation: true,
                isMultiRegionTrail: given.multiRegion !== false,
                // A multi-region trail must include global service events (CreateTrail rejects it
                // otherwise); with management events off there are none to record anyway.
                includeGlobalServiceEvents: true,
                eventSelectors: [
                    {
                        readWriteType: "All",
                        // Only the first copy of management events is free (CloudTrail User Guide,
                        // "Managing CloudTrail trail costs"); an account that already has a trail
                        // would pay twice, so they are opt-in. Data events are what this trail is for.
                        includeManagementEvents: given.managementEvents === true,
                        dataResources: dataResourcesOf(given),
                    },
                ],
                tags,
            },
            { parent: this, dependsOn: [logs.policy] },
        );
        this.trailArn = this.trail.arn;
        this.bucketName = this.bucket.id;
        this.registerOutputs({ trailArn: this.trailArn, bucketName: this.bucketName });
    }
}

/** Every problem with the arguments: functions to record, and a valid trail name. */
function validateAuditTrailArgs(given: AwsAuditTrailArgs, problems: ArgumentProblems): void {
    const functions = given.functions ?? [];
    const functionArns = given.functionArns ?? [];
    if (!Array.isArray(functions) || !Array.isArray(functionArns)) {
        problems.add(
            "functions",
            "must be a list of AwsFunctions (and `functionArns` a list of ARNs)",
        );
    } else if (functions.length + functionArns.length === 0) {
        problems.add(
            "functions",
            "is empty; name the functions whose invocations the trail records",
        );
    }
    if (given.trailName !== undefined && !TRAIL_NAME.test(given.trailName)) {
        problems.add(
            "trailName",
            `${shown(given.trailName)} is not a trail name (3-128 letters, digits, '.', '_', '-')`,
        );
    }
}

/** The data events to record: the functions' invocations, and the buckets' and tables' items. */
function dataResourcesOf(
    given: AwsAuditTrailArgs,
): { type: string; values: pulumi.Input<string[]> }[] {
    const functions = given.functions ?? [];
    const dataResources: { type: string; values: pulumi.Input<string[]> }[] = [
        {
            type: "AWS::Lambda::Function",
            values: pulumi.all([
                ...functions.map((f) => f.functionArn),
                ...(given.functionArns ?? []),
            ]),
        },
    ];
    if ((given.s3BucketArns ?? []).length > 0) {
        dataResources.push({
            type: "AWS::S3::Object",
            // A bucket ARN with a trailing slash selects every object in it.
            values: pulumi.all(given.s3BucketArns ?? []).apply((arns) => arns.map((a) => `${a}/`)),
        });
    }
    if ((given.dynamodbTableArns ?? []).length > 0) {
        dataResources.push({
            type: "AWS::DynamoDB::Table",
            values: pulumi.all(given.dynamodbTableArns ?? []),
        });
    }
    return dataResources;
}

/** The trail's own bucket: every public access block on, and only this trail may write to it. */
function createTrailBucket(
    name: string,
    trailArn: pulumi.Output<string>,
    where: pulumi.Output<AwsLocation>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): { bucket: aws.s3.Bucket; policy: aws.s3.BucketPolicy } {
    const bucket = new aws.s3.Bucket(name, { forceDestroy: false, tags }, { parent });
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        name,
        {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        },
        { parent },
    );
    const policy = new aws.s3.BucketPolicy(
        name,
        {
            bucket: bucket.id,
            policy: pulumi
                .all([bucket.arn, trailArn, where])
                .apply(([bucketArn, sourceArn, w]) =>
                    JSON.stringify(trailBucketPolicy(bucketArn, sourceArn, w.account)),
                ),
        },
        { parent, dependsOn: [publicAccess] },
    );
    return { bucket, policy };
}

/**
 * The bucket policy CloudTrail needs (CloudTrail User Guide, "Amazon S3 bucket policy for
 * CloudTrail"), for this trail only: both statements require the trail's `aws:SourceArn`.
 */
export function trailBucketPolicy(bucketArn: string, trailArn: string, account: string): object {
    const principal = { Service: "cloudtrail.amazonaws.com" };
    const fromTrail = { "aws:SourceArn": trailArn };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CloudTrailAclCheck",
                Effect: "Allow",
                Principal: principal,
                Action: "s3:GetBucketAcl",
                Resource: bucketArn,
                Condition: { StringEquals: fromTrail },
            },
            {
                Sid: "CloudTrailWrite",
                Effect: "Allow",
                Principal: principal,
                Action: "s3:PutObject",
                Resource: `${bucketArn}/AWSLogs/${account}/*`,
                Condition: {
                    StringEquals: { ...fromTrail, "s3:x-amz-acl": "bucket-owner-full-control" },
                },
            },
        ],
    };
}
