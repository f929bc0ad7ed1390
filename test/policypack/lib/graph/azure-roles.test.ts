/**
 * Azure roles in the identity graph: the built-in role table against the MIT dataset it was copied
 * from, the risk categories of well-known roles, and ABAC conditions that remove actions.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import { lookupBuiltinRole } from "../../../../policypack/lib/azure/builtin-roles";
import { ROLES } from "../../../../components/azure/roles";
import { categoriesOf } from "../../../../policypack/lib/graph/azure/categories";
import { actionsDeniedBy } from "../../../../policypack/lib/graph/azure/conditions";
import { compileBlobCondition } from "../../../../components/azure/conditions";
import {
    BLOB_ADD,
    BLOB_DELETE,
    BLOB_MOVE,
    BLOB_READ,
    BLOB_WRITE,
} from "../../../../components/azure/grants/blob";
import { permissionsOf } from "../../../../policypack/lib/graph/azure/grants";
import { roleWithGuid } from "../../../../policypack/lib/graph/azure/roles";
import { riskCounts } from "../../../../policypack/lib/graph/model";
import {
    AZURE_BUILTIN_ROLES_FILE,
    azureBuiltinRoles,
} from "../../../../scripts/azure-builtin-roles";

const SCOPE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data";

/** `action [categories]` of every permission a built-in role gives. */
function categoriesOfRole(guid: string): string[] {
    return permissionsOf(roleWithGuid(guid).blocks, SCOPE).map(
        (p) => `${p.action} [${p.categories.join(", ")}]`,
    );
}

describe("identity graph: Azure roles", () => {
    it("reads every role the components assign, with its blocks exactly as the dataset has them", function () {
        if (!fs.existsSync(AZURE_BUILTIN_ROLES_FILE())) {
            this.skip(); // ../shared/data is present on developer machines and in CI
        }
        const items = azureBuiltinRoles();
        for (const { guid } of Object.values(ROLES)) {
            const role = lookupBuiltinRole(guid);
            const source = items.find((r) => r.id.toLowerCase() === guid);
            assert.ok(role && source, `${guid} is in the role table and the dataset`);
            assert.equal(role.name, source.roleName);
            assert.deepEqual(role.blocks, [
                {
                    actions: source.actions,
                    notActions: source.notActions,
                    dataActions: source.dataActions,
                    notDataActions: source.notDataActions,
                },
            ]);
        }
    });

    it("puts Owner in every control-plane category", () => {
        assert.deepEqual(categoriesOfRole("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), [
            "* [privilegeEscalation, permissionsManagement, credentialsExposure, write, read]",
        ]);
    });

    it("takes Contributor's notActions away: no Azure RBAC writes, still vault access policies", () => {
        const contributor = roleWithGuid("b24988ac-6180-42a0-ab88-20f7382dd24c");
        const notActions = contributor.blocks[0]?.notActions ?? [];
        assert.deepEqual(categoriesOf("Microsoft.Authorization/*", "action", notActions), [
            "write",
            "read",
        ]);
        // It can still attach identities, read publishing credentials, list keys, and write Key
        // Vault access policies (permissions management of vaults outside the RBAC model).
        assert.deepEqual(categoriesOfRole(contributor.guid ?? ""), [
            "* [privilegeEscalation, permissionsManagement, credentialsExposure, write, read]",
        ]);
    });

    it("counts a blob reader's blob reads as data exfiltration", () => {
        assert.deepEqual(categoriesOfRole("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"), [
            "Microsoft.Storage/storageAccounts/blobServices/containers/read [read]",
            "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action [write]",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read [dataExfiltration, read]",
        ]);
    });

    it("counts a Key Vault secret read as data exfiltration, its metadata as read", () => {
        assert.deepEqual(categoriesOfRole("4633458b-17de-408a-b874-0445c86b69e6"), [
            "Microsoft.KeyVault/vaults/secrets/getSecret/action [dataExfiltration, read]",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action [read]",
        ]);
    });

    it("counts sending a queue message as write only", () => {
        assert.deepEqual(categoriesOfRole("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"), [
            "Microsoft.Storage/storageAccounts/queueServices/queues/messages/add/action [write]",
        ]);
    });

    it("judges User Access Administrator and Key Vault Administrator by what their wildcards reach", () => {
        const uaa = riskCounts(
            permissionsOf(roleWithGuid("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9").blocks, SCOPE),
        );
        assert.equal(uaa.privilegeEscalation, 1); // Microsoft.Authorization/*
        assert.equal(uaa.permissionsManagement, 1);
        assert.deepEqual(categoriesOf("Microsoft.KeyVault/vaults/*", "data"), [
            "dataExfiltration",
            "write",
            "read",
        ]);
        assert.deepEqual(categoriesOf("Microsoft.Web/sites/*", "action"), [
            "privilegeEscalation",
            "credentialsExposure",
            "write",
            "read",
        ]);
    });

    it("reads every privileged built-in role exactly from the one role table", () => {
        // Managed Identity Contributor: no component assigns it; privileged (federated credentials).
        // Before the table held every privileged role's blocks, the graph parsed its patterns back
        // out of the reason texts and marked it inexact.
        const role = roleWithGuid("e40ec5ca-96e0-45a2-b4ff-59039f2c2b59");
        assert.equal(role.name, "Managed Identity Contributor");
        assert.equal(role.exact, true);
        assert.ok(
            permissionsOf(role.blocks, SCOPE).some((p) =>
                p.categories.includes("privilegeEscalation"),
            ),
        );
    });

    it("categorises concrete key-listing and Authorization writes", () => {
        assert.deepEqual(
            categoriesOf("Microsoft.Storage/storageAccounts/listKeys/action", "action"),
            ["credentialsExposure", "read"],
        );
        assert.deepEqual(categoriesOf("Microsoft.Authorization/locks/write", "action"), [
            "permissionsManagement",
            "write",
        ]);
        assert.deepEqual(categoriesOf("Microsoft.Insights/Metrics/Write", "data"), ["write"]);
        assert.deepEqual(categoriesOf("Microsoft.Support/register/whatever", "action"), []);
    });

    it("removes what a deny-only ABAC term excludes, and nothing for other conditions", () => {
        const writeOnly = [
            "(",
            " !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})",
            " AND",
            " !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'})",
            ")",
            "AND",
            "(",
            " (",
            "  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})",
            " )",
            " OR",
            " (",
            "  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'uploads'",
            " )",
            ")",
        ].join("\n");
        assert.deepEqual(actionsDeniedBy(writeOnly), [
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
        ]);
        const contributor = roleWithGuid("ba92f5b4-2d11-453d-a403-e96b0029c9fe");
        const permissions = permissionsOf(contributor.blocks, SCOPE, actionsDeniedBy(writeOnly));
        assert.equal(riskCounts(permissions).dataExfiltration, 0);
        assert.deepEqual(
            actionsDeniedBy("(!(ActionMatches{'a/read'})) OR (@Resource[x:name] StringEquals 'y')"),
            [],
        );
        // What blob:write compiles to now: Microsoft's `(!ActionMatches) OR (expression)` shape
        // with an expression no request satisfies, alone and AND'ed with a container condition.
        const compiled = compileBlobCondition(
            [BLOB_WRITE, BLOB_ADD],
            [BLOB_READ, BLOB_DELETE, BLOB_MOVE],
            [],
        );
        assert.match(
            compiled ?? "",
            /\)\n OR\n \(\n  @Resource\[.*containers:name\] StringNotLike '\*'\n \)/,
        );
        const denied = [BLOB_READ, BLOB_DELETE, BLOB_MOVE];
        assert.deepEqual(actionsDeniedBy(compiled ?? ""), denied);
        const inUploads = compileBlobCondition([BLOB_WRITE, BLOB_ADD], denied, [
            { containerName: "uploads" },
        ]);
        assert.deepEqual(actionsDeniedBy(inUploads ?? ""), denied);
        // A NotLike with any other pattern can hold: nothing is denied for certain.
        assert.deepEqual(
            actionsDeniedBy(
                "((!(ActionMatches{'a/read'})) OR (@Resource[x:name] StringNotLike 'y*'))",
            ),
            [],
        );
    });
});
