import type { AwsAccessEntry } from "./access";

/** `sns:publish`: sns:Publish on one topic; never subscriptions or topic attributes. */
export const snsAccess: readonly AwsAccessEntry[] = [
    {
        access: "sns:publish",
        summary: "Publish messages to the topic.",
        arnService: "sns",
        resourceDescription:
            "the topic's ARN, `arn:aws:sns:<region>:<account>:<name>` (e.g. `topic.arn`)",
        acceptsPrefix: false,
        statements: [{ actions: ["sns:Publish"], resources: ["{arn}"] }],
        conditionKeys: [],
    },
];
