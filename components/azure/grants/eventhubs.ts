import { ROLES } from "../roles";
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
    },
];
