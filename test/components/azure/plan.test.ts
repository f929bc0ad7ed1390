import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import { assignmentName, planAzureGrants } from "../../../components/azure";
import { CONTAINER, QUEUE } from "./fixtures";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("planAzureGrants and assignment names", () => {
    it("derives the same valid GUID from the same scope, role and principal, and another from any change", () => {
        fc.assert(
            fc.property(
                fc.string(),
                fc.uuid(),
                fc.string(),
                fc.string(),
                (scope, role, principal, other) => {
                    const name = assignmentName(scope, role, principal);
                    assert.match(name, GUID);
                    assert.equal(assignmentName(scope, role, principal), name);
                    // ARM compares scopes case-insensitively and without a trailing slash.
                    assert.equal(
                        assignmentName(`${scope.toUpperCase()}`, role, principal),
                        assignmentName(scope.toLowerCase(), role, principal),
                    );
                    if (other !== principal) {
                        assert.notEqual(assignmentName(scope, role, other), name);
                    }
                },
            ),
        );
    });

    it("plans a custom role with exactly its level's data actions, under the GUID it is given", () => {
        const [plan] = planAzureGrants(
            [{ name: "drop", access: "blob:write", resource: CONTAINER }],
            (key) => `guid-of-${key}`,
        );
        assert.equal(plan?.roleGuid, "guid-of-blob-writer");
        assert.equal(plan?.customRole, "blob-writer");
        assert.deepEqual(plan?.dataActions, [
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action",
        ]);
    });

    it("plans one role per grant, with a condition only where the level needs or was given one", () => {
        const plans = planAzureGrants([
            { name: "uploads", access: "blob:read", resource: CONTAINER },
            { name: "drop", access: "blob:write", resource: CONTAINER },
            { name: "jobs", access: "queue:consume", resource: QUEUE },
        ]);
        assert.deepEqual(
            plans.map((p) => [p.grant, p.roleName, p.condition !== undefined, p.conditionVersion]),
            [
                ["uploads", "Storage Blob Data Reader", false, undefined],
                // A custom role with exactly write and add: nothing left for a condition to remove.
                ["drop", "Perimeter Blob Writer", false, undefined],
                ["jobs", "Storage Queue Data Message Processor", false, undefined],
            ],
        );
    });
});
