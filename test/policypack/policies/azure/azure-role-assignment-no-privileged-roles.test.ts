import * as assert from "assert";
import { azureRoleAssignmentNoPrivilegedRoles } from "../../../../policypack/policies/azure/azure-role-assignment-no-privileged-roles";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import {
    type Dependencies,
    functionApp,
    RESOURCE_GROUP,
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

    describe("deny assignments (docs/rules.md, 'How Deny and conditions count')", () => {
        const scope = `${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/data`;
        const everyone = { id: "00000000-0000-0000-0000-000000000000", type: "SystemDefined" };
        function deny(name: string, props: Record<string, unknown>): HarnessResource {
            // Properties of azure-native:authorization:DenyAssignment (REST 2024-07-01-preview).
            return {
                type: "azure-native:authorization:DenyAssignment",
                name,
                props: {
                    denyAssignmentEffect: "enforced",
                    scope: RESOURCE_GROUP,
                    principals: [everyone],
                    excludePrincipals: [{ id: "p-break-glass", type: "User" }],
                    permissions: [{ actions: ["*"] }],
                    ...props,
                },
            };
        }
        const owner = roleAssignment("admin", "p-orders", roleDefinitionId(ROLES.owner), scope);
        const keys = (resources: HarnessResource[]) =>
            judge(resources).then((r) => r.violations.map((v) => v.findingKey));

        it("takes Owner back entirely when everyone is denied every action above its scope", async () => {
            assert.deepStrictEqual(await keys([...fn, owner, deny("lock", {})]), []);
        });

        it("keeps what a deny leaves, and says which deny it read", async () => {
            const partial = deny("no-authz", {
                permissions: [{ actions: ["Microsoft.Authorization/*"] }],
            });
            const result = await judge([...fn, owner, partial]);
            assert.strictEqual(result.violations.length, 1);
            const message = result.violations[0]?.message ?? "";
            // Role assignment is still within reach through AKS trusted access, not through Authorization.
            assert.doesNotMatch(message, /Microsoft\.Authorization/);
            assert.match(message, /trustedAccessRoleBindings\/write' through '\*'/);
            assert.match(message, /every resource provider/);
            assert.match(message, /\(what is left after deny assignment 'no-authz'\)/);
        });

        it("does not count a deny that spares some operations as blocking every provider", async () => {
            const sparing = deny("spare-storage", {
                permissions: [{ actions: ["*"], notActions: ["Microsoft.Storage/*"] }],
            });
            const result = await judge([...fn, owner, sparing]);
            assert.match(result.violations[0]?.message ?? "", /every resource provider/);
        });

        it("names the identity by its principal ID, and honours exclusions", async () => {
            const named = deny("named", {
                principals: [{ id: "P-ORDERS", type: "ServicePrincipal" }],
            });
            assert.deepStrictEqual(await keys([...fn, owner, named]), []);
            const other = deny("other", {
                principals: [{ id: "p-other", type: "ServicePrincipal" }],
            });
            assert.strictEqual((await keys([...fn, owner, other])).length, 1);
            const excluded = deny("excluded", { excludePrincipals: [{ id: "p-orders" }] });
            assert.strictEqual((await keys([...fn, owner, excluded])).length, 1);
        });

        it("counts only what certainly applies: enforced, unconditional, at or above the scope, every exclusion known", async () => {
            const kept = [
                deny("audit", { denyAssignmentEffect: "audit" }),
                // The API's default effect is not documented: an absent one is not counted.
                deny("no-effect", { denyAssignmentEffect: undefined }),
                deny("conditional", {
                    condition:
                        "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:ContainerName] StringEqualsIgnoreCase 'logs'",
                }),
                deny("below", { scope: `${scope}/blobServices/default` }),
                deny("not-inherited", { doNotApplyToChildScopes: true }),
                deny("unknown-exclusion", { excludePrincipals: [{ id: UNKNOWN }] }),
                deny("unknown-scope", { scope: UNKNOWN }),
            ];
            for (const d of kept) {
                assert.deepStrictEqual(
                    await keys([...fn, owner, d]),
                    ["azure-role-assignment-no-privileged-roles[Role::Owner]"],
                    d.name,
                );
            }
            const atScope = deny("at-scope", { scope, doNotApplyToChildScopes: true });
            assert.deepStrictEqual(await keys([...fn, owner, atScope]), []);
        });

        it("does not apply a deny naming principals while the identity's principal ID is unknown", async () => {
            const preview = [
                userAssignedIdentity("orders-id", UNKNOWN),
                functionApp("orders", userAssigned("orders-id")),
                roleAssignment("admin", UNKNOWN, roleDefinitionId(ROLES.owner), scope),
            ];
            const dependencies = { admin: { principalId: ["orders-id"] } };
            const run = (d: HarnessResource) =>
                judge([...preview, d], undefined, dependencies).then((r) =>
                    r.violations.map((v) => v.findingKey),
                );
            // Everyone, no exclusion: certain whoever the identity is.
            assert.deepStrictEqual(await run(deny("lock", { excludePrincipals: [] })), []);
            // An exclusion, or a principal, that cannot be compared with an ID not known yet.
            assert.strictEqual((await run(deny("but-one", {}))).length, 1);
            const byId = deny("named", { principals: [{ id: UNKNOWN }], excludePrincipals: [] });
            assert.strictEqual((await run(byId)).length, 1);
        });
    });
});
