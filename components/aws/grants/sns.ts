import type { AwsAccessEntry } from "./access";

/** `sns:publish`: sns:Publish on one topic; never subscriptions or topic attributes. */
export const snsAccess: readonly AwsAccessEntry[] = [
    {
        access: "sns:publish",
        summary: "Publish messages to the topic.",
        targetPattern:
            /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/,
        arnService: "sns",
        resourceDescription:
            "the topic's ARN, `arn:aws:sns:<region>:<account>:<name>` (e.g. `topic.arn`)",
        acceptsPrefix: false,
        statements: [{ actions: ["sns:Publish"], resources: ["{arn}"] }],
        keyUse: {
            viaService: "sns",
            actions: ["kms:GenerateDataKey", "kms:Decrypt"],
            operations: [
                {
                    job: "Publish to a topic encrypted with the key (SSE)",
                    needs: [
                        { action: "kms:GenerateDataKey", resource: "{key}" },
                        { action: "kms:Decrypt", resource: "{key}" },
                    ],
                    source: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
                },
            ],
        },
        conditionKeys: [],
        operations: [
            {
                job: "Publish and PublishBatch to the topic",
                needs: [{ action: "sns:Publish", resource: "{arn}" }],
                source: "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html",
            },
        ],
    },
];
