/**
 * AWS CloudTrail records, read as the calls a role's sessions made. The record fields used are those of
 * "CloudTrail record contents for management, data, and network activity events"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html)
 * and "CloudTrail userIdentity element"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html):
 * `eventTime`, `eventSource`, `eventName`, `errorCode`, `resources[].ARN`, `requestParameters`, and
 * `userIdentity` of type `AssumedRole` whose `sessionContext.sessionIssuer` (type `Role`) is the role
 * the session was made from: a Lambda function's execution role.
 *
 * Two shapes of file (../log-files.ts): what CloudTrail delivers to S3, one JSON object
 * `{"Records": [...]}` per file, and JSON Lines, one record per line (a CloudTrail Lake or Athena
 * export). A record that cannot be read is counted with why, never thrown.
 */
import { isRecord, textOf } from "../../../policypack/lib/values";
import type { RecordedPermissions } from "../evidence";
import type { Use } from "../usage";
import { iamActionOf } from "./actions";

/** One API call a role's session made. */
export interface RoleCall {
    /** Milliseconds since the epoch. */
    readonly time: number;
    /** The role the session was made from, `arn:aws:iam::<account>:role/<path><name>`. */
    readonly roleArn: string;
    /** `s3.amazonaws.com`. */
    readonly eventSource: string;
    readonly eventName: string;
    /** The request was refused for want of a permission (see {@link isAccessDenied}). */
    readonly denied: boolean;
    /** ARNs of the resources the record names (`resources[].ARN`, or S3's bucket and key). */
    readonly resources: readonly string[];
    /** The service that made the call on the session's behalf (`userIdentity.invokedBy`), if any. */
    readonly invokedBy?: string;
}

/**
 * Error codes that mean "not authorized": S3's and most services' `AccessDenied`/`AccessDeniedException`,
 * EC2's `Client.UnauthorizedOperation`, SNS's `AuthorizationError`. Any other error (`NoSuchKey`) came
 * after authorization, so the call counts as a use of the permission.
 */
export function isAccessDenied(errorCode: unknown): boolean {
    return (
        typeof errorCode === "string" &&
        /AccessDenied|UnauthorizedOperation|AuthorizationError/i.test(errorCode)
    );
}

/** The ARNs a record names: `resources[].ARN`, else an S3 request's bucket (and key). */
function resourcesOf(record: Record<string, unknown>): string[] {
    const listed = Array.isArray(record["resources"])
        ? (record["resources"] as unknown[]).flatMap((r) =>
              isRecord(r) && textOf(r["ARN"]) !== undefined ? [r["ARN"] as string] : [],
          )
        : [];
    if (listed.length > 0) return listed;
    const request = record["requestParameters"];
    if (record["eventSource"] === "s3.amazonaws.com" && isRecord(request)) {
        const bucket = textOf(request["bucketName"]);
        const key = textOf(request["key"]);
        if (bucket !== undefined) {
            return key === undefined
                ? [`arn:aws:s3:::${bucket}`]
                : [`arn:aws:s3:::${bucket}/${key}`];
        }
    }
    return [];
}

/** The call a record describes, or why it is not one of a role's calls. */
export function roleCallOf(record: unknown): RoleCall | { readonly skip: string } {
    if (!isRecord(record)) return { skip: "not a JSON object" };
    const identity = record["userIdentity"];
    if (!isRecord(identity)) return { skip: "no userIdentity" };
    if (identity["type"] !== "AssumedRole") return { skip: "not an assumed-role session" };
    const context = identity["sessionContext"];
    const issuer = isRecord(context) ? context["sessionIssuer"] : undefined;
    const roleArn =
        isRecord(issuer) && issuer["type"] === "Role" ? textOf(issuer["arn"]) : undefined;
    if (roleArn === undefined) return { skip: "no sessionContext.sessionIssuer role" };
    const eventSource = textOf(record["eventSource"]);
    const eventName = textOf(record["eventName"]);
    if (eventSource === undefined || eventName === undefined) {
        return { skip: "no eventSource or eventName" };
    }
    const time = Date.parse(textOf(record["eventTime"]) ?? "");
    if (Number.isNaN(time)) return { skip: "no readable eventTime" };
    const invokedBy = textOf(identity["invokedBy"]);
    return {
        time,
        roleArn,
        eventSource,
        eventName,
        denied: isAccessDenied(record["errorCode"]),
        resources: resourcesOf(record),
        ...(invokedBy === undefined ? {} : { invokedBy }),
    };
}

/**
 * The uses a CloudTrail record holds (one: the call, mapped to its IAM action by ./actions.ts), or why
 * it holds none of a role's; a management event is noted in `evidence` whoever made it.
 */
export function awsUsesOf(
    record: unknown,
    evidence: RecordedPermissions,
): readonly Use[] | { readonly skip: string } {
    noteEvidence(record, evidence);
    const call = roleCallOf(record);
    if ("skip" in call) return call;
    const action = iamActionOf(call.eventSource, call.eventName);
    return [
        {
            time: call.time,
            principal: call.roleArn,
            ...(action === undefined
                ? { event: `${call.eventSource} ${call.eventName}` }
                : { action }),
            denied: call.denied,
            resources: call.resources,
            ...(call.invokedBy === undefined ? {} : { onBehalfOf: call.invokedBy }),
        },
    ];
}

/**
 * A record with `managementEvent: true` (record contents, "managementEvent") proves the trail records
 * that API, read or write as it is, whoever called it: evidence that a function's call of it would have
 * been recorded too (../evidence.ts).
 */
function noteEvidence(record: unknown, evidence: RecordedPermissions): void {
    if (!isRecord(record) || record["managementEvent"] !== true) return;
    const source = textOf(record["eventSource"]);
    const name = textOf(record["eventName"]);
    const action =
        source === undefined || name === undefined ? undefined : iamActionOf(source, name);
    if (action !== undefined) evidence.note(action);
}
