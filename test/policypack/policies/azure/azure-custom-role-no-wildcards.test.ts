import * as assert from "assert";
import { azureCustomRoleNoWildcards } from "../../../../policypack/policies/azure/azure-custom-role-no-wildcards";
import { type HarnessOptions, runResourcePolicy, UNKNOWN_ARRAY } from "../../harness";

const TYPE = "azure-native:authorization:RoleDefinition";

function judge(permissions: unknown, options?: HarnessOptions, type = TYPE) {
    return runResourcePolicy(
        azureCustomRoleNoWildcards,
        { type, name: "custom", props: { roleName: "Custom", permissions } },
        options,
    );
}

describe("azure-custom-role-no-wildcards", () => {
    it("passes a role that lists provider operations, reads included", async () => {
        const result = await judge([
            {
                actions: [
                    "Microsoft.Storage/storageAccounts/blobServices/containers/read",
                    "*/read",
                ],
                dataActions: [
                    "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
                ],
            },
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports '*' and Microsoft.Authorization writes, one finding per pattern", async () => {
        const result = await judge([
            {
                actions: [
                    "*",
                    "Microsoft.Authorization/*",
                    "Microsoft.Authorization/roleAssignments/write",
                ],
                dataActions: ["*"],
            },
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "azure-native:authorization:RoleDefinition 'custom' allows '*', which reaches operations of every resource provider [Action::*]",
                "azure-native:authorization:RoleDefinition 'custom' allows the authorization write 'Microsoft.Authorization/*' (it reaches 'Microsoft.Authorization/roleAssignments/write') [Action::Microsoft.Authorization/*]",
                "azure-native:authorization:RoleDefinition 'custom' allows the authorization write 'Microsoft.Authorization/roleAssignments/write' [Action::Microsoft.Authorization/roleAssignments/write]",
                "azure-native:authorization:RoleDefinition 'custom' allows data action '*', which reaches data of every resource provider [DataAction::*]",
            ],
        );
    });

    it("honours notActions that take the authorization writes away", async () => {
        const result = await judge([
            {
                actions: ["Microsoft.Authorization/*"],
                notActions: [
                    "Microsoft.Authorization/*/write",
                    "Microsoft.Authorization/*/action",
                    "Microsoft.Authorization/*/delete",
                ],
            },
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("is not applicable to role assignments", async () => {
        assert.ok((await judge([], {}, "azure-native:authorization:RoleAssignment")).notApplicable);
    });

    it("is mandatory by default and follows an enforcement level set in config", async () => {
        const star = [{ actions: ["*"] }];
        assert.strictEqual((await judge(star)).enforcementLevel, "mandatory");
        assert.strictEqual(
            (await judge(star, { config: { enforcementLevel: "advisory" } })).enforcementLevel,
            "advisory",
        );
    });

    it("hides an exempted pattern", async () => {
        const result = await judge([{ actions: ["*"] }], {
            config: {
                exemptions: [
                    { resource: "custom", reason: "Break-glass role, SEC-3", finding: "Action::*" },
                ],
            },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("cannot run during preview when the permissions are unknown", async () => {
        assert.match((await judge(UNKNOWN_ARRAY)).unknown ?? "", /\.permissions/);
    });
});
