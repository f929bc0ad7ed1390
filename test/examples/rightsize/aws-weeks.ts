/**
 * A week of CloudTrail for each AWS example, as an account trail records it: management events (read
 * and write) and the data events of S3 objects, DynamoDB tables, SQS queues and Lambda invocations
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
 * Each function does what its code and its example's comment say; around it, a deployer role and a
 * console user work as people do, and services act as themselves. Records follow the documented
 * format (../../cli/rightsize/cloudtrail-fixtures.ts).
 */
import type { StackSnapshot } from "../../../cli/engine/types";
import { ACCOUNT, assumedRoleRecord, iamUserRecord } from "../../cli/rightsize/cloudtrail-fixtures";
import { later, output, week } from "./week";

const ROLE = "aws:iam/role:Role";

/** The role's name, as CloudTrail's session issuer names it. */
function roleName(snapshot: StackSnapshot, name: string): string {
    return output(snapshot, ROLE, name, "arn").split("/").pop() ?? name;
}

type Resource = { ARN: string; type: string; accountId?: string };

/** A data event of a role's session on the resources given. */
function dataEvent(
    role: string,
    source: string,
    name: string,
    time: string,
    resources: Resource[],
    requestParameters?: Record<string, unknown>,
): Record<string, unknown> {
    return {
        ...assumedRoleRecord(source, name, {
            role,
            time,
            category: "Data",
            resources,
            ...(requestParameters === undefined ? {} : { requestParameters }),
        }),
        readOnly: /^(Get|Head|List|Receive|Query|Scan)/.test(name),
    };
}

/** S3 object data events name the object and its bucket. */
function objectEvent(role: string, name: string, bucket: string, key: string, time: string) {
    return dataEvent(
        role,
        "s3.amazonaws.com",
        name,
        time,
        [
            { type: "AWS::S3::Object", ARN: `arn:aws:s3:::${bucket}/${key}` },
            { accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucket}` },
        ],
        { bucketName: bucket, key },
    );
}

/** A management event of someone else's: what proves the trail records that API. */
function management(role: string, source: string, name: string, time: string, arn?: string) {
    return assumedRoleRecord(source, name, {
        role,
        time,
        ...(arn === undefined ? {} : { resources: [{ ARN: arn, type: "AWS::Resource" }] }),
    });
}

/** S3 invoking a function: a service's own call, no role's session (skipped, counted). */
function serviceInvoke(functionArn: string, time: string): Record<string, unknown> {
    return {
        eventVersion: "1.09",
        userIdentity: { type: "AWSService", invokedBy: "s3.amazonaws.com" },
        eventTime: time,
        eventSource: "lambda.amazonaws.com",
        eventName: "Invoke",
        resources: [{ ARN: functionArn, type: "AWS::Lambda::Function" }],
        managementEvent: false,
        eventCategory: "Data",
    };
}

/** What people do around a stack all week: deploys read the resources, a console user looks around. */
function people(time: string, arns: readonly string[]): unknown[] {
    return [
        ...arns.map((arn) =>
            arn.includes(":dynamodb:")
                ? management("ci-deployer", "dynamodb.amazonaws.com", "DescribeTable", time, arn)
                : arn.includes(":sqs:")
                  ? management("ci-deployer", "sqs.amazonaws.com", "GetQueueAttributes", time, arn)
                  : management("ci-deployer", "iam.amazonaws.com", "GetRole", time, arn),
        ),
        management("ci-deployer", "lambda.amazonaws.com", "GetFunction20150331v2", later(time, 5)),
        management("ci-deployer", "s3.amazonaws.com", "GetBucketPolicy", later(time, 6)),
        { ...iamUserRecord(), eventTime: later(time, 600) },
    ];
}

/** examples/aws: processor reads an upload, records it in the table and queues a job; worker drains the queue. */
export function awsExampleWeek(snapshot: StackSnapshot): unknown[] {
    const processor = roleName(snapshot, "processor");
    const worker = roleName(snapshot, "worker");
    const bucket = output(snapshot, "aws:s3/bucket:Bucket", "uploads", "bucket");
    const table = output(snapshot, "aws:dynamodb/table:Table", "orders", "arn");
    const queue = output(snapshot, "aws:sqs/queue:Queue", "jobs", "arn");
    const processorArn = output(snapshot, "aws:lambda/function:Function", "processor", "arn");
    const records: unknown[] = [];
    const onTable = [{ ARN: table, type: "AWS::DynamoDB::Table" }];
    const onQueue = [{ ARN: queue, type: "AWS::SQS::Queue" }];
    for (const { time, n } of week(40)) {
        const key = `incoming/${time.slice(0, 10)}/upload-${n}.csv`;
        records.push(
            serviceInvoke(processorArn, time),
            objectEvent(processor, "GetObject", bucket, key, later(time, 1)),
            dataEvent(processor, "dynamodb.amazonaws.com", "PutItem", later(time, 2), onTable),
            dataEvent(processor, "sqs.amazonaws.com", "SendMessage", later(time, 3), onQueue),
            dataEvent(worker, "sqs.amazonaws.com", "ReceiveMessage", later(time, 4), onQueue),
            dataEvent(worker, "sqs.amazonaws.com", "DeleteMessage", later(time, 9), onQueue),
        );
        if (n % 10 === 0)
            records.push(objectEvent(processor, "HeadObject", bucket, key, later(time, 1)));
    }
    // Lambda reads the queue's attributes with the worker's role to poll it: the execution role needs
    // sqs:GetQueueAttributes (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
    for (const { time } of week(4)) {
        records.push(management(worker, "sqs.amazonaws.com", "GetQueueAttributes", time, queue));
    }
    for (const { time } of week(2)) records.push(...people(time, [table, queue]));
    return records;
}

/** examples/starter: hello reads the day's report each morning, after listing the folder. */
export function starterWeek(snapshot: StackSnapshot): unknown[] {
    const hello = roleName(snapshot, "hello");
    const bucket = output(snapshot, "aws:s3/bucket:Bucket", "reports", "bucket");
    const records: unknown[] = [];
    for (const { time } of week(1)) {
        records.push(
            dataEvent(
                hello,
                "s3.amazonaws.com",
                "ListObjectsV2",
                time,
                [{ accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucket}` }],
                { bucketName: bucket, prefix: "daily/", "list-type": "2" },
            ),
            objectEvent(
                hello,
                "GetObject",
                bucket,
                `daily/${time.slice(0, 10)}.csv`,
                later(time, 1),
            ),
        );
    }
    for (const { time } of week(1)) records.push(...people(time, []));
    return records;
}

/**
 * examples/chain/aws: api invokes worker, worker invokes admin, admin sends an audit message. Another
 * application's role reads its own secret and decrypts with its own key all week: management events
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/monitoring-cloudtrail.html,
 * https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html).
 */
export function chainAwsWeek(snapshot: StackSnapshot): unknown[] {
    const fn = (name: string) => output(snapshot, "aws:lambda/function:Function", name, "arn");
    const api = roleName(snapshot, "api");
    const worker = roleName(snapshot, "worker");
    const admin = roleName(snapshot, "admin");
    const audits = output(snapshot, "aws:sqs/queue:Queue", "audits", "arn");
    const records: unknown[] = [];
    for (const { time } of week(30)) {
        records.push(
            dataEvent(api, "lambda.amazonaws.com", "Invoke", time, [
                { ARN: fn("worker"), type: "AWS::Lambda::Function" },
            ]),
            dataEvent(worker, "lambda.amazonaws.com", "Invoke", later(time, 1), [
                { ARN: fn("admin"), type: "AWS::Lambda::Function" },
            ]),
            dataEvent(admin, "sqs.amazonaws.com", "SendMessage", later(time, 2), [
                { ARN: audits, type: "AWS::SQS::Queue" },
            ]),
        );
    }
    const billingSecret = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:billing-db-Ab12Cd`;
    const billingKey = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    for (const { time } of week(6)) {
        records.push(
            management(
                "billing-app",
                "secretsmanager.amazonaws.com",
                "GetSecretValue",
                time,
                billingSecret,
            ),
            management(
                "billing-app",
                "secretsmanager.amazonaws.com",
                "DescribeSecret",
                later(time, 1),
                billingSecret,
            ),
            management("billing-app", "kms.amazonaws.com", "Decrypt", later(time, 2), billingKey),
        );
    }
    for (const { time } of week(1)) records.push(...people(time, [audits]));
    return records;
}
