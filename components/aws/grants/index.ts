// The AWS access tables, one per service: the only place an access level's actions are written.
import type { AwsAccessEntry } from "./access";
import { dynamodbAccess } from "./dynamodb";
import { eventsAccess } from "./events";
import { kmsAccess } from "./kms";
import { lambdaAccess } from "./lambda";
import { s3Access } from "./s3";
import { secretsmanagerAccess } from "./secretsmanager";
import { snsAccess } from "./sns";
import { sqsAccess } from "./sqs";
import { ssmAccess } from "./ssm";

export type { AwsAccessEntry, AwsStatementTemplate } from "./access";

/** Every AWS access level, in the order of DESIGN §4.2. */
export const AWS_ACCESS_TABLE: readonly AwsAccessEntry[] = [
    ...s3Access,
    ...dynamodbAccess,
    ...sqsAccess,
    ...snsAccess,
    ...eventsAccess,
    ...secretsmanagerAccess,
    ...ssmAccess,
    ...kmsAccess,
    ...lambdaAccess,
];

export const AWS_ACCESS_LEVELS: readonly string[] = AWS_ACCESS_TABLE.map((e) => e.access);

export function awsAccessEntry(access: string): AwsAccessEntry {
    const entry = AWS_ACCESS_TABLE.find((e) => e.access === access);
    if (!entry) {
        throw new Error(`no AWS access table entry for '${access}'`);
    }
    return entry;
}
