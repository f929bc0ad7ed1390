import * as assert from "node:assert/strict";
import { AZURE_ACCESS_TABLE, ROLES } from "../../../components/azure";
import { HOST_QUEUE_ROLE, HOST_STORAGE_ROLES } from "../../../components/azure/host-storage";
import { type AzureDatasetRole, azureBuiltinRoles } from "../../../scripts/azure-builtin-roles";

describe("Azure built-in roles", () => {
    // The MIT role dataset the GUIDs were verified against (iann0036/iam-dataset, via ../shared/data).
    let roles: readonly AzureDatasetRole[] = [];
    before(function () {
        roles = azureBuiltinRoles();
    });

    it("names every role by the GUID and name Azure gives it", function () {
        for (const role of Object.values(ROLES)) {
            const found = roles.find((r) => r.id === role.guid);
            assert.ok(found, `${role.guid} is not a built-in role`);
            assert.equal(found.roleName, role.name);
        }
    });

    it("never assigns a role that can write role assignments, list keys or act on everything", function () {
        const used = [
            ...AZURE_ACCESS_TABLE.flatMap((e) => (e.plane === "rbac" && e.role ? [e.role] : [])),
            ...AZURE_ACCESS_TABLE.flatMap((e) => e.extraRoles ?? []),
            ...[...HOST_STORAGE_ROLES, HOST_QUEUE_ROLE].map((h) => h.role),
        ];
        for (const role of used) {
            const found = roles.find((r) => r.id === role.guid)!;
            for (const action of found.actions) {
                assert.doesNotMatch(
                    action,
                    /^\*$|Microsoft\.Authorization\/\*|roleAssignments\/write|listKeys|\/\*\/write$/i,
                    `${role.name}: ${action}`,
                );
            }
        }
    });
});
