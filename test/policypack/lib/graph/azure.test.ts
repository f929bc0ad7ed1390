/**
 * The Azure part of the identity graph on hand-written stacks, run through the policy harness so props
 * sit behind the SDK's unknown-checking proxy, with property dependencies and parents filled in as the
 * SDK's server fills them: function apps, their identities, role assignments with risk categories, Easy
 * Auth invocations (a chain of three apps, a cycle, a public entry), unknown values linked by property
 * dependencies, and declared access of AzureFunction components.
 */
import { strict as assert } from "assert";
import { azureGraphPart } from "../../../../policypack/lib/graph/azure";
import type { GraphPart } from "../../../../policypack/lib/graph/model";
import { type HarnessResource, readInStackPolicy } from "../../harness";
import {
    type Dependencies,
    functionApp,
    RESOURCE_GROUP,
    roleAssignment,
    roleDefinitionId,
    ROLES,
    urnOf,
    userAssigned,
    userAssignedIdentity,
    withDependencies,
} from "../../policies/azure/fixtures";
import { UNKNOWN } from "../../harness";

/** More built-in role GUIDs (checked against the MIT dataset by azure-roles.test.ts). */
const MORE_ROLES = {
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    queueSender: "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a",
    blobContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    blobOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
    queueContributor: "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
    tableContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
} as const;

const VAULT = `${RESOURCE_GROUP}/providers/Microsoft.KeyVault/vaults/kv`;
const SECRET = `${VAULT}/secrets/signing-key`;
const ACCOUNT = `${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/data`;
const QUEUE = `${ACCOUNT}/queueServices/default/queues/jobs`;

/** A function app with its own user-assigned identity `<name>-id` (principal `p-<name>`). */
function appWithIdentity(name: string, extra: Record<string, unknown> = {}): HarnessResource[] {
    return [
        userAssignedIdentity(`${name}-id`, `p-${name}`),
        functionApp(name, userAssigned(`${name}-id`), extra),
    ];
}

/** Easy Auth v2 for `site` admitting these principal and client IDs (as the component writes it). */
function easyAuth(
    name: string,
    site: string,
    principals: unknown,
    applications: unknown = [],
    globalValidation: Record<string, unknown> = {
        requireAuthentication: true,
        unauthenticatedClientAction: "Return401",
    },
): HarnessResource {
    return {
        type: "azure-native:web:WebAppAuthSettingsV2",
        name,
        props: {
            name: site,
            resourceGroupName: "app-rg",
            platform: { enabled: true, runtimeVersion: "~1" },
            globalValidation,
            identityProviders: {
                azureActiveDirectory: {
                    enabled: true,
                    registration: { clientId: `${site}-audience` },
                    validation: {
                        allowedAudiences: [`${site}-audience`],
                        defaultAuthorizationPolicy: {
                            allowedPrincipals: { identities: principals },
                            allowedApplications: applications,
                        },
                    },
                },
            },
        },
    };
}

function stackResource(
    type: string,
    name: string,
    props: Record<string, unknown>,
): HarnessResource {
    return { type, name, props };
}

/**
 * The Azure graph part of `resources`. `dependencies` by resource name, as in the rule tests;
 * `parents`: child name → parent name.
 */
async function azureGraphOf(
    resources: readonly HarnessResource[],
    dependencies: Dependencies = {},
    parents: Readonly<Record<string, string>> = {},
): Promise<GraphPart> {
    return readInStackPolicy(
        resources,
        (stack) => {
            for (const resource of stack) {
                const parent = parents[resource.name];
                if (parent !== undefined) {
                    const found = stack.find((r) => r.name === parent);
                    Object.assign(resource, { parent: found });
                }
            }
            return azureGraphPart(stack);
        },
        (capture) => withDependencies(capture, dependencies),
    );
}

const appUrn = (name: string): string => urnOf("azure-native:web:WebApp", name);
const identityUrn = (name: string): string =>
    urnOf("azure-native:managedidentity:UserAssignedIdentity", name);

/** `from → to` of the edges of one kind, by node labels. */
function edgesByLabel(part: GraphPart, kind: string): string[] {
    const label = (id: string): string => part.nodes.find((n) => n.id === id)?.label ?? id;
    return part.edges
        .filter((e) => e.kind === kind)
        .map((e) => `${label(e.from)} → ${label(e.to)}`)
        .sort();
}

const SECRET_READER = roleDefinitionId(MORE_ROLES.keyVaultSecretsUser);

function profileOf(part: GraphPart, app: string) {
    const profile = part.functions.find((f) => f.functionId === appUrn(app));
    assert.ok(profile, `no profile for ${app}`);
    return profile;
}

/** api → worker → admin: each callee's Easy Auth admits only its caller; admin reads a secret. */
function chainOfThree(): HarnessResource[] {
    return [
        ...appWithIdentity("api"),
        ...appWithIdentity("worker"),
        ...appWithIdentity("admin"),
        easyAuth("worker-auth", "worker", ["p-api"], ["client-api-id"]),
        easyAuth("admin-auth", "admin", ["p-worker"], ["client-worker-id"]),
        roleAssignment("api-jobs", "p-api", roleDefinitionId(MORE_ROLES.queueSender), QUEUE),
        roleAssignment("admin-secret", "p-admin", SECRET_READER, SECRET),
    ];
}

describe("identity graph: Azure", () => {
    it("links a chain of three function apps across two hops through Easy Auth", async () => {
        const part = await azureGraphOf(chainOfThree());
        assert.deepEqual(edgesByLabel(part, "runs-as"), [
            "admin → admin-id",
            "api → api-id",
            "worker → worker-id",
        ]);
        assert.deepEqual(edgesByLabel(part, "can-invoke"), [
            "api-id → worker",
            "worker-id → admin",
        ]);
        assert.deepEqual(edgesByLabel(part, "public"), []);
        assert.deepEqual(edgesByLabel(part, "granted"), [
            "admin-id → signing-key",
            "api-id → jobs",
        ]);
        const admin = profileOf(part, "admin");
        assert.deepEqual(admin.identityIds, [identityUrn("admin-id")]);
        assert.deepEqual(
            admin.permissions.map((p) => `${p.action} [${p.categories.join(", ")}]`),
            [
                "Microsoft.KeyVault/vaults/secrets/getSecret/action [dataExfiltration, read]",
                "Microsoft.KeyVault/vaults/secrets/readMetadata/action [read]",
            ],
        );
        assert.equal(admin.permissions[0]?.resource, SECRET);
        assert.equal(admin.risk.dataExfiltration, 1);
        assert.equal(admin.complete, true);
        assert.equal(admin.declared, undefined);
        const grant = part.edges.find(
            (e) => e.kind === "granted" && e.to === `azure:resource:${SECRET}`,
        );
        assert.ok(grant?.kind === "granted");
        assert.equal(grant.access, "Key Vault Secrets User");
        assert.equal(grant.level, "dataExfiltration");
        assert.equal(grant.via, urnOf("azure-native:authorization:RoleAssignment", "admin-secret"));
    });

    it("requires every allow-list Easy Auth configures to name the caller", async () => {
        const part = await azureGraphOf([
            ...appWithIdentity("api"),
            ...appWithIdentity("worker"),
            // The principal matches, but the application list names another client.
            easyAuth("worker-auth", "worker", ["p-api"], ["someone-else"]),
        ]);
        assert.deepEqual(edgesByLabel(part, "can-invoke"), []);
    });

    it("follows a cycle of invocations without trouble", async () => {
        const part = await azureGraphOf([
            ...appWithIdentity("ping"),
            ...appWithIdentity("pong"),
            easyAuth("ping-auth", "ping", ["p-pong"]),
            easyAuth("pong-auth", "pong", ["P-PING"]),
        ]);
        assert.deepEqual(edgesByLabel(part, "can-invoke"), ["ping-id → pong", "pong-id → ping"]);
    });

    it("marks an app public only when its Easy Auth lets unauthenticated requests through", async () => {
        const part = await azureGraphOf([
            ...appWithIdentity("site"),
            ...appWithIdentity("open"),
            ...appWithIdentity("plain"), // no Easy Auth: HTTP auth levels live in code, not in the stack
            ...appWithIdentity("off"),
            easyAuth("site-auth", "site", ["p-open"], [], { requireAuthentication: false }),
            easyAuth("open-auth", "open", ["p-site"], [], {
                requireAuthentication: true,
                unauthenticatedClientAction: "AllowAnonymous",
            }),
            {
                ...easyAuth("off-auth", "off", ["p-site"]),
                props: { name: "off", platform: { enabled: false } },
            },
        ]);
        assert.deepEqual(edgesByLabel(part, "public"), ["anyone → open", "anyone → site"]);
        const reasons = part.edges.flatMap((e) => (e.kind === "public" ? [e.reason] : []));
        assert.deepEqual(reasons.sort(), [
            "Easy Auth lets unauthenticated requests through (requireAuthentication is not true)",
            "Easy Auth lets unauthenticated requests through (unauthenticatedClientAction is AllowAnonymous)",
        ]);
        assert.ok(part.nodes.some((n) => n.id === "public" && n.kind === "public"));
        // The allow-lists still say who can call with a token.
        assert.deepEqual(edgesByLabel(part, "can-invoke"), ["open-id → site", "site-id → open"]);
    });

    it("lets every function identity call an app whose Easy Auth has no allow-list", async () => {
        const part = await azureGraphOf([
            ...appWithIdentity("api"),
            ...appWithIdentity("worker"),
            ...appWithIdentity("tenant"),
            easyAuth("tenant-auth", "tenant", [], []),
        ]);
        assert.deepEqual(edgesByLabel(part, "can-invoke"), [
            "api-id → tenant",
            "worker-id → tenant",
        ]);
        const edge = part.edges.find((e) => e.kind === "can-invoke");
        assert.deepEqual(edge?.kind === "can-invoke" && edge.conditions, [
            "Easy Auth admits any identity of the tenant (no allow-list)",
        ]);
    });

    it("links by property dependencies when principal IDs and scopes are unknown (preview)", async () => {
        const resources: HarnessResource[] = [
            userAssignedIdentity("api-id", UNKNOWN),
            functionApp("api", userAssigned("api-id"), { identity: UNKNOWN }),
            userAssignedIdentity("worker-id", UNKNOWN),
            functionApp("worker", userAssigned("worker-id"), { identity: UNKNOWN }),
            easyAuth("worker-auth", "worker", [UNKNOWN], [UNKNOWN]),
            stackResource("azure-native:keyvault:Secret", "signing-key", { id: UNKNOWN }),
            roleAssignment("worker-secret", UNKNOWN, SECRET_READER, UNKNOWN),
        ];
        const part = await azureGraphOf(resources, {
            api: { identity: ["api-id"] },
            worker: { identity: ["worker-id"] },
            "worker-auth": { name: ["worker"], identityProviders: ["api-id"] },
            "worker-secret": { principalId: ["worker-id"], scope: ["signing-key"] },
        });
        assert.deepEqual(edgesByLabel(part, "runs-as"), ["api → api-id", "worker → worker-id"]);
        assert.deepEqual(edgesByLabel(part, "can-invoke"), ["api-id → worker"]);
        assert.deepEqual(edgesByLabel(part, "granted"), ["worker-id → signing-key"]);
        const secret = urnOf("azure-native:keyvault:Secret", "signing-key");
        const worker = profileOf(part, "worker");
        assert.deepEqual(
            worker.permissions.map((p) => p.resource),
            [secret, secret],
        );
        assert.equal(worker.risk.dataExfiltration, 1);
        assert.equal(worker.complete, true);
    });

    it("links an identity passed in by ID through its resource group and name", async () => {
        const part = await azureGraphOf([
            // No `id` output (azure-native has none) and no dependency: the app names it by ARM ID.
            stackResource("azure-native:managedidentity:UserAssignedIdentity", "shared-id", {
                name: "shared-id-1a2b",
                resourceGroupName: "app-rg",
                principalId: "p-shared",
            }),
            functionApp("api", userAssigned("shared-id-1a2b")),
            roleAssignment("api-jobs", "p-shared", roleDefinitionId(MORE_ROLES.queueSender), QUEUE),
        ]);
        assert.deepEqual(edgesByLabel(part, "runs-as"), ["api → shared-id"]);
        assert.deepEqual(edgesByLabel(part, "granted"), ["shared-id → jobs"]);
    });

    it("takes back what a deny assignment blocks, as the privileged-role rule does", async () => {
        const owner = roleAssignment("admin", "p-api", roleDefinitionId(ROLES.owner), ACCOUNT);
        const denyAll = (permissions: unknown) =>
            stackResource("azure-native:authorization:DenyAssignment", "lock", {
                denyAssignmentEffect: "enforced",
                scope: RESOURCE_GROUP,
                principals: [{ id: "00000000-0000-0000-0000-000000000000", type: "SystemDefined" }],
                excludePrincipals: [{ id: "p-break-glass", type: "User" }],
                permissions,
            });
        const granted = (part: GraphPart) =>
            part.edges.flatMap((e) => (e.kind === "granted" ? [e] : []));
        const open = await azureGraphOf([...appWithIdentity("api"), owner]);
        assert.ok(profileOf(open, "api").permissions.length > 0);
        const locked = await azureGraphOf([
            ...appWithIdentity("api"),
            owner,
            denyAll([{ actions: ["*"], dataActions: ["*"] }]),
        ]);
        assert.deepEqual(profileOf(locked, "api").permissions, []);
        assert.deepEqual(granted(locked)[0]?.conditions, [
            "less what deny assignment 'lock' blocks",
        ]);
        // A deny that spares some operations cannot take a wildcard back whole.
        const sparing = await azureGraphOf([
            ...appWithIdentity("api"),
            owner,
            denyAll([{ actions: ["*"], notActions: ["Microsoft.Storage/*"] }]),
        ]);
        assert.deepEqual(
            profileOf(sparing, "api").permissions.map((p) => p.action),
            profileOf(open, "api").permissions.map((p) => p.action),
        );
    });

    it("leaves a profile incomplete when a role cannot be read", async () => {
        const part = await azureGraphOf([
            ...appWithIdentity("api"),
            roleAssignment("mystery", "p-api", UNKNOWN, QUEUE),
            roleAssignment(
                "unlisted",
                "p-api",
                roleDefinitionId("11111111-2222-3333-4444-555555555555"),
            ),
        ]);
        const api = profileOf(part, "api");
        assert.equal(api.complete, false);
        assert.deepEqual(api.permissions, []);
        assert.deepEqual(
            part.edges.flatMap((e) => (e.kind === "granted" ? [`${e.access}: ${e.level}`] : [])),
            ["a role not known yet: other", "11111111-2222-3333-4444-555555555555: other"],
        );
    });
});

const HOST_ACCOUNT = `${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/fnhost`;
const HOST_SETTINGS = {
    siteConfig: {
        appSettings: [
            { name: "AzureWebJobsStorage__accountName", value: "fnhost" },
            { name: "AzureWebJobsStorage__credential", value: "managedidentity" },
        ],
    },
};

/** An app as AzureFunction builds it: host storage roles and one grant, declared by the component. */
function componentApp(extra: HarnessResource[] = []): HarnessResource[] {
    const declared = [
        {
            grant: "host-blob",
            access: "host-storage",
            plane: "rbac",
            roleGuid: MORE_ROLES.blobOwner,
        },
        {
            grant: "host-queue",
            access: "host-storage",
            plane: "rbac",
            roleGuid: MORE_ROLES.queueContributor,
        },
        { grant: "jobs", access: "queue:send", plane: "rbac", roleGuid: MORE_ROLES.queueSender },
        { grant: "worker", access: "function:invoke", plane: "easy-auth" },
    ].map((entry) => ({ ...entry, scope: entry.grant.startsWith("host") ? HOST_ACCOUNT : QUEUE }));
    return [
        stackResource("perimeter:index:AzureFunction", "api-component", {
            declaredAccess: declared,
        }),
        ...appWithIdentity("api", HOST_SETTINGS),
        roleAssignment(
            "api-host-blob",
            "p-api",
            roleDefinitionId(MORE_ROLES.blobOwner),
            HOST_ACCOUNT,
        ),
        roleAssignment(
            "api-host-queue",
            "p-api",
            roleDefinitionId(MORE_ROLES.queueContributor),
            HOST_ACCOUNT,
        ),
        roleAssignment("api-jobs", "p-api", roleDefinitionId(MORE_ROLES.queueSender), QUEUE),
        ...extra,
    ];
}

describe("identity graph: Azure declared access and host storage", () => {
    const parents = { api: "api-component" };

    it("scores an AzureFunction that holds exactly what it declared at 1", async () => {
        const api = profileOf(await azureGraphOf(componentApp(), {}, parents), "api");
        // Blob Data Owner 3, Queue Data Contributor 7, Queue Data Message Sender 1.
        assert.deepEqual(api.declared, { declared: 11, granted: 11, ratio: 1 });
    });

    it("counts access granted outside the component against what it declared", async () => {
        const extra = roleAssignment(
            "api-owner",
            "p-api",
            roleDefinitionId(ROLES.owner),
            RESOURCE_GROUP,
        );
        const api = profileOf(await azureGraphOf(componentApp([extra]), {}, parents), "api");
        assert.deepEqual(api.declared, { declared: 11, granted: 12, ratio: 12 / 11 });
        assert.equal(api.risk.privilegeEscalation, 1);
    });

    it("has no declared access for an app no component created", async () => {
        const api = profileOf(await azureGraphOf(componentApp()), "api");
        assert.equal(api.declared, undefined);
    });

    it("counts reads of the app's own host storage as read, other accounts' blobs as data exfiltration", async () => {
        const other = `${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/data`;
        const part = await azureGraphOf(
            componentApp([
                roleAssignment("api-data", "p-api", roleDefinitionId(MORE_ROLES.blobOwner), other),
            ]),
        );
        const api = profileOf(part, "api");
        const blobs = api.permissions.filter((p) => p.action.endsWith("containers/blobs/*"));
        assert.deepEqual(
            blobs.map((p) => `${p.resource}: ${p.categories.join(", ")}`),
            [`${HOST_ACCOUNT}: write, read`, `${other}: dataExfiltration, write, read`],
        );
    });

    it("reads a custom role definition of the stack linked by property dependency", async () => {
        const part = await azureGraphOf(
            [
                ...appWithIdentity("api"),
                stackResource("azure-native:authorization:RoleDefinition", "deployer", {
                    roleName: "Deployer",
                    permissions: [
                        {
                            actions: ["Microsoft.Authorization/roleAssignments/write", "*/read"],
                            notActions: [],
                        },
                    ],
                }),
                roleAssignment("api-deployer", "p-api", UNKNOWN, RESOURCE_GROUP),
            ],
            { "api-deployer": { roleDefinitionId: ["deployer"] } },
        );
        const grant = part.edges.find((e) => e.kind === "granted");
        assert.ok(grant?.kind === "granted");
        assert.equal(grant.access, "Deployer");
        assert.equal(grant.level, "privilegeEscalation");
        assert.equal(grant.to, `azure:resource:${RESOURCE_GROUP}`);
        assert.equal(profileOf(part, "api").complete, true);
    });

    it("shows a role assignment's ABAC condition as text and drops what it denies", async () => {
        const condition =
            "(\n !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})\n)";
        const part = await azureGraphOf([
            ...appWithIdentity("api"),
            {
                ...roleAssignment(
                    "api-upload",
                    "p-api",
                    roleDefinitionId(MORE_ROLES.blobContributor),
                ),
                props: {
                    principalId: "p-api",
                    roleDefinitionId: roleDefinitionId(MORE_ROLES.blobContributor),
                    scope: `${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/data`,
                    condition,
                    conditionVersion: "2.0",
                },
            },
        ]);
        const grant = part.edges.find((e) => e.kind === "granted");
        assert.ok(grant?.kind === "granted");
        assert.deepEqual(grant.conditions, [
            "( !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'}) )",
        ]);
        assert.equal(grant.level, "write");
        assert.equal(profileOf(part, "api").risk.dataExfiltration, 0);
    });

    it("never throws on odd property bags", async () => {
        const odd: unknown[] = [null, 7, "x", [], [null, 3, UNKNOWN], { a: UNKNOWN }, UNKNOWN];
        const resources: HarnessResource[] = [
            functionApp("system", { type: "SystemAssigned", principalId: "p-system" }),
        ];
        odd.forEach((value, i) => {
            resources.push(
                functionApp(
                    `odd-${i}`,
                    {
                        type: "SystemAssigned, UserAssigned",
                        userAssignedIdentities: value,
                        principalId: value,
                    },
                    { siteConfig: value, functionAppConfig: value },
                ),
                stackResource("azure-native:managedidentity:UserAssignedIdentity", `uai-${i}`, {
                    id: value,
                    principalId: value,
                    clientId: value,
                }),
                stackResource("azure-native:authorization:RoleAssignment", `ra-${i}`, {
                    principalId: i % 2 === 0 ? "p-system" : value,
                    roleDefinitionId: value,
                    scope: value,
                    condition: value,
                }),
                stackResource("azure-native:authorization:RoleDefinition", `rd-${i}`, {
                    id: value,
                    permissions: value,
                    roleName: value,
                }),
                stackResource("azure-native:web:WebAppAuthSettingsV2", `auth-${i}`, {
                    name: i % 2 === 0 ? "system" : value,
                    platform: i % 3 === 0 ? { enabled: true } : value,
                    globalValidation: value,
                    identityProviders: { azureActiveDirectory: { validation: value } },
                }),
                stackResource("perimeter:index:AzureFunction", `component-${i}`, {
                    app: value,
                    declaredAccess: value,
                }),
            );
        });
        const part = await azureGraphOf(resources, {}, { system: "component-4" });
        assert.ok(part.functions.length >= 1);
    });
});
