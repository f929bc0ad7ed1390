import type { AwsAccessEntry } from "./access";

const TABLE =
    "the table's ARN, `arn:aws:dynamodb:<region>:<account>:table/<name>` (e.g. `table.arn`)";
const CONDITION_KEYS = [
    "dynamodb:LeadingKeys",
    "dynamodb:Attributes",
    "dynamodb:Select",
    "dynamodb:ReturnValues",
];

const readTable = [
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
];
/** Indexes can only be queried and scanned. */
const readIndexes = { actions: ["dynamodb:Query", "dynamodb:Scan"], resources: ["{arn}/index/*"] };

/**
 * DynamoDB item access on one table and its indexes.
 * - `dynamodb:read`: BatchGetItem, ConditionCheckItem, DescribeTable, GetItem, Query, Scan on the
 *   table; Query, Scan on `<table>/index/*`.
 * - `dynamodb:readwrite`: read, plus BatchWriteItem, DeleteItem, PutItem, UpdateItem on the table.
 * Never table management (CreateTable, DeleteTable, UpdateTable) or streams.
 */
export const dynamodbAccess: readonly AwsAccessEntry[] = [
    {
        access: "dynamodb:read",
        summary: "Read items of the table and query its indexes.",
        arnService: "dynamodb",
        resourceDescription: TABLE,
        acceptsPrefix: false,
        statements: [{ actions: readTable, resources: ["{arn}"] }, readIndexes],
        conditionKeys: CONDITION_KEYS,
    },
    {
        access: "dynamodb:readwrite",
        summary: "Read and write items of the table and query its indexes.",
        arnService: "dynamodb",
        resourceDescription: TABLE,
        acceptsPrefix: false,
        statements: [
            {
                actions: [
                    ...readTable,
                    "dynamodb:BatchWriteItem",
                    "dynamodb:DeleteItem",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem",
                ],
                resources: ["{arn}"],
            },
            readIndexes,
        ],
        conditionKeys: CONDITION_KEYS,
    },
];
