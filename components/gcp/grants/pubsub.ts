// Pub/Sub access levels: publisher on the topic, subscriber on the subscription (never the project).
import { PUBSUB_OPERATIONS } from "./operations";
import type { GcpAccessEntry } from "./types";

export const pubsubAccess: readonly GcpAccessEntry[] = [
    {
        access: "pubsub:publish",
        role: "roles/pubsub.publisher",
        target: "topic",
        resourceHint: "the topic ID, e.g. topic.id (projects/<p>/topics/<t>)",
        summary: "Publish messages to the topic.",
        operations: [PUBSUB_OPERATIONS.publish],
        permissions: ["pubsub.topics.publish"],
    },
    {
        access: "pubsub:consume",
        role: "roles/pubsub.subscriber",
        target: "subscription",
        resourceHint: "the subscription ID, e.g. subscription.id (projects/<p>/subscriptions/<s>)",
        summary: "Pull and acknowledge messages from the subscription.",
        operations: [PUBSUB_OPERATIONS.pull, PUBSUB_OPERATIONS.acknowledge],
        permissions: [
            "pubsub.snapshots.seek",
            "pubsub.subscriptions.consume",
            "pubsub.topics.attachSubscription",
        ],
    },
];
