/**
 * Every Azure access level against the role it assigns: the role grants one way of every operation
 * the level names (Microsoft's permission tables, cited on each operation in
 * components/azure/grants/operations.ts), checked against ../shared/data/azure-builtin-roles.json;
 * what else the role grants is the level's excess, pinned here so it only changes on purpose.
 */
import { strict as assert } from "assert";
import { AZURE_ACCESS_TABLE } from "../../../components/azure/grants";
import { levelCoverage } from "../../../scripts/azure-role-coverage";

const BLOB = "Microsoft.Storage/storageAccounts/blobServices";
const TABLES = "Microsoft.Storage/storageAccounts/tableServices/tables";

/** The excess of each level with a role: permissions its role grants that no operation needs. */
const EXCESS: Readonly<Record<string, readonly string[]>> = {
    "blob:read": [`${BLOB}/containers/read`, `${BLOB}/generateUserDelegationKey/action`],
    // Custom roles with exactly the data actions the jobs need (issue 12: Storage Blob Data
    // Contributor also carried containers/write, containers/delete and move).
    "blob:write": [],
    "blob:readwrite": [],
    // Storage Blob Data Owner, as Microsoft's blob trigger table names it; its wildcards (WILDCARDS)
    // grant everything on the container and its blobs, ACLs and ownership included.
    "blob:trigger": [`${BLOB}/generateUserDelegationKey/action`],
    "queue:send": [],
    "queue:trigger": [],
    "queue:consume": [],
    "table:read": [`${TABLES}/read`],
    "table:readwrite": [`${TABLES}/read`, `${TABLES}/write`, `${TABLES}/delete`],
    "servicebus:send": [
        "Microsoft.ServiceBus/*/queues/read",
        "Microsoft.ServiceBus/*/topics/read",
        "Microsoft.ServiceBus/*/topics/subscriptions/read",
    ],
    "servicebus:receive": [
        "Microsoft.ServiceBus/*/queues/read",
        "Microsoft.ServiceBus/*/topics/read",
        "Microsoft.ServiceBus/*/topics/subscriptions/read",
    ],
    "eventhubs:send": ["Microsoft.EventHub/*/eventhubs/read"],
    "eventhubs:receive": ["Microsoft.EventHub/*/eventhubs/consumergroups/read"],
    "keyvault-secret:read": ["Microsoft.KeyVault/vaults/secrets/readMetadata/action"],
    "keyvault-key:crypto": [
        "Microsoft.KeyVault/vaults/keys/update/action",
        "Microsoft.KeyVault/vaults/keys/backup/action",
    ],
    "keyvault-key:wrap": [
        "Microsoft.EventGrid/eventSubscriptions/write",
        "Microsoft.EventGrid/eventSubscriptions/read",
        "Microsoft.EventGrid/eventSubscriptions/delete",
    ],
    "cosmosdb:read": [],
    "cosmosdb:readwrite": [
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/executeStoredProcedure",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/manageConflicts",
    ],
};

/** Role patterns with a wildcard: they grant every permission they match, needed or not. */
const WILDCARDS: Readonly<Record<string, readonly string[]>> = {
    "blob:trigger": [`${BLOB}/containers/*`, `${BLOB}/containers/blobs/*`],
    "servicebus:send": [
        "Microsoft.ServiceBus/*/queues/read",
        "Microsoft.ServiceBus/*/topics/read",
        "Microsoft.ServiceBus/*/topics/subscriptions/read",
        "Microsoft.ServiceBus/*/send/action",
    ],
    "servicebus:receive": [
        "Microsoft.ServiceBus/*/queues/read",
        "Microsoft.ServiceBus/*/topics/read",
        "Microsoft.ServiceBus/*/topics/subscriptions/read",
        "Microsoft.ServiceBus/*/receive/action",
    ],
    "eventhubs:send": ["Microsoft.EventHub/*/eventhubs/read", "Microsoft.EventHub/*/send/action"],
    "eventhubs:receive": [
        "Microsoft.EventHub/*/eventhubs/consumergroups/read",
        "Microsoft.EventHub/*/receive/action",
    ],
};

describe("Azure access levels against their roles", function () {
    for (const entry of AZURE_ACCESS_TABLE) {
        describe(entry.access, function () {
            it("names the jobs it is for, each with the source of its needs", function () {
                assert.ok(entry.operations.length > 0);
                for (const operation of entry.operations) {
                    assert.match(operation.source, /^https:\/\/learn\.microsoft\.com\//);
                }
            });

            const coverage = levelCoverage(entry);
            if (coverage === undefined) {
                it("assigns no role (the callee's Easy Auth admits the caller)", function () {
                    assert.equal(entry.plane, "easy-auth");
                    assert.deepEqual(
                        entry.operations.flatMap((o) => o.needs),
                        [],
                    );
                });
                return;
            }

            it(`is allowed every operation it names by ${coverage.role}`, function () {
                assert.deepEqual(coverage.uncovered, []);
            });

            it("grants nothing beyond its operations but its pinned excess", function () {
                assert.deepEqual(coverage.excess, EXCESS[entry.access]);
                assert.deepEqual(coverage.wildcards, WILDCARDS[entry.access] ?? []);
            });
        });
    }

    it("fails a level whose role lacks a needed permission", function () {
        const entry = AZURE_ACCESS_TABLE.find((e) => e.access === "blob:read");
        assert.ok(entry);
        const broken = {
            ...entry,
            operations: [
                ...entry.operations,
                {
                    job: "Delete Blob",
                    needs: [[`${BLOB}/containers/blobs/delete`]],
                    source: "https://learn.microsoft.com/",
                },
            ],
        };
        assert.deepEqual(levelCoverage(broken)?.uncovered, ["Delete Blob"]);
    });
});
