import * as assert from "assert";
import { roleGuidOf } from "../../../../policypack/lib/azure/builtin-roles";
import {
    azureActionMatches,
    type PermissionBlock,
    privilegesOf,
} from "../../../../policypack/lib/azure/role-permissions";

function block(
    actions: string[],
    notActions: string[] = [],
    dataActions: string[] = [],
): PermissionBlock {
    return { actions, notActions, dataActions, notDataActions: [] };
}

const GUID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

describe("Azure role permissions", () => {
    it("matches Azure wildcards case-insensitively, with '/*/' also matching one level", () => {
        assert.ok(azureActionMatches("*", "Microsoft.Web/sites/write"));
        assert.ok(azureActionMatches("Microsoft.Web/*", "microsoft.web/sites/publishxml/action"));
        assert.ok(azureActionMatches("*/read", "Microsoft.Storage/storageAccounts/read"));
        assert.ok(
            !azureActionMatches("*/read", "Microsoft.Storage/storageAccounts/listKeys/action"),
        );
        assert.ok(
            azureActionMatches(
                "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action",
                "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
            ),
        );
        assert.ok(!azureActionMatches("Microsoft.Web/sites/read", "Microsoft.Web/sites/readx"));
    });

    it("names each capability a block reaches, with the pattern that reaches it", () => {
        const found = privilegesOf([
            block([
                "Microsoft.Authorization/*",
                "Microsoft.Storage/storageAccounts/listKeys/action",
            ]),
        ]);
        assert.deepStrictEqual(
            found.map((p) => [p.capability, p.pattern]),
            [
                ["role-assignment", "Microsoft.Authorization/*"],
                ["role-definition", "Microsoft.Authorization/*"],
                ["policy-assignment", "Microsoft.Authorization/*"],
                ["key-listing", "Microsoft.Storage/storageAccounts/listKeys/action"],
            ],
        );
    });

    it("does not count an operation that notActions take away", () => {
        const found = privilegesOf([
            block(
                ["Microsoft.Authorization/*"],
                ["Microsoft.Authorization/*/write", "Microsoft.Authorization/elevateAccess/action"],
            ),
        ]);
        assert.deepStrictEqual(found, []);
    });

    it("finds key listing by name in services it has no list for", () => {
        const found = privilegesOf([block(["Microsoft.Maps/accounts/listKeys/action"])]);
        assert.deepStrictEqual(
            found.map((p) => p.capability),
            ["key-listing"],
        );
    });

    it("treats a named Key Vault secret read as scoped and a secrets wildcard as privileged", () => {
        const named = block([], [], ["Microsoft.KeyVault/vaults/secrets/getSecret/action"]);
        assert.deepStrictEqual(privilegesOf([named]), []);
        const wildcard = block([], [], ["Microsoft.KeyVault/vaults/secrets/*"]);
        assert.deepStrictEqual(
            privilegesOf([wildcard]).map((p) => p.capability),
            ["keyvault-wildcard"],
        );
    });

    it("reads the role GUID from every form of a role definition ID", () => {
        for (const id of [
            GUID,
            GUID.toUpperCase(),
            `/subscriptions/s-1/providers/Microsoft.Authorization/roleDefinitions/${GUID}`,
            `/providers/Microsoft.Authorization/roleDefinitions/${GUID}`,
            `/SUBSCRIPTIONS/S-1/PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEDEFINITIONS/${GUID.toUpperCase()}`,
            `/subscriptions/s-1/resourceGroups/rg/providers/Microsoft.Authorization/roleDefinitions/${GUID}/`,
        ]) {
            assert.strictEqual(roleGuidOf(id), GUID, id);
        }
        assert.strictEqual(roleGuidOf("Owner"), undefined);
        assert.strictEqual(
            roleGuidOf("/providers/Microsoft.Authorization/roleDefinitions/x"),
            undefined,
        );
    });
});
