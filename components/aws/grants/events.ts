import type { AwsAccessEntry } from "./access";

/** `events:put`: events:PutEvents on one event bus; never rules or targets. */
export const eventsAccess: readonly AwsAccessEntry[] = [
    {
        access: "events:put",
        summary: "Put events on the event bus.",
        targetPattern:
            /^arn:aws[a-z-]*:events:[a-z]{2}(-[a-z]+)+-\d:\d{12}:event-bus\/[A-Za-z0-9._\-/]{1,256}$/,
        arnService: "events",
        resourceDescription:
            "the event bus ARN, `arn:aws:events:<region>:<account>:event-bus/<name>` (e.g. `bus.arn`)",
        acceptsPrefix: false,
        statements: [{ actions: ["events:PutEvents"], resources: ["{arn}"] }],
        conditionKeys: ["events:source", "events:detail-type"],
        operations: [
            {
                job: "PutEvents on the bus",
                needs: [{ action: "events:PutEvents", resource: "{arn}" }],
                source: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html",
            },
        ],
    },
];
