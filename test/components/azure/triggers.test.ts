/**
 * Trigger levels: exactly the roles Microsoft's Functions binding tables list for a trigger, at the
 * trigger's resource, and the host's queue role only where the app needs it.
 */
import * as assert from "node:assert/strict";
import { AzureFunction } from "../../../components/azure";
import { runComponents } from "../harness";
import { ACCOUNT, CONTAINER, QUEUE, ROLE_ASSIGNMENT, roleDefinition } from "./fixtures";

const QUEUE_READER = "19e7f393-937e-4f77-808e-94535e297925";
const QUEUE_PROCESSOR = "8a0f0c08-91a1-4084-bc3d-661d67233fed";
const BLOB_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
const QUEUE_CONTRIBUTOR = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";

describe("Azure trigger levels", () => {
    it("queue:trigger assigns Message Processor and Queue Data Reader on the queue", async () => {
        // Microsoft Learn, Queue storage bindings, identity-based connections: trigger roles.
        const r = await runComponents(
            () =>
                new AzureFunction("worker", {
                    resourceGroupName: "app",
                    grants: [{ name: "jobs", access: "queue:trigger", resource: QUEUE }],
                }),
        );
        const jobs = r
            .ofType(ROLE_ASSIGNMENT)
            .filter((a) => a.name.startsWith("worker-jobs"))
            .map((a) => [a.name, a.inputs.scope, a.inputs.roleDefinitionId]);
        assert.deepEqual(jobs, [
            ["worker-jobs", QUEUE, roleDefinition(QUEUE_PROCESSOR)],
            ["worker-jobs-2", QUEUE, roleDefinition(QUEUE_READER)],
        ]);
        assert.ok(!r.ofType(ROLE_ASSIGNMENT).some((a) => a.name === "worker-host-queue"));
    });

    it("blob:trigger assigns Blob Data Owner on the container and the queue role on host storage", async () => {
        // Microsoft Learn, Blob storage bindings: Storage Blob Data Owner and Storage Queue Data
        // Contributor ("the blob trigger uses Azure Queues internally").
        const r = await runComponents(
            () =>
                new AzureFunction("ingest", {
                    resourceGroupName: "app",
                    grants: [{ name: "uploads", access: "blob:trigger", resource: CONTAINER }],
                }),
        );
        const uploads = r.named(ROLE_ASSIGNMENT, "ingest-uploads");
        assert.equal(uploads.inputs.scope, CONTAINER);
        assert.equal(uploads.inputs.roleDefinitionId, roleDefinition(BLOB_OWNER));
        const hostQueue = r.named(ROLE_ASSIGNMENT, "ingest-host-queue");
        assert.equal(hostQueue.inputs.roleDefinitionId, roleDefinition(QUEUE_CONTRIBUTOR));
        assert.match(hostQueue.inputs.scope as string, /\/storageAccounts\/fn[0-9a-f]{16}$/);
        assert.notEqual(hostQueue.inputs.scope, ACCOUNT, "the host's account, not the data's");
    });

    it("gives the host its queue role with hostQueues (Durable Functions) and not otherwise", async () => {
        for (const hostQueues of [true, false]) {
            const r = await runComponents(
                () => new AzureFunction("orchestrator", { resourceGroupName: "app", hostQueues }),
            );
            assert.equal(
                r.ofType(ROLE_ASSIGNMENT).some((a) => a.name === "orchestrator-host-queue"),
                hostQueues,
            );
        }
    });

    it("refuses a blob trigger on a whole storage account", async () => {
        const r = runComponents(
            () =>
                new AzureFunction("ingest", {
                    resourceGroupName: "app",
                    grants: [{ name: "uploads", access: "blob:trigger", resource: ACCOUNT }],
                }),
        );
        await assert.rejects(
            r,
            /`grants\[0\]` 'uploads' \(blob:trigger\)|whole storage account|storage-account/,
        );
    });
});
