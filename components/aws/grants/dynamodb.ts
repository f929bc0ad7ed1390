import type { AwsAccessEntry, AwsOperation } from "./access";

const TABLE =
    "the table's ARN, `arn:aws:dynamodb:<region>:<account>:table/<name>` (e.g. `table.arn`)";
const STREAM =
    "the table's stream ARN, `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` (e.g. `table.streamArn`)";
const CONDITION_KEYS = [
    "dynamodb:LeadingKeys",
    "dynamodb:Attributes",
    "dynamodb:Select",
    "dynamodb:ReturnValues",
];
/** The DynamoDB API permissions reference: each operation needs the action of its own name. */
const PERMISSIONS =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/api-permissions-reference.html";
/** Transactions: TransactGetItems needs GetItem; TransactWriteItems the action of each part. */
const TRANSACTIONS =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html";

const readTable = [
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
];
const writeTable = [
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
];
/** Indexes can only be queried and scanned. */
const readIndexes = { actions: ["dynamodb:Query", "dynamodb:Scan"], resources: ["{arn}/index/*"] };

const onTable = (job: string, action: string, source = PERMISSIONS): AwsOperation => ({
    job,
    needs: [{ action, resource: "{arn}" }],
    source,
});

const readOperations: readonly AwsOperation[] = [
    onTable("GetItem", "dynamodb:GetItem"),
    onTable("BatchGetItem", "dynamodb:BatchGetItem"),
    onTable("Query of the table", "dynamodb:Query"),
    onTable("Scan of the table", "dynamodb:Scan"),
    {
        job: "Query and Scan of a secondary index",
        needs: [
            { action: "dynamodb:Query", resource: "{arn}/index/by-customer" },
            { action: "dynamodb:Scan", resource: "{arn}/index/by-customer" },
        ],
        source: PERMISSIONS,
    },
    onTable("TransactGetItems", "dynamodb:GetItem", TRANSACTIONS),
    onTable(
        "TransactWriteItems whose part is a ConditionCheck (checks, writes nothing)",
        "dynamodb:ConditionCheckItem",
        TRANSACTIONS,
    ),
    onTable(
        "DescribeTable (key schema and indexes, read by ORMs and mappers)",
        "dynamodb:DescribeTable",
    ),
];

const writeOperations: readonly AwsOperation[] = [
    onTable("PutItem", "dynamodb:PutItem"),
    onTable("UpdateItem", "dynamodb:UpdateItem"),
    onTable("DeleteItem", "dynamodb:DeleteItem"),
    onTable("BatchWriteItem (puts and deletes)", "dynamodb:BatchWriteItem"),
    {
        job: "TransactWriteItems of puts, updates, deletes and condition checks",
        needs: ["PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"].map((a) => ({
            action: `dynamodb:${a}`,
            resource: "{arn}",
        })),
        source: TRANSACTIONS,
    },
];

/**
 * DynamoDB item access on one table and its indexes, and its stream.
 * - `dynamodb:read`: BatchGetItem, ConditionCheckItem, DescribeTable, GetItem, Query, Scan on the
 *   table; Query, Scan on `<table>/index/*`.
 * - `dynamodb:write`: BatchWriteItem, ConditionCheckItem, DeleteItem, PutItem, UpdateItem on the
 *   table; no reads (no Query, Scan or GetItem).
 * - `dynamodb:readwrite`: both.
 * - `dynamodb:stream`: what a Lambda event source mapping reads the stream with: DescribeStream,
 *   GetRecords, GetShardIterator on the stream, and ListStreams, which allows only `*`.
 * Never table management (CreateTable, DeleteTable, UpdateTable).
 */
export const dynamodbAccess: readonly AwsAccessEntry[] = [
    {
        access: "dynamodb:read",
        summary: "Read items of the table and query its indexes.",
        targetPattern:
            /^arn:aws[a-z-]*:dynamodb:[a-z]{2}(-[a-z]+)+-\d:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/,
        arnService: "dynamodb",
        resourceDescription: TABLE,
        acceptsPrefix: false,
        statements: [{ actions: readTable, resources: ["{arn}"] }, readIndexes],
        conditionKeys: CONDITION_KEYS,
        operations: readOperations,
    },
    {
        access: "dynamodb:write",
        summary: "Write and delete items of the table, without reading it.",
        targetPattern:
            /^arn:aws[a-z-]*:dynamodb:[a-z]{2}(-[a-z]+)+-\d:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/,
        arnService: "dynamodb",
        resourceDescription: TABLE,
        acceptsPrefix: false,
        statements: [{ actions: writeTable, resources: ["{arn}"] }],
        conditionKeys: CONDITION_KEYS,
        operations: writeOperations,
    },
    {
        access: "dynamodb:readwrite",
        summary: "Read and write items of the table and query its indexes.",
        targetPattern:
            /^arn:aws[a-z-]*:dynamodb:[a-z]{2}(-[a-z]+)+-\d:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/,
        arnService: "dynamodb",
        resourceDescription: TABLE,
        acceptsPrefix: false,
        statements: [
            { actions: [...new Set([...readTable, ...writeTable])], resources: ["{arn}"] },
            readIndexes,
        ],
        conditionKeys: CONDITION_KEYS,
        operations: [...readOperations, ...writeOperations],
    },
    {
        access: "dynamodb:stream",
        summary: "Read the table's stream, as a Lambda event source mapping does.",
        targetPattern:
            /^arn:aws[a-z-]*:dynamodb:[a-z]{2}(-[a-z]+)+-\d:\d{12}:table\/[A-Za-z0-9_.-]{3,255}\/stream\/[^/*]+$/,
        arnService: "dynamodb",
        resourceDescription: STREAM,
        acceptsPrefix: false,
        statements: [
            {
                actions: [
                    "dynamodb:DescribeStream",
                    "dynamodb:GetRecords",
                    "dynamodb:GetShardIterator",
                ],
                resources: ["{arn}"],
            },
            // ListStreams names no resource type: it is allowed on "*" or not at all.
            { actions: ["dynamodb:ListStreams"], resources: ["*"] },
        ],
        conditionKeys: [],
        operations: [
            {
                job: "Lambda event source mapping polling the stream",
                needs: [
                    { action: "dynamodb:DescribeStream", resource: "{arn}" },
                    { action: "dynamodb:GetRecords", resource: "{arn}" },
                    { action: "dynamodb:GetShardIterator", resource: "{arn}" },
                    { action: "dynamodb:ListStreams", resource: "*" },
                ],
                // The same four actions as the AWS managed policy AWSLambdaDynamoDBExecutionRole.
                source: "https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-eventsourcemapping.html",
            },
        ],
    },
];
