import type { AwsAccessEntry } from "./access";

const QUEUE = "the queue's ARN, `arn:aws:sqs:<region>:<account>:<name>` (e.g. `queue.arn`)";
/** The SQS API permissions reference: each operation needs the action of its own name; batches their single-message one. */
const PERMISSIONS =
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-permissions-reference.html";
/** Producers of an SSE-KMS queue need GenerateDataKey and Decrypt, consumers Decrypt. */
const KEY_MANAGEMENT =
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html";

/**
 * SQS messages on one queue. SendMessageBatch, ReceiveMessage batches and DeleteMessageBatch are
 * authorised by their single-message actions.
 * - `sqs:send`: SendMessage, GetQueueUrl.
 * - `sqs:consume`: ReceiveMessage, DeleteMessage, GetQueueAttributes (what a Lambda event source
 *   mapping polls with), ChangeMessageVisibility, GetQueueUrl.
 * Never queue management (policy, purge, deletion).
 */
export const sqsAccess: readonly AwsAccessEntry[] = [
    {
        access: "sqs:send",
        summary: "Send messages to the queue.",
        targetPattern:
            /^arn:aws[a-z-]*:sqs:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/,
        arnService: "sqs",
        resourceDescription: QUEUE,
        acceptsPrefix: false,
        statements: [{ actions: ["sqs:SendMessage", "sqs:GetQueueUrl"], resources: ["{arn}"] }],
        keyUse: {
            viaService: "sqs",
            actions: ["kms:GenerateDataKey", "kms:Decrypt"],
            operations: [
                {
                    job: "SendMessage to a queue encrypted with the key (SSE-KMS)",
                    needs: [
                        { action: "kms:GenerateDataKey", resource: "{key}" },
                        { action: "kms:Decrypt", resource: "{key}" },
                    ],
                    source: KEY_MANAGEMENT,
                },
            ],
        },
        conditionKeys: [],
        operations: [
            {
                job: "SendMessage and SendMessageBatch",
                needs: [{ action: "sqs:SendMessage", resource: "{arn}" }],
                source: PERMISSIONS,
            },
            {
                job: "GetQueueUrl of the queue by its name",
                needs: [{ action: "sqs:GetQueueUrl", resource: "{arn}" }],
                source: PERMISSIONS,
            },
        ],
    },
    {
        access: "sqs:consume",
        summary: "Receive, delete and extend the visibility of messages of the queue.",
        targetPattern:
            /^arn:aws[a-z-]*:sqs:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/,
        arnService: "sqs",
        resourceDescription: QUEUE,
        acceptsPrefix: false,
        statements: [
            {
                actions: [
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:ChangeMessageVisibility",
                    "sqs:GetQueueAttributes",
                    "sqs:GetQueueUrl",
                ],
                resources: ["{arn}"],
            },
        ],
        keyUse: {
            viaService: "sqs",
            actions: ["kms:Decrypt"],
            operations: [
                {
                    job: "ReceiveMessage from a queue encrypted with the key (SSE-KMS)",
                    needs: [{ action: "kms:Decrypt", resource: "{key}" }],
                    source: KEY_MANAGEMENT,
                },
            ],
        },
        conditionKeys: [],
        operations: [
            {
                job: "Lambda event source mapping polling the queue",
                needs: ["ReceiveMessage", "DeleteMessage", "GetQueueAttributes"].map((a) => ({
                    action: `sqs:${a}`,
                    resource: "{arn}",
                })),
                // The same three actions as the AWS managed policy AWSLambdaSQSQueueExecutionRole.
                source: "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html",
            },
            {
                job: "ReceiveMessage, DeleteMessage(Batch) and ChangeMessageVisibility(Batch) by the function itself",
                needs: ["ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility"].map((a) => ({
                    action: `sqs:${a}`,
                    resource: "{arn}",
                })),
                source: PERMISSIONS,
            },
            {
                job: "GetQueueUrl of the queue by its name",
                needs: [{ action: "sqs:GetQueueUrl", resource: "{arn}" }],
                source: PERMISSIONS,
            },
        ],
    },
];
