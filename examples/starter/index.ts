// The starter stack: one Lambda function with its own IAM role (trusted only by Lambda for this
// account), its own log group, read access to one prefix of one bucket and nothing else, and a
// CloudTrail trail that records who invokes it. `npm start` previews it offline and runs the Perimeter
// policy pack over it; `pulumi up` deploys it for real.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsAuditTrail, AwsFunction } from "perimeter/aws";

const config = new pulumi.Config();

const reports = new aws.s3.Bucket("reports");
new aws.s3.BucketPublicAccessBlock("reports", {
    bucket: reports.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});

const hello = new AwsFunction("hello", {
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(
            'exports.handler = async () => ({ statusCode: 200, body: "hello" });\n',
        ),
    }),
    handler: "index.handler",
    runtime: "nodejs20.x",
    logRetentionInDays: config.getNumber("logRetentionDays") ?? 14,
    environment: { REPORTS_BUCKET: reports.bucket },
    grants: [{ name: "reports", access: "s3:read", resource: reports.arn, prefix: "daily/" }],
});

const audit = new AwsAuditTrail("audit", { functions: [hello] });

export const functionName = hello.functionName;
export const roleArn = hello.roleArn;
export const permissions = hello.permissions;
export const trailArn = audit.trailArn;
