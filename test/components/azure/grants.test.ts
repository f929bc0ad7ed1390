import * as assert from "node:assert/strict";
import { AzureFunction, blobConditions, type AzureGrant } from "../../../components/azure";
import { runComponents } from "../harness";
import {
    ACCOUNT,
    CONTAINER,
    COSMOS,
    COSMOS_DB,
    EVENT_HUB,
    KEY,
    QUEUE,
    ROLE_ASSIGNMENT,
    roleDefinition,
    SB_QUEUE,
    SECRET,
    TABLE,
} from "./fixtures";

// access → [target, role GUID]: each GUID checked against the MIT role dataset (see roles.test.ts).
const RBAC_LEVELS: [string, string, string][] = [
    ["blob:read", CONTAINER, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"],
    ["queue:send", QUEUE, "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"],
    ["queue:consume", QUEUE, "8a0f0c08-91a1-4084-bc3d-661d67233fed"],
    ["table:read", TABLE, "76199698-9eea-4c19-bc75-cec21354c6b6"],
    ["table:readwrite", TABLE, "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"],
    ["servicebus:send", SB_QUEUE, "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"],
    ["servicebus:receive", SB_QUEUE, "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"],
    ["eventhubs:send", EVENT_HUB, "2b629674-e913-4c01-ae53-ef4638d8f975"],
    ["eventhubs:receive", EVENT_HUB, "a638d3c7-ab3a-418d-83e6-5f17a39d4fde"],
    ["keyvault-secret:read", SECRET, "4633458b-17de-408a-b874-0445c86b69e6"],
    ["keyvault-key:crypto", KEY, "12338af0-0e69-4776-bea7-57ae8d297424"],
];

function grantsNamed(levels: [string, string, string][]): AzureGrant[] {
    return levels.map(([access, resource]) => ({
        name: access.replace(/[:]/g, "-"),
        access,
        resource,
    }));
}

describe("AzureFunction grants", () => {
    it("assigns each access level's built-in role at the target's own scope, to the identity as a service principal", async () => {
        const r = await runComponents(() => {
            new AzureFunction("api", {
                resourceGroupName: "app",
                grants: grantsNamed(RBAC_LEVELS),
            });
        });
        const principal = r.named(
            "azure-native:managedidentity:UserAssignedIdentity",
            "api-identity",
        ).outputs.principalId;
        for (const [access, scope, guid] of RBAC_LEVELS) {
            const assignment = r.named(ROLE_ASSIGNMENT, `api-${access.replace(/[:]/g, "-")}`);
            assert.equal(assignment.inputs.scope, scope, access);
            assert.equal(assignment.inputs.roleDefinitionId, roleDefinition(guid), access);
            assert.equal(assignment.inputs.principalType, "ServicePrincipal", access);
            assert.equal(assignment.inputs.principalId, principal, access);
        }
    });

    it("compiles cosmosdb grants to data-plane SQL role assignments under the account", async () => {
        const r = await runComponents(() => {
            new AzureFunction("api", {
                resourceGroupName: "app",
                grants: [
                    { name: "catalog", access: "cosmosdb:read", resource: COSMOS_DB },
                    { name: "carts", access: "cosmosdb:readwrite", resource: COSMOS },
                ],
            });
        });
        const read = r.named("azure-native:cosmosdb:SqlResourceSqlRoleAssignment", "api-catalog");
        assert.equal(read.inputs.scope, COSMOS_DB);
        assert.equal(read.inputs.accountName, "docs");
        assert.equal(read.inputs.resourceGroupName, "app");
        assert.equal(
            read.inputs.roleDefinitionId,
            `${COSMOS}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`,
        );
        const write = r.named("azure-native:cosmosdb:SqlResourceSqlRoleAssignment", "api-carts");
        assert.equal(
            write.inputs.roleDefinitionId,
            `${COSMOS}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`,
        );
        assert.equal(
            r.ofType(ROLE_ASSIGNMENT).length,
            2,
            "only the host's storage roles are ARM assignments",
        );
    });

    it("gives blob:write and blob:readwrite custom roles with exactly their data actions, assignable only where granted", async () => {
        const r = await runComponents(() => {
            new AzureFunction("api", {
                resourceGroupName: "app",
                grants: [
                    { name: "drop", access: "blob:write", resource: CONTAINER },
                    { name: "work", access: "blob:readwrite", resource: CONTAINER },
                ],
            });
        });
        const BLOBS = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";
        const definitions = r.ofType("azure-native:authorization:RoleDefinition");
        assert.deepEqual(
            definitions.map((d) => [d.name, d.inputs.permissions, d.inputs.assignableScopes]),
            [
                [
                    "api-role-blob-writer",
                    [{ actions: [], dataActions: [`${BLOBS}/write`, `${BLOBS}/add/action`] }],
                    [CONTAINER],
                ],
                [
                    "api-role-blob-readwriter",
                    [
                        {
                            actions: [],
                            dataActions: [
                                `${BLOBS}/read`,
                                `${BLOBS}/write`,
                                `${BLOBS}/delete`,
                                `${BLOBS}/add/action`,
                            ],
                        },
                    ],
                    [CONTAINER],
                ],
            ],
        );
        for (const d of definitions) {
            assert.equal(d.inputs.roleType, "CustomRole");
            assert.equal(d.inputs.scope, "/subscriptions/11111111-2222-3333-4444-555555555555");
            assert.match(
                d.inputs.roleName as string,
                /^Perimeter Blob (Reader )?Writer api-[0-9a-f]{8}$/,
            );
        }
        // Each assignment names its definition by ID (a dependency, so the role exists first) and
        // carries no condition: the role itself holds nothing to take away.
        for (const [grant, definition] of [
            ["drop", definitions[0]],
            ["work", definitions[1]],
        ] as const) {
            const assignment = r.named(ROLE_ASSIGNMENT, `api-${grant}`);
            assert.equal(assignment.inputs.roleDefinitionId, definition?.id);
            assert.ok(
                assignment.propertyDependencies.roleDefinitionId?.includes(definition?.urn ?? ""),
            );
            assert.equal(assignment.inputs.condition, undefined);
        }
    });

    it("narrows an account-wide blob grant to one container and path prefix with conditions", async () => {
        const r = await runComponents(() => {
            new AzureFunction("api", {
                resourceGroupName: "app",
                grants: [
                    {
                        name: "reports",
                        access: "blob:readwrite",
                        resource: ACCOUNT,
                        conditions: [
                            blobConditions.inContainer("reports"),
                            blobConditions.underPath("daily/"),
                        ],
                    },
                ],
            });
        });
        const assignment = r.named(ROLE_ASSIGNMENT, "api-reports");
        assert.equal(assignment.inputs.scope, ACCOUNT);
        const condition = assignment.inputs.condition as string;
        assert.ok(
            condition.includes(
                "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'reports'",
            ),
        );
        assert.ok(
            condition.includes(
                "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith 'daily/'",
            ),
        );
        assert.ok(
            condition.includes(
                "@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith 'daily/'",
            ),
        );
        assert.equal(assignment.inputs.conditionVersion, "2.0");
    });

    it("uses a raw ABAC expression as written", async () => {
        const expression = "@Environment[isPrivateLink] BoolEquals true";
        const r = await runComponents(() => {
            new AzureFunction("api", {
                resourceGroupName: "app",
                grants: [
                    {
                        name: "raw",
                        access: "blob:read",
                        resource: CONTAINER,
                        conditions: [blobConditions.raw(expression)],
                    },
                ],
            });
        });
        assert.equal(r.named(ROLE_ASSIGNMENT, "api-raw").inputs.condition, `(\n${expression}\n)`);
    });

    it("gives role assignments the same GUID names whatever the order of the grants", async () => {
        const grants = grantsNamed(RBAC_LEVELS.slice(0, 5));
        const names = async (list: AzureGrant[]): Promise<Record<string, unknown>> => {
            const r = await runComponents(() => {
                new AzureFunction("api", { resourceGroupName: "app", grants: list });
            });
            return Object.fromEntries(
                r.ofType(ROLE_ASSIGNMENT).map((a) => [a.name, a.inputs.roleAssignmentName]),
            );
        };
        const forward = await names(grants);
        const reversed = await names([...grants].reverse());
        assert.deepEqual(reversed, forward);
        const values = Object.values(forward).map(String);
        assert.equal(new Set(values).size, values.length, "names are unique per scope and role");
        for (const value of values) {
            assert.match(
                value,
                /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
            );
        }
    });

    it("reports the planned grants as data, with resolved scopes", async () => {
        let fn: AzureFunction | undefined;
        await runComponents(() => {
            fn = new AzureFunction("api", {
                resourceGroupName: "app",
                grants: grantsNamed(RBAC_LEVELS.slice(0, 1)),
            });
        });
        const planned = await new Promise((resolve) => fn!.plannedGrants.apply(resolve));
        assert.deepEqual(planned, [
            {
                grant: "blob-read",
                access: "blob:read",
                plane: "rbac",
                roleName: "Storage Blob Data Reader",
                roleGuid: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
                scope: CONTAINER,
            },
        ]);
    });
});
