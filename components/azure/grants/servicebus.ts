import { ROLES } from "../roles";
import { SERVICE_BUS_OPERATIONS } from "./operations";
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
        operations: [SERVICE_BUS_OPERATIONS.send],
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
        operations: [SERVICE_BUS_OPERATIONS.receive],
    },
];
