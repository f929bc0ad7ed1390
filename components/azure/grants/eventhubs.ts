import { ROLES } from "../roles";
import { EVENT_HUBS_OPERATIONS } from "./operations";
import type { AzureAccessEntry } from "./types";

/** Event Hubs: data roles on one event hub. */
export const eventHubsAccess: readonly AzureAccessEntry[] = [
    {
        access: "eventhubs:send",
        plane: "rbac",
        role: ROLES.eventHubsDataSender,
        scopes: ["event-hub"],
        broadScopes: ["eventhubs-namespace"],
        conditions: false,
        connection: "eventhubs",
        summary: "send events",
        operations: [EVENT_HUBS_OPERATIONS.send],
    },
    {
        access: "eventhubs:receive",
        plane: "rbac",
        role: ROLES.eventHubsDataReceiver,
        scopes: ["event-hub"],
        broadScopes: ["eventhubs-namespace"],
        conditions: false,
        connection: "eventhubs",
        summary: "receive events",
        operations: [EVENT_HUBS_OPERATIONS.receive],
    },
];
