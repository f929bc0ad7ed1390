import type { AwsAccessEntry } from "./access";

/** `events:put`: events:PutEvents on one event bus; never rules or targets. */
export const eventsAccess: readonly AwsAccessEntry[] = [
    {
        access: "events:put",
        summary: "Put events on the event bus.",
        arnService: "events",
        resourceDescription:
            "the event bus ARN, `arn:aws:events:<region>:<account>:event-bus/<name>` (e.g. `bus.arn`)",
        acceptsPrefix: false,
        statements: [{ actions: ["events:PutEvents"], resources: ["{arn}"] }],
        conditionKeys: ["events:source", "events:detail-type"],
    },
];
