/**
 * The Google Cloud part of the identity graph on hand-written stacks (./gcp-fixtures.ts): call chains,
 * cycles, public entry points, unknown emails linked by property dependencies, custom roles, and the
 * declared access of GcpFunction components.
 */
import { strict as assert } from "assert";
import { gcpGraphPart } from "../../../../policypack/lib/graph/gcp";
import {
    type FunctionProfile,
    type GraphEdge,
    type GraphPart,
    PUBLIC_NODE_ID,
} from "../../../../policypack/lib/graph/model";
import { UNKNOWN } from "../../harness";
import {
    account,
    emailOf,
    gen1,
    gen2,
    PROJECT,
    projectMember,
    runService,
} from "../../policies/gcp/fixtures";
import {
    fnWithAccount,
    type GraphStackResource,
    graphResources,
    invoker,
    RUN_MEMBER,
    secretAccessor,
    TOPIC_MEMBER,
    urnOf,
} from "./gcp-fixtures";

const GEN2 = "gcp:cloudfunctionsv2/function:Function";
const ACCOUNT = "gcp:serviceaccount/account:Account";

function partOf(resources: readonly GraphStackResource[]): GraphPart {
    return gcpGraphPart(graphResources(resources));
}

/** `from → to` by node label, for edges of one kind. */
function edges(part: GraphPart, kind: GraphEdge["kind"]): string[] {
    const label = (id: string) => part.nodes.find((n) => n.id === id)?.label ?? id;
    return part.edges
        .filter((e) => e.kind === kind)
        .map((e) => `${label(e.from)} → ${label(e.to)}`)
        .sort();
}

function profile(part: GraphPart, fn: string): FunctionProfile {
    const found = part.functions.find((f) => f.functionId === urnOf({ type: GEN2, name: fn }));
    assert.ok(found, `no profile for ${fn}`);
    return found;
}

function categoriesOf(part: GraphPart, fn: string): Record<string, string[]> {
    return Object.fromEntries(
        profile(part, fn).permissions.map((p) => [p.action, [...p.categories]]),
    );
}

describe("GCP identity graph", () => {
    const chain = [
        ...fnWithAccount("api"),
        ...fnWithAccount("worker"),
        ...fnWithAccount("admin"),
        invoker("api", "worker"),
        invoker("worker", "admin"),
        secretAccessor("admin", "db-password"),
    ];

    it("links a chain of three functions across two hops through run.invoker on their services", () => {
        const part = partOf(chain);
        assert.deepEqual(edges(part, "runs-as"), [
            `admin → ${emailOf("admin")}`,
            `api → ${emailOf("api")}`,
            `worker → ${emailOf("worker")}`,
        ]);
        assert.deepEqual(edges(part, "can-invoke"), [
            `${emailOf("api")} → worker`,
            `${emailOf("worker")} → admin`,
        ]);
        const identity = part.nodes.find((n) => n.label === emailOf("api"));
        assert.equal(identity?.id, urnOf({ type: ACCOUNT, name: "api" }));
        assert.equal(identity?.kind, "identity");
        const invoke = part.edges.find((e) => e.kind === "can-invoke");
        assert.equal(invoke?.via, urnOf(invoker("api", "worker")));
    });

    it("gives each function its identity's effective permissions with categories", () => {
        const part = partOf(chain);
        const admin = profile(part, "admin");
        assert.equal(admin.complete, true);
        assert.deepEqual(admin.identityIds, [urnOf({ type: ACCOUNT, name: "admin" })]);
        const secret = admin.permissions.find((p) => p.action === "secretmanager.versions.access");
        assert.deepEqual(secret, {
            action: "secretmanager.versions.access",
            resource: `projects/${PROJECT}/secrets/db-password`,
            categories: ["dataExfiltration", "read"],
        });
        assert.equal(admin.risk.dataExfiltration, 1);
        const worker = profile(part, "worker");
        assert.deepEqual(worker.permissions.map((p) => p.action).sort(), [
            "run.instances.invoke",
            "run.jobs.run",
            "run.routes.invoke",
        ]);
        assert.deepEqual(worker.risk.write, 3);
        const granted = part.edges.find(
            (e) => e.kind === "granted" && e.via === urnOf(secretAccessor("admin", "db-password")),
        );
        assert.equal(granted?.kind === "granted" && granted.level, "dataExfiltration");
        assert.equal(
            granted?.kind === "granted" && granted.access,
            "roles/secretmanager.secretAccessor",
        );
    });

    it("keeps a cycle as two edges and reaches gen1 functions through cloudfunctions.invoker", () => {
        const part = partOf([
            ...fnWithAccount("ping"),
            account("pong"),
            {
                ...gen1("pong", emailOf("pong")),
                props: { name: "pong", serviceAccountEmail: emailOf("pong") },
            },
            invoker("pong", "ping"),
            {
                type: "gcp:cloudfunctions/functionIamMember:FunctionIamMember",
                name: "ping-invokes-pong",
                props: {
                    cloudFunction: "pong",
                    role: "roles/cloudfunctions.invoker",
                    member: `serviceAccount:${emailOf("ping")}`,
                },
            },
        ]);
        assert.deepEqual(edges(part, "can-invoke"), [
            `${emailOf("ping")} → pong`,
            `${emailOf("pong")} → ping`,
        ]);
    });

    it("draws public edges for allUsers and allAuthenticatedUsers invokers", () => {
        const part = partOf([
            ...chain,
            {
                ...invoker("api", "api"),
                name: "api-public",
                props: { ...invoker("api", "api").props, member: "allUsers" },
            },
            {
                type: "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
                name: "worker-signed-in",
                props: {
                    name: "worker",
                    role: "roles/run.invoker",
                    members: ["allAuthenticatedUsers"],
                },
            },
        ]);
        assert.deepEqual(edges(part, "public"), ["anyone → api", "anyone → worker"]);
        const reasons = part.edges.flatMap((e) => (e.kind === "public" ? [e.reason] : []));
        assert.deepEqual(reasons.sort(), [
            "allAuthenticatedUsers has roles/run.invoker",
            "allUsers has roles/run.invoker",
        ]);
        assert.equal(part.nodes.find((n) => n.id === PUBLIC_NODE_ID)?.kind, "public");
    });

    it("links by property dependencies while emails and service names are unknown (preview)", () => {
        const unknownFn = (name: string): GraphStackResource[] => [
            account(`${name}-sa`, UNKNOWN),
            { ...gen2(name, UNKNOWN), dependsOn: { serviceConfig: [`${name}-sa`] } },
        ];
        const part = partOf([
            ...unknownFn("api"),
            ...unknownFn("worker"),
            { type: "gcp:pubsub/topic:Topic", name: "events", props: { name: UNKNOWN } },
            {
                type: RUN_MEMBER,
                name: "api-invokes-worker",
                props: { name: UNKNOWN, role: "roles/run.invoker", member: UNKNOWN },
                // `member` is the account's member output; `name` the callee's service name.
                dependsOn: { member: ["api-sa"], name: ["worker"] },
            },
            {
                type: TOPIC_MEMBER,
                name: "worker-publishes",
                props: { topic: UNKNOWN, role: "roles/pubsub.publisher", member: UNKNOWN },
                dependsOn: { member: ["worker-sa"], topic: ["events"] },
            },
        ]);
        assert.deepEqual(edges(part, "runs-as"), [
            "api → service account 'api-sa'",
            "worker → service account 'worker-sa'",
        ]);
        assert.deepEqual(edges(part, "can-invoke"), ["service account 'api-sa' → worker"]);
        assert.deepEqual(edges(part, "granted"), [
            "service account 'api-sa' → worker",
            "service account 'worker-sa' → events",
        ]);
        assert.deepEqual(profile(part, "worker").permissions, [
            { action: "pubsub.topics.publish", resource: "topic 'events'", categories: ["write"] },
        ]);
        assert.equal(profile(part, "worker").complete, true);
    });

    it("lets a project-level invoker reach every function its permission reaches", () => {
        const part = partOf([
            ...chain,
            account("legacy"),
            gen1("legacy", emailOf("legacy")),
            account("svc"),
            runService("svc", emailOf("svc")),
            projectMember(
                "api-invokes-all",
                "roles/run.invoker",
                `serviceAccount:${emailOf("api")}`,
            ),
        ]);
        const fromApi = edges(part, "can-invoke").filter((e) => e.startsWith(emailOf("api")));
        // run.routes.invoke reaches Cloud Run services and gen2 functions, not gen1 functions.
        assert.deepEqual(fromApi, [
            `${emailOf("api")} → admin`,
            `${emailOf("api")} → api`,
            `${emailOf("api")} → svc`,
            `${emailOf("api")} → worker`,
            `${emailOf("api")} → worker`,
        ]);
    });

    describe("risk categories of roles", () => {
        function roleAtProject(role: string): Record<string, string[]> {
            return categoriesOf(
                partOf([
                    ...fnWithAccount("fn"),
                    projectMember("grant", role, `serviceAccount:${emailOf("fn")}`),
                ]),
                "fn",
            );
        }

        it("roles/owner: escalation, permissions management and credentials exposure", () => {
            const owner = roleAtProject("roles/owner");
            assert.deepEqual(owner["resourcemanager.projects.setIamPolicy"], [
                "privilegeEscalation",
                "permissionsManagement",
            ]);
            assert.deepEqual(owner["iam.serviceAccountKeys.create"], [
                "privilegeEscalation",
                "credentialsExposure",
                "write",
            ]);
            assert.deepEqual(owner["run.routes.invoke"], ["privilegeEscalation", "write"]);
        });

        it("roles/iam.serviceAccountTokenCreator: token minting escalates and exposes credentials", () => {
            const creator = roleAtProject("roles/iam.serviceAccountTokenCreator");
            assert.deepEqual(creator["iam.serviceAccounts.getAccessToken"], [
                "privilegeEscalation",
                "credentialsExposure",
                "read",
            ]);
            assert.deepEqual(creator["iam.serviceAccounts.getOpenIdToken"], [
                "credentialsExposure",
                "read",
            ]);
            assert.deepEqual(creator["iam.serviceAccounts.list"], []);
        });

        it("roles/secretmanager.secretAccessor reads secrets out; roles/pubsub.publisher writes", () => {
            assert.deepEqual(
                roleAtProject("roles/secretmanager.secretAccessor")[
                    "secretmanager.versions.access"
                ],
                ["dataExfiltration", "read"],
            );
            assert.deepEqual(roleAtProject("roles/pubsub.publisher"), {
                "pubsub.topics.publish": ["write"],
            });
        });
    });

    describe("custom roles of the stack", () => {
        const CUSTOM_ROLE = "gcp:projects/iAMCustomRole:IAMCustomRole";
        const customRole = (permissions: unknown): GraphStackResource => ({
            type: CUSTOM_ROLE,
            name: "deployer",
            props: { roleId: "deployer", title: "Deployer", permissions },
        });
        const grant = (role: string): GraphStackResource => ({
            ...projectMember("fn-deploys", role, `serviceAccount:${emailOf("fn")}`),
            dependsOn: { role: ["deployer"] },
        });

        it("uses the custom role's permissions, by its name or by the dependency of `role`", () => {
            for (const role of [`projects/${PROJECT}/roles/deployer`, UNKNOWN]) {
                const part = partOf([
                    ...fnWithAccount("fn"),
                    customRole(["iam.roles.update", "storage.buckets.list"]),
                    grant(role),
                ]);
                assert.deepEqual(categoriesOf(part, "fn"), {
                    "iam.roles.update": ["privilegeEscalation", "write"],
                    "storage.buckets.list": [],
                });
                const edge = part.edges.find((e) => e.kind === "granted");
                assert.match(edge?.kind === "granted" ? edge.access : "", /custom role 'deployer'/);
            }
        });

        it("marks the profile incomplete while the custom role's permissions are unknown", () => {
            const part = partOf([...fnWithAccount("fn"), customRole(UNKNOWN), grant(UNKNOWN)]);
            assert.equal(profile(part, "fn").complete, false);
            assert.deepEqual(edges(part, "granted"), [`${emailOf("fn")} → projects/${PROJECT}`]);
        });
    });

    it("reports IAM Conditions as their title and CEL expression", () => {
        const part = partOf([
            ...fnWithAccount("fn"),
            {
                ...secretAccessor("fn", "key"),
                props: {
                    ...secretAccessor("fn", "key").props,
                    condition: {
                        title: "Until June",
                        expression: 'request.time < timestamp("2031-06-01T00:00:00Z")',
                    },
                },
            },
        ]);
        const edge = part.edges.find((e) => e.kind === "granted");
        assert.deepEqual(edge?.kind === "granted" && edge.conditions, [
            'Until June: request.time < timestamp("2031-06-01T00:00:00Z")',
        ]);
    });

    describe("declared access of GcpFunction", () => {
        const COMPONENT = "perimeter:index:GcpFunction";
        const component = (declared: unknown): GraphStackResource => ({
            type: COMPONENT,
            name: "reader",
            props: { declaredAccess: declared },
        });
        const declared = [
            { key: "log-writer", purpose: "baseline", role: "roles/logging.logWriter" },
            { key: "grant-key", purpose: "grant", role: "roles/secretmanager.secretAccessor" },
        ];
        const built = (...extra: GraphStackResource[]): GraphStackResource[] =>
            [
                component(declared),
                account("reader-sa", emailOf("reader")),
                { ...gen2("reader", emailOf("reader")), parentName: "reader-component" },
                projectMember(
                    "reader-log-writer",
                    "roles/logging.logWriter",
                    `serviceAccount:${emailOf("reader")}`,
                ),
                secretAccessor("reader", "key"),
                ...extra,
            ].map((r) => (r.type === COMPONENT ? { ...r, name: "reader-component" } : r));

        it("is 1 when the identity holds exactly the declared roles", () => {
            const fn = profile(partOf(built()), "reader");
            assert.deepEqual(fn.declared, { declared: 5, granted: 5, ratio: 1 });
        });

        it("grows with access granted outside the component", () => {
            const fn = profile(
                partOf(
                    built(
                        projectMember(
                            "extra",
                            "roles/pubsub.publisher",
                            `serviceAccount:${emailOf("reader")}`,
                        ),
                    ),
                ),
                "reader",
            );
            assert.deepEqual(fn.declared, { declared: 5, granted: 6, ratio: 1.2 });
        });

        it("is absent for functions not built with the component, or while unknown", () => {
            assert.equal(profile(partOf(fnWithAccount("fn")), "fn").declared, undefined);
            const unknown = built().map((r) =>
                r.type === COMPONENT ? { ...r, props: { declaredAccess: UNKNOWN } } : r,
            );
            assert.equal(profile(partOf(unknown), "reader").declared, undefined);
        });
    });
});
