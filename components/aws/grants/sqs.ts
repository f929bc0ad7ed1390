import type { AwsAccessEntry } from "./access";

const QUEUE = "the queue's ARN, `arn:aws:sqs:<region>:<account>:<name>` (e.g. `queue.arn`)";

/**
 * SQS messages on one queue. SendMessageBatch, ReceiveMessage batches and DeleteMessageBatch are
 * authorised by their single-message actions.
 * - `sqs:send`: SendMessage, GetQueueAttributes, GetQueueUrl.
 * - `sqs:consume`: ReceiveMessage, DeleteMessage, ChangeMessageVisibility, GetQueueAttributes,
 *   GetQueueUrl (what a Lambda event source mapping polls with).
 * Never queue management (policy, purge, deletion).
 */
export const sqsAccess: readonly AwsAccessEntry[] = [
    {
        access: "sqs:send",
        summary: "Send messages to the queue.",
        arnService: "sqs",
        resourceDescription: QUEUE,
        acceptsPrefix: false,
        statements: [
            {
                actions: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
                resources: ["{arn}"],
            },
        ],
        conditionKeys: [],
    },
    {
        access: "sqs:consume",
        summary: "Receive, delete and extend the visibility of messages of the queue.",
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
        conditionKeys: [],
    },
];
