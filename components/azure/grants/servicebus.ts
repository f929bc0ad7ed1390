import { ROLES } from "../roles";
import type { AzureAccessEntry } from "./types";

/** Service Bus: data roles on one entity (queue, topic or subscription). */
export const serviceBusAccess: readonly AzureAccessEntry[] = [
    {
        access: "servicebus:send",
        plane: "rbac",
        role: ROLES.serviceBusDataSender,
        scopes: ["servicebus-queue", "servicebus-topic"],
        broadScopes: ["servicebus-namespace"],
        conditions: false,
        connection: "servicebus",
        summary: "send messages to the queue or topic",
    },
    {
        access: "servicebus:receive",
        plane: "rbac",
        role: ROLES.serviceBusDataReceiver,
        scopes: ["servicebus-queue", "servicebus-subscription"],
        broadScopes: ["servicebus-namespace", "servicebus-topic"],
        conditions: false,
        connection: "servicebus",
        summary: "receive messages from the queue or subscription",
    },
];
