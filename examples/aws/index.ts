// Perimeter's AWS starter: files uploaded under `incoming/` trigger a processor that records them in
// a table and queues a job; a worker consumes the queue. Each function has its own role with exactly
// these grants, and a CloudTrail trail records who invoked them.
//
// `perimeter preview examples/aws` runs it offline with the policy pack: no findings. With
// `--config scenario=unsafe` it adds the mistakes the pack exists to catch.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsAuditTrail, AwsFunction } from "perimeter/aws";

const config = new pulumi.Config();
const unsafe = config.get("scenario") === "unsafe";

const uploads = new aws.s3.Bucket("uploads", { forceDestroy: false });
new aws.s3.BucketPublicAccessBlock("uploads", {
    bucket: uploads.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
const orders = new aws.dynamodb.Table("orders", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
});
const jobs = new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 60 });

function code(body: string): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(body) });
}

const processor = new AwsFunction("processor", {
    code: code("exports.handler = async (event) => ({ records: (event.Records || []).length });\n"),
    handler: "index.handler",
    runtime: "nodejs20.x",
    timeout: 30,
    environment: { TABLE_NAME: orders.name, QUEUE_URL: jobs.url },
    grants: [
        { name: "uploads", access: "s3:read", resource: uploads.arn, prefix: "incoming/" },
        { name: "orders", access: "dynamodb:readwrite", resource: orders.arn },
        { name: "jobs", access: "sqs:send", resource: jobs.arn },
    ],
    // Only this bucket, in this account, may invoke the processor.
    allowInvokeFrom: [{ name: "uploads", principal: "s3.amazonaws.com", sourceArn: uploads.arn }],
});

new aws.s3.BucketNotification(
    "uploads",
    {
        bucket: uploads.id,
        lambdaFunctions: [
            {
                lambdaFunctionArn: processor.functionArn,
                events: ["s3:ObjectCreated:*"],
                filterPrefix: "incoming/",
            },
        ],
    },
    // S3 checks that it may invoke the function when the notification is created.
    { dependsOn: [processor] },
);

const worker = new AwsFunction("worker", {
    code: code("exports.handler = async (event) => ({ jobs: (event.Records || []).length });\n"),
    handler: "index.handler",
    runtime: "nodejs20.x",
    timeout: 30,
    grants: [{ name: "jobs", access: "sqs:consume", resource: jobs.arn }],
});

// Lambda polls the queue with the worker's own role (its sqs:consume grant); no resource policy.
new aws.lambda.EventSourceMapping(
    "jobs",
    { eventSourceArn: jobs.arn, functionName: worker.functionName, batchSize: 10 },
    { dependsOn: [worker] },
);

const audit = new AwsAuditTrail("audit", { functions: [processor, worker] });

if (unsafe) {
    // Deliberately wrong: a hand-written policy that makes the processor an administrator, and
    // an S3 caller that any bucket of any account could use.
    new aws.iam.RolePolicy("processor-admin", {
        role: processor.roleArn.apply((arn) => arn.split("/").pop() ?? arn),
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        }),
    });
    new aws.lambda.Permission("worker-any-bucket", {
        action: "lambda:InvokeFunction",
        function: worker.functionName,
        principal: "s3.amazonaws.com",
    });
}

export const processorName = processor.functionName;
export const workerName = worker.functionName;
export const processorPermissions = processor.permissions;
export const trailArn = audit.trailArn;
