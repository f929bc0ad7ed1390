// The AWS access tables, one per service: the only place an access level's actions are written.
import type { AwsAccessEntry } from "./access";
import { dynamodbAccess } from "./dynamodb";
import { eventsAccess } from "./events";
import { kinesisAccess } from "./kinesis";
import { kmsAccess } from "./kms";
import { lambdaAccess } from "./lambda";
import { s3Access } from "./s3";
import { secretsmanagerAccess } from "./secretsmanager";
import { snsAccess } from "./sns";
import { sqsAccess } from "./sqs";
import { ssmAccess } from "./ssm";

export type { AwsAccessEntry, AwsOperation, AwsStatementTemplate } from "./access";

/** Every AWS access level, in the order of DESIGN §4.2. */
export const AWS_ACCESS_TABLE: readonly AwsAccessEntry[] = [
    ...s3Access,
    ...dynamodbAccess,
    ...sqsAccess,
    ...kinesisAccess,
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

/** The actions a level grants, in table order without repeats. */
export function grantedActions(entry: AwsAccessEntry): string[] {
    return [...new Set(entry.statements.flatMap((s) => s.actions))];
}

/** The actions a level's operations need, in order without repeats. */
export function neededActions(entry: AwsAccessEntry): string[] {
    return [...new Set(entry.operations.flatMap((o) => o.needs.map((n) => n.action)))];
}

/** What a level grants beyond what its operations need: its excess, shown in docs/grants.md. */
export function excessActions(entry: AwsAccessEntry): string[] {
    const needed = new Set(neededActions(entry));
    return grantedActions(entry)
        .filter((a) => !needed.has(a))
        .sort();
}
