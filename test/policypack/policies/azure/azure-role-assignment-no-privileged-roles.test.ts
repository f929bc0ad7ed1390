import * as assert from "assert";
import { azureRoleAssignmentNoPrivilegedRoles } from "../../../../policypack/policies/azure/azure-role-assignment-no-privileged-roles";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import {
    type Dependencies,
    functionApp,
    ROLES,
    roleAssignment,
    roleDefinitionId,
    userAssigned,
    userAssignedIdentity,
    withDependencies,
} from "./fixtures";

function judge(
    resources: HarnessResource[],
    options?: HarnessOptions,
    dependencies: Dependencies = {},
) {
    return runStackPolicy(
        withDependencies(azureRoleAssignmentNoPrivilegedRoles, dependencies),
        resources,
        options,
    );
}

const fn = [
    userAssignedIdentity("orders-id", "p-orders"),
    functionApp("orders", userAssigned("orders-id")),
];

describe("azure-role-assignment-no-privileged-roles", () => {
    it("passes a data role given to a function identity", async () => {
        const result = await judge([
            ...fn,
            roleAssignment("read", "p-orders", roleDefinitionId(ROLES.storageBlobDataReader)),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports Owner held by an identity the app names by ARM path only (no id output, no dependency)", async () => {
        // Issue 14's repro: the identity graph linked this identity by resource group and name and
        // showed Owner; the mandatory rule saw no assignment. Both now read one linker.
        const identity = {
            type: "azure-native:managedidentity:UserAssignedIdentity",
            name: "admin-id",
            props: {
                resourceGroupName: "app-rg",
                resourceName: "admin-id",
                principalId: "p-admin",
            },
        };
        const result = await judge([
            identity,
            functionApp("admin", {
                type: "UserAssigned",
                userAssignedIdentities: {
                    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/APP-RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/admin-id":
                        {},
                },
            }),
            roleAssignment("admin-owner", "p-admin", roleDefinitionId(ROLES.owner)),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["azure-role-assignment-no-privileged-roles[Role::Owner]"],
        );
    });

    it("reports Owner given to a function identity, saying why it is privileged", async () => {
        const result = await judge([
            ...fn,
            roleAssignment("admin", "p-orders", roleDefinitionId(ROLES.owner)),
        ]);
        assert.strictEqual(result.violations.length, 1);
        const [violation] = result.violations;
        assert.strictEqual(
            violation?.findingKey,
            "azure-role-assignment-no-privileged-roles[Role::Owner]",
        );
        assert.match(
            violation?.message ?? "",
            /^azure-native:authorization:RoleAssignment 'admin' gives function app 'orders' \(through user-assigned identity 'orders-id'\) the privileged role 'Owner' \(8e3af657-a8ff-443c-a75c-2fe8c4bcb635\): it allows .* every resource provider \('\*'\); it can assign roles.*; and \d+ more \[Role::Owner\]$/,
        );
        assert.strictEqual(
            violation?.urn,
            "urn:pulumi:test::perimeter::azure-native:authorization:RoleAssignment::admin",
        );
    });

    it("reads the role from every form of the role definition ID", async () => {
        for (const role of [
            ROLES.userAccessAdministrator,
            ROLES.userAccessAdministrator.toUpperCase(),
            `/providers/Microsoft.Authorization/roleDefinitions/${ROLES.userAccessAdministrator}`,
            roleDefinitionId(ROLES.userAccessAdministrator).toLowerCase(),
        ]) {
            const result = await judge([...fn, roleAssignment("uaa", "P-ORDERS", role)]);
            assert.deepStrictEqual(
                result.violations.map((v) => v.findingKey),
                ["azure-role-assignment-no-privileged-roles[Role::User Access Administrator]"],
                role,
            );
        }
    });

    it("reports a role given to a system-assigned identity", async () => {
        const app = functionApp("orders", { type: "SystemAssigned", principalId: "p-system" });
        const result = await judge([
            app,
            roleAssignment("contrib", "p-system", roleDefinitionId(ROLES.contributor)),
        ]);
        assert.match(
            result.violations[0]?.message ?? "",
            /function app 'orders' \(through its system-assigned identity\) the privileged role 'Contributor'/,
        );
    });

    it("links an assignment by property dependency when the principal is unknown in preview", async () => {
        const preview = [
            userAssignedIdentity("orders-id", UNKNOWN),
            functionApp("orders", { type: "UserAssigned", userAssignedIdentities: [UNKNOWN] }),
            roleAssignment("mi-op", UNKNOWN, roleDefinitionId(ROLES.managedIdentityOperator)),
            roleAssignment("other", UNKNOWN, roleDefinitionId(ROLES.owner)),
        ];
        const result = await judge(
            preview,
            {},
            { orders: { identity: ["orders-id"] }, "mi-op": { principalId: ["orders-id"] } },
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["azure-role-assignment-no-privileged-roles[Role::Managed Identity Operator]"],
        );
        assert.match(
            result.violations[0]?.message ?? "",
            /attach user-assigned managed identities/,
        );
    });

    it("judges a custom role of the stack by its actions", async () => {
        const custom: HarnessResource = {
            type: "azure-native:authorization:RoleDefinition",
            name: "deployer",
            props: {
                roleName: "Site Deployer",
                permissions: [{ actions: ["Microsoft.Web/sites/*"], notActions: [] }],
            },
        };
        const result = await judge(
            [...fn, custom, roleAssignment("deploy", "p-orders", UNKNOWN)],
            {},
            { deploy: { roleDefinitionId: ["deployer"] } },
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["azure-role-assignment-no-privileged-roles[Role::Site Deployer]"],
        );
        assert.match(
            result.violations[0]?.message ?? "",
            /privileged custom role 'Site Deployer': it can read or enable app publishing credentials/,
        );
    });

    it("does not apply to assignments of principals that are not function identities", async () => {
        const result = await judge([
            ...fn,
            roleAssignment("ops", "p-human", roleDefinitionId(ROLES.owner)),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("accepts roles allowed in config, by name or GUID", async () => {
        const stack = [
            ...fn,
            roleAssignment("site", "p-orders", roleDefinitionId(ROLES.websiteContributor)),
        ];
        assert.strictEqual((await judge(stack)).violations.length, 1);
        for (const allowed of ["website contributor", ROLES.websiteContributor]) {
            const result = await judge(stack, { config: { allowedRoles: [allowed] } });
            assert.deepStrictEqual(result.violations, [], allowed);
        }
    });

    it("hides exactly the exempted role finding", async () => {
        const stack = [
            ...fn,
            roleAssignment("owner", "p-orders", roleDefinitionId(ROLES.owner)),
            roleAssignment("uaa", "p-orders", roleDefinitionId(ROLES.userAccessAdministrator)),
        ];
        const result = await judge(stack, {
            config: {
                exemptions: [
                    {
                        resource: "owner",
                        reason: "Bootstrap function, SEC-99",
                        finding: "Role::Owner",
                    },
                ],
            },
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["azure-role-assignment-no-privileged-roles[Role::User Access Administrator]"],
        );
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("cannot run during preview when a built-in role's ID is unknown", async () => {
        const result = await judge([...fn, roleAssignment("x", "p-orders", UNKNOWN)]);
        assert.match(result.unknown ?? "", /during preview: .*\.roleDefinitionId/);
        assert.strictEqual((await judge([...fn])).enforcementLevel, "mandatory");
    });
});
