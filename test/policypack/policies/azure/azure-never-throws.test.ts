import * as assert from "assert";
import fc from "fast-check";
import { policyResourceTypes } from "../../../../policypack/lib/define-policy";
import { azurePolicies } from "../../../../policypack/policies/azure";
import {
    runResourcePolicy,
    runStackPolicy,
    UNKNOWN,
    UNKNOWN_ARRAY,
    UNKNOWN_OBJECT,
} from "../../harness";

const types = [
    ...new Set(azurePolicies.flatMap((p) => [...(policyResourceTypes(p) ?? [])])),
    "azure-native:managedidentity:UserAssignedIdentity",
    "azure-native:authorization:RoleAssignment",
    "azure-native:monitor:DiagnosticSetting",
    "azure-native:web:WebAppFtpAllowed",
];
const leaf = fc.oneof(
    fc.constantFrom(
        "functionapp,linux",
        "SystemAssigned, UserAssigned",
        "UserAssigned",
        "*",
        "/",
        "AccountKey=x",
        "1.0",
        "FunctionAppLogs",
    ),
    fc.constantFrom(UNKNOWN, UNKNOWN_ARRAY, UNKNOWN_OBJECT),
    fc.string({ maxLength: 12 }),
    fc.boolean(),
    fc.integer(),
    fc.constant(null),
);
const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("v"), { maxLength: 3 }),
        fc.dictionary(
            fc.oneof(
                fc.constantFrom(
                    "type",
                    "userAssignedIdentities",
                    "principalId",
                    "name",
                    "value",
                    "actions",
                    "notActions",
                    "dataActions",
                    "appSettings",
                    "category",
                    "enabled",
                    "enableRbacAuthorization",
                ),
                fc.string({ maxLength: 6 }),
            ),
            tie("v"),
            { maxKeys: 4 },
        ),
    ),
})).v;
const bag = fc.dictionary(
    fc.constantFrom(
        "kind",
        "identity",
        "siteConfig",
        "properties",
        "permissions",
        "principalId",
        "roleDefinitionId",
        "scope",
        "logs",
        "workspaceId",
        "resourceUri",
        "allow",
        "name",
        "slot",
        "id",
        "httpsOnly",
        "functionAppConfig",
    ),
    value,
    { maxKeys: 8 },
);

describe("the Azure rules on any property bag", () => {
    it("never throw: every outcome is findings with keys, not applicable, or unknown in preview", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(fc.tuple(fc.constantFrom(...types), bag), { minLength: 1, maxLength: 5 }),
                async (resources) => {
                    const stack = resources.map(([type, props], i) => ({
                        type,
                        name: `r${i}`,
                        props,
                    }));
                    for (const policy of azurePolicies) {
                        const results =
                            "validateStack" in policy
                                ? [await runStackPolicy(policy, stack)]
                                : await Promise.all(stack.map((r) => runResourcePolicy(policy, r)));
                        for (const result of results) {
                            for (const v of result.violations) {
                                assert.ok(v.findingKey !== undefined, v.message);
                            }
                        }
                    }
                },
            ),
            { numRuns: 150 },
        );
    });
});
