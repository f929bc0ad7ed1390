/**
 * CloudTrail records written from the documented record format: "CloudTrail record contents for
 * management, data, and network activity events"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html)
 * and "CloudTrail userIdentity element", AssumedRole example with `sessionContext.sessionIssuer`
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
 * Delivery files hold `{"Records": [...]}`
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference.html).
 */
export const ACCOUNT = "123456789012";

export const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

export interface RecordOptions {
    readonly role?: string;
    readonly time?: string;
    readonly errorCode?: string;
    readonly resources?: readonly { ARN: string; type: string }[];
    readonly requestParameters?: Record<string, unknown>;
    readonly invokedBy?: string;
    readonly category?: "Management" | "Data";
}

/** A call by a Lambda function's execution-role session, as CloudTrail records it. */
export function assumedRoleRecord(
    eventSource: string,
    eventName: string,
    options: RecordOptions = {},
): Record<string, unknown> {
    const role = options.role ?? "orders-fn-role";
    return {
        eventVersion: "1.09",
        userIdentity: {
            type: "AssumedRole",
            principalId: `AROAEXAMPLEID:${role}-session`,
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${role}-session`,
            accountId: ACCOUNT,
            accessKeyId: "ASIAEXAMPLEKEY",
            sessionContext: {
                sessionIssuer: {
                    type: "Role",
                    principalId: "AROAEXAMPLEID",
                    arn: roleArn(role),
                    accountId: ACCOUNT,
                    userName: role,
                },
                attributes: { creationDate: "2026-11-30T08:00:00Z", mfaAuthenticated: "false" },
            },
            ...(options.invokedBy === undefined ? {} : { invokedBy: options.invokedBy }),
        },
        eventTime: options.time ?? "2026-11-30T09:15:00Z",
        eventSource,
        eventName,
        awsRegion: "eu-west-1",
        sourceIPAddress: "192.0.2.10",
        userAgent: "aws-sdk-js/3.0.0",
        ...(options.errorCode === undefined
            ? {}
            : { errorCode: options.errorCode, errorMessage: "User is not authorized" }),
        requestParameters: options.requestParameters ?? null,
        responseElements: null,
        requestID: "EXAMPLE-REQUEST-ID",
        eventID: "EXAMPLE-EVENT-ID",
        readOnly: true,
        ...(options.resources === undefined ? {} : { resources: options.resources }),
        eventType: "AwsApiCall",
        managementEvent: (options.category ?? "Management") === "Management",
        recipientAccountId: ACCOUNT,
        eventCategory: options.category ?? "Management",
    };
}

/** A call by an IAM user (not a function): the example record of the CloudTrail event reference. */
export function iamUserRecord(): Record<string, unknown> {
    return {
        eventVersion: "1.09",
        userIdentity: {
            type: "IAMUser",
            principalId: "EXAMPLE6E4XEGITWATV6R",
            arn: `arn:aws:iam::${ACCOUNT}:user/Mary_Major`,
            accountId: ACCOUNT,
            accessKeyId: "AKIAIOSFODNN7EXAMPLE",
            userName: "Mary_Major",
        },
        eventTime: "2026-11-30T09:20:00Z",
        eventSource: "cloudtrail.amazonaws.com",
        eventName: "StartLogging",
        awsRegion: "us-east-1",
        sourceIPAddress: "192.0.2.0",
        requestParameters: { name: "myTrail" },
        responseElements: null,
        eventType: "AwsApiCall",
        managementEvent: true,
        eventCategory: "Management",
    };
}
