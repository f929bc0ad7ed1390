import type { AwsAccessEntry } from "./access";

/**
 * `kinesis:read`: what a Lambda event source mapping reads a stream with (standard iterators):
 * DescribeStream, DescribeStreamSummary, GetRecords, GetShardIterator, ListShards on the stream,
 * and ListStreams, which allows only `*`. Enhanced fan-out consumers (SubscribeToShard on a
 * consumer) are not covered. Never writes or stream management.
 */
export const kinesisAccess: readonly AwsAccessEntry[] = [
    {
        access: "kinesis:read",
        summary: "Read the stream, as a Lambda event source mapping does.",
        targetPattern:
            /^arn:aws[a-z-]*:kinesis:[a-z]{2}(-[a-z]+)+-\d:\d{12}:stream\/[A-Za-z0-9_.-]{1,128}$/,
        arnService: "kinesis",
        resourceDescription:
            "the stream's ARN, `arn:aws:kinesis:<region>:<account>:stream/<name>` (e.g. `stream.arn`)",
        acceptsPrefix: false,
        statements: [
            {
                actions: [
                    "kinesis:DescribeStream",
                    "kinesis:DescribeStreamSummary",
                    "kinesis:GetRecords",
                    "kinesis:GetShardIterator",
                    "kinesis:ListShards",
                ],
                resources: ["{arn}"],
            },
            // ListStreams names no resource type: it is allowed on "*" or not at all.
            { actions: ["kinesis:ListStreams"], resources: ["*"] },
        ],
        conditionKeys: [],
        keyUse: {
            viaService: "kinesis",
            actions: ["kms:Decrypt"],
            operations: [
                {
                    job: "GetRecords from a stream encrypted with the key (SSE)",
                    needs: [{ action: "kms:Decrypt", resource: "{key}" }],
                    source: "https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html",
                },
            ],
        },
        operations: [
            {
                job: "Lambda event source mapping polling the stream",
                needs: [
                    ...[
                        "DescribeStream",
                        "DescribeStreamSummary",
                        "GetRecords",
                        "GetShardIterator",
                        "ListShards",
                    ].map((a) => ({ action: `kinesis:${a}`, resource: "{arn}" })),
                    { action: "kinesis:ListStreams", resource: "*" },
                ],
                // The actions of the AWS managed policy AWSLambdaKinesisExecutionRole (v2) but
                // SubscribeToShard, which only enhanced fan-out consumers use.
                source: "https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-permissions.html",
            },
        ],
    },
];
