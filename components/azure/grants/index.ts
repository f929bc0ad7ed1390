// Every Azure access level, one reviewed table per service; docs/grants.md (generated) lists each entry.
import { blobAccess } from "./blob";
import { cosmosDbAccess } from "./cosmosdb";
import { eventHubsAccess } from "./eventhubs";
import { functionAccess } from "./function";
import { keyVaultAccess } from "./keyvault";
import { queueAccess } from "./queue";
import { serviceBusAccess } from "./servicebus";
import { tableAccess } from "./table";
import type { AzureAccessEntry } from "./types";

export const AZURE_ACCESS_TABLE: readonly AzureAccessEntry[] = [
    ...blobAccess,
    ...queueAccess,
    ...tableAccess,
    ...serviceBusAccess,
    ...eventHubsAccess,
    ...keyVaultAccess,
    ...cosmosDbAccess,
    ...functionAccess,
];

export const AZURE_ACCESS_LEVELS: readonly string[] = AZURE_ACCESS_TABLE.map((e) => e.access);

export function accessEntry(access: string): AzureAccessEntry {
    const entry = AZURE_ACCESS_TABLE.find((e) => e.access === access);
    if (!entry) {
        throw new Error(`no Azure access table entry for '${access}'`);
    }
    return entry;
}

export type { AzureAccessEntry, AzureCustomRole, ConnectionKind, GrantPlane } from "./types";
