import * as assert from "assert";
import { azureRoleAssignmentResourceScope } from "../../../../policypack/policies/azure/azure-role-assignment-resource-scope";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import {
    functionApp,
    RESOURCE_GROUP,
    ROLES,
    roleAssignment,
    roleDefinitionId,
    SUBSCRIPTION,
    userAssigned,
    userAssignedIdentity,
} from "./fixtures";

function judge(resources: HarnessResource[], options?: HarnessOptions) {
    return runStackPolicy(azureRoleAssignmentResourceScope, resources, options);
}

const fn = [
    userAssignedIdentity("orders-id", "p-orders"),
    functionApp("orders", userAssigned("orders-id")),
];
const reader = roleDefinitionId(ROLES.storageBlobDataReader);
const container = `${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/data/blobServices/default/containers/uploads`;

describe("azure-role-assignment-resource-scope", () => {
    it("passes a function identity's role at a container's scope", async () => {
        assert.deepStrictEqual(
            (await judge([...fn, roleAssignment("read", "p-orders", reader, container)]))
                .violations,
            [],
        );
    });

    it("reports resource group, subscription, management group and root scopes, naming the scope", async () => {
        const scopes = [
            RESOURCE_GROUP,
            SUBSCRIPTION,
            "/providers/Microsoft.Management/managementGroups/corp",
            "/",
        ];
        const result = await judge([
            ...fn,
            ...scopes.map((scope, i) => roleAssignment(`a${i}`, "p-orders", reader, scope)),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message.replace(/^.* its role at /, "")),
            [
                `resource group scope '${RESOURCE_GROUP}' [Scope::${RESOURCE_GROUP}]`,
                `subscription scope '${SUBSCRIPTION}' [Scope::${SUBSCRIPTION}]`,
                "management group scope '/providers/Microsoft.Management/managementGroups/corp' [Scope::/providers/Microsoft.Management/managementGroups/corp]",
                "root scope '/' [Scope::/]",
            ],
        );
        assert.match(
            result.violations[0]?.message ?? "",
            /^azure-native:authorization:RoleAssignment 'a0' gives function app 'orders'/,
        );
    });

    it("does not judge assignments of other principals", async () => {
        assert.deepStrictEqual(
            (await judge([...fn, roleAssignment("ops", "p-ops", reader, SUBSCRIPTION)])).violations,
            [],
        );
    });

    it("accepts resource group scope when config allows it, but not subscription scope", async () => {
        const stack = [
            ...fn,
            roleAssignment("rg", "p-orders", reader, RESOURCE_GROUP),
            roleAssignment("sub", "p-orders", reader, SUBSCRIPTION),
        ];
        const result = await judge(stack, { config: { allowResourceGroupScope: true } });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            [`azure-role-assignment-resource-scope[Scope::${SUBSCRIPTION}]`],
        );
        assert.strictEqual(result.enforcementLevel, "advisory");
    });

    it("hides an exempted assignment", async () => {
        const result = await judge(
            [...fn, roleAssignment("rg", "p-orders", reader, RESOURCE_GROUP)],
            {
                config: {
                    exemptions: [
                        { resource: "rg", reason: "One resource group per function here" },
                    ],
                },
            },
        );
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("reports the known scopes, then cannot run during preview for an unknown one", async () => {
        const result = await judge([
            ...fn,
            roleAssignment("later", "p-orders", reader, UNKNOWN),
            roleAssignment("sub", "p-orders", reader, SUBSCRIPTION),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            [`azure-role-assignment-resource-scope[Scope::${SUBSCRIPTION}]`],
        );
        assert.match(result.unknown ?? "", /during preview: .*\.scope/);
    });
});
