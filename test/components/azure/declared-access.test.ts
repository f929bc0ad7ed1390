import * as assert from "node:assert/strict";
import { AzureFunction, type AzureGrant } from "../../../components/azure";
import { isUnknownValue, runComponents } from "../harness";
import { CONTAINER, QUEUE, SITE } from "./fixtures";
import { customRoleGuid } from "../../../components/azure/custom-roles";

const GRANTS: AzureGrant[] = [
    { name: "uploads", access: "blob:write", resource: CONTAINER },
    { name: "jobs", access: "queue:send", resource: QUEUE },
    { name: "worker", access: "function:invoke", resource: SITE, audience: "aud" },
];

interface Entry {
    grant: string;
    access: string;
    plane: string;
    roleGuid?: string;
    scope: unknown;
    condition?: string;
    dataActions?: string[];
}

async function declaredAccess(preview: boolean): Promise<Entry[]> {
    const r = await runComponents(
        () => {
            new AzureFunction("ingest", { resourceGroupName: "app", grants: GRANTS });
        },
        { preview },
    );
    const component = r.named("perimeter:index:AzureFunction", "ingest");
    return component.outputs.declaredAccess as unknown as Entry[];
}

describe("AzureFunction declaredAccess output", () => {
    it("registers the host's storage roles and every grant with role, scope and condition", async () => {
        const entries = await declaredAccess(false);
        assert.deepEqual(
            entries.map((e) => `${e.grant} ${e.access} ${e.plane} ${e.roleGuid ?? "-"}`),
            [
                "host-blob host-storage rbac b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
                "host-table host-storage rbac 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
                // A custom role: its GUID is the function's own (project, stack, function, level).
                `uploads blob:write rbac ${customRoleGuid("ingest")("blob-writer")}`,
                "jobs queue:send rbac c6a89b2d-59bc-44d0-9896-0f6e12d7b80a",
                "worker function:invoke easy-auth -",
            ],
        );
        assert.match(String(entries[0]?.scope), /\/storageAccounts\/fn[0-9a-f]{16}$/);
        assert.equal(entries[3]?.scope, QUEUE);
        // The custom role's data actions travel with the entry, so the graph counts exactly those.
        assert.equal(entries[2]?.condition, undefined);
        assert.deepEqual(entries[2]?.dataActions, [
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action",
        ]);
    });

    it("keeps each entry's role known in preview while a new account's ID is unknown", async () => {
        const entries = await declaredAccess(true);
        assert.equal(entries.length, 5);
        assert.equal(entries[0]?.roleGuid, "b7e6dc6d-f1e8-4753-8033-0f276bb0955b");
        assert.ok(isUnknownValue(entries[0]?.scope as never));
        assert.equal(entries[3]?.scope, QUEUE);
    });
});
