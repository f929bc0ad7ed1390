import * as assert from "assert";
import { mergeGraphParts } from "../../../../policypack/lib/graph/build";
import {
    callChains,
    type CallChain,
    DEFAULT_CHAIN_CATEGORIES,
    describeCallChain,
} from "../../../../policypack/lib/graph/chains";
import {
    type GraphEdge,
    type GraphNode,
    type IdentityGraph,
    type Permission,
    PUBLIC_NODE_ID,
    type RiskCategory,
    riskCounts,
} from "../../../../policypack/lib/graph/model";

const urn = (name: string) => `urn:pulumi:dev::app::aws:lambda/function:Function::${name}`;
const roleUrn = (name: string) => `urn:pulumi:dev::app::aws:iam/role:Role::${name}`;

const PASS_ROLE: Permission = {
    action: "iam:PassRole",
    resource: "*",
    categories: ["privilegeEscalation", "permissionsManagement"],
};
const GET_SECRET: Permission = {
    action: "secretsmanager:GetSecretValue",
    resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db",
    categories: ["dataExfiltration", "read"],
};
const GET_OBJECT: Permission = {
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/*",
    categories: ["dataExfiltration", "read"],
};
const SEND_MESSAGE: Permission = {
    action: "sqs:SendMessage",
    resource: "arn:aws:sqs:eu-west-1:111122223333:jobs",
    categories: ["write"],
};
const LIST_BUCKETS: Permission = { action: "s3:ListAllMyBuckets", resource: "*", categories: [] };

interface FunctionSpec {
    readonly roles?: readonly string[];
    readonly permissions?: readonly Permission[];
    /** Functions this one's first role may invoke. */
    readonly invokes?: readonly string[];
    readonly complete?: boolean;
}

/** A one-cloud graph: each function runs as its roles (default `<name>-role`), all holding its permissions. */
function graphOf(
    functions: Readonly<Record<string, FunctionSpec>>,
    publicEntries: readonly string[] = [],
    extraEdges: readonly GraphEdge[] = [],
): IdentityGraph {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [...extraEdges];
    const profiles = Object.entries(functions).map(([name, spec]) => {
        const roles = spec.roles ?? [`${name}-role`];
        nodes.push({ id: urn(name), kind: "function", cloud: "aws", label: name, urn: urn(name) });
        for (const role of roles) {
            nodes.push({ id: roleUrn(role), kind: "identity", cloud: "aws", label: role });
            edges.push({ kind: "runs-as", from: urn(name), to: roleUrn(role) });
        }
        for (const callee of spec.invokes ?? []) {
            edges.push({
                kind: "can-invoke",
                from: roleUrn(roles[0] ?? ""),
                to: urn(callee),
                conditions: [],
            });
        }
        const permissions = spec.permissions ?? [];
        return {
            functionId: urn(name),
            identityIds: roles.map(roleUrn),
            permissions,
            risk: riskCounts(permissions),
            complete: spec.complete ?? true,
        };
    });
    for (const entry of publicEntries) {
        edges.push({ kind: "public", from: PUBLIC_NODE_ID, to: urn(entry), reason: "URL NONE" });
    }
    return mergeGraphParts([{ nodes, edges, functions: profiles }]);
}

const label = (id: string) => (id === PUBLIC_NODE_ID ? "anyone" : id.split("::").pop());

function summary(chains: readonly CallChain[]): string[] {
    return chains.map(
        (c) =>
            `${c.path.map(label).join(">")} on ${label(c.reportOnId)}: ` +
            c.borrowed.map((p) => p.action).join(","),
    );
}

function chainsOf(graph: IdentityGraph, categories = DEFAULT_CHAIN_CATEGORIES): CallChain[] {
    return callChains(graph, categories);
}

describe("callChains", () => {
    const threeFunctions = {
        api: { permissions: [SEND_MESSAGE], invokes: ["worker"] },
        worker: { permissions: [SEND_MESSAGE], invokes: ["admin"] },
        admin: { permissions: [PASS_ROLE, GET_SECRET, GET_OBJECT, LIST_BUCKETS] },
    };

    it("follows a chain of three functions across two hops and reports each caller", () => {
        const chains = chainsOf(graphOf(threeFunctions));
        assert.deepStrictEqual(summary(chains), [
            "api>worker>admin on api: iam:PassRole,secretsmanager:GetSecretValue,s3:GetObject",
            "worker>admin on worker: iam:PassRole,secretsmanager:GetSecretValue,s3:GetObject",
        ]);
        assert.ok(chains.every((c) => c.complete));
    });

    it("says what is borrowed, by category, with the path of labels", () => {
        const graph = graphOf(threeFunctions);
        const [first] = chainsOf(graph);
        assert.ok(first);
        assert.deepStrictEqual(describeCallChain(graph, first), {
            message:
                "Function 'api' can reach 'admin' (path: api → worker → admin) and borrow 3 " +
                "permissions it does not hold: privilege escalation 1 (iam:PassRole on *), " +
                "permissions management 1 (iam:PassRole on *), data exfiltration 2 " +
                "(secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-1:111122223333:secret:db, ...)",
            key: { kind: "Path", value: "api->admin" },
        });
    });

    it("borrows nothing the caller holds on the same or a containing resource", () => {
        const broad = (p: Permission, resource: string): Permission => ({ ...p, resource });
        const graph = graphOf({
            api: {
                permissions: [
                    broad(PASS_ROLE, "*"),
                    broad(GET_OBJECT, "arn:aws:s3:::*"),
                    { ...GET_SECRET, action: "SecretsManager:GetSecretValue" },
                ],
                invokes: ["admin"],
            },
            admin: {
                permissions: [
                    PASS_ROLE,
                    broad(GET_OBJECT, "arn:aws:s3:::b/reports/*"),
                    GET_SECRET,
                    broad(GET_SECRET, "arn:aws:secretsmanager:eu-west-1:111122223333:secret:other"),
                ],
            },
        });
        const [chain, ...rest] = chainsOf(graph);
        assert.deepStrictEqual(rest, []);
        assert.deepStrictEqual(
            chain?.borrowed.map((p) => p.resource),
            ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:other"],
        );
    });

    it("ends in a cycle and reports each function once per reachable function", () => {
        const graph = graphOf({
            a: { permissions: [GET_OBJECT], invokes: ["b"] },
            b: { permissions: [], invokes: ["c"] },
            c: { permissions: [PASS_ROLE], invokes: ["a"] },
        });
        assert.deepStrictEqual(summary(chainsOf(graph)), [
            "a>b>c on a: iam:PassRole",
            "b>c on b: iam:PassRole",
            "b>c>a on b: s3:GetObject",
            "c>a on c: s3:GetObject",
        ]);
    });

    it("takes the shortest path when there are several", () => {
        const graph = graphOf({
            api: { invokes: ["worker", "admin"] },
            worker: { invokes: ["admin"] },
            admin: { permissions: [PASS_ROLE] },
        });
        assert.deepStrictEqual(summary(chainsOf(graph)), [
            "api>admin on api: iam:PassRole",
            "worker>admin on worker: iam:PassRole",
        ]);
    });

    it("treats a public entry point as a caller holding nothing, reported on the entry", () => {
        const graph = graphOf(
            {
                api: { permissions: [GET_OBJECT], invokes: ["admin"] },
                admin: { permissions: [GET_OBJECT, PASS_ROLE] },
            },
            ["api"],
        );
        const chains = chainsOf(graph);
        assert.deepStrictEqual(summary(chains), [
            "api>admin on api: iam:PassRole",
            "anyone>api on api: s3:GetObject",
            "anyone>api>admin on api: s3:GetObject,iam:PassRole",
        ]);
        const last = chains[2];
        assert.ok(last);
        const finding = describeCallChain(graph, last);
        assert.match(finding.message, /^Anyone can reach 'admin' \(path: anyone → api → admin\)/);
        assert.deepStrictEqual(finding.key, { kind: "Path", value: "anyone->admin" });
        assert.ok(graph.nodeById.has(PUBLIC_NODE_ID));
    });

    it("lets a function call through any of its identities and counts what all of them hold", () => {
        const graph = graphOf({
            api: {
                roles: ["api-runtime", "api-extra"],
                permissions: [GET_OBJECT],
                invokes: [],
            },
            reader: { permissions: [GET_OBJECT] },
            admin: { permissions: [GET_OBJECT, PASS_ROLE] },
        });
        const withEdges = mergeGraphParts([
            {
                nodes: graph.nodes,
                functions: graph.functions,
                edges: [
                    ...graph.edges,
                    {
                        kind: "can-invoke",
                        from: roleUrn("api-extra"),
                        to: urn("reader"),
                        conditions: [],
                    },
                    {
                        kind: "can-invoke",
                        from: roleUrn("api-runtime"),
                        to: urn("admin"),
                        conditions: [],
                    },
                ],
            },
        ]);
        assert.deepStrictEqual(summary(chainsOf(withEdges)), ["api>admin on api: iam:PassRole"]);
    });

    it("reports nothing when the callee holds nothing new in the chosen categories", () => {
        const graph = graphOf({
            api: { permissions: [GET_SECRET], invokes: ["worker"] },
            worker: { permissions: [GET_SECRET, SEND_MESSAGE, LIST_BUCKETS], invokes: ["api"] },
        });
        assert.deepStrictEqual(chainsOf(graph), []);
    });

    it("judges only the configured categories", () => {
        const graph = graphOf({
            api: { invokes: ["worker"] },
            worker: { permissions: [SEND_MESSAGE, GET_OBJECT] },
        });
        const writeOnly: RiskCategory[] = ["write"];
        assert.deepStrictEqual(summary(callChains(graph, writeOnly)), [
            "api>worker on api: sqs:SendMessage",
        ]);
        assert.deepStrictEqual(callChains(graph, []), []);
    });

    it("marks a chain incomplete when a grant of the caller or the callee is unknown", () => {
        const graph = graphOf({
            api: { invokes: ["admin"], complete: false },
            admin: { permissions: [PASS_ROLE] },
        });
        const [chain] = chainsOf(graph);
        assert.ok(chain);
        assert.strictEqual(chain.complete, false);
        assert.match(describeCallChain(graph, chain).message, /some grants are not known yet/);
    });

    it("ignores invoke rights of identities no function runs as, and edges to non-functions", () => {
        const graph = graphOf(
            { admin: { permissions: [PASS_ROLE] } },
            [],
            [
                { kind: "can-invoke", from: roleUrn("human"), to: urn("admin"), conditions: [] },
                {
                    kind: "can-invoke",
                    from: roleUrn("admin-role"),
                    to: "aws:resource:*",
                    conditions: [],
                },
            ],
        );
        assert.deepStrictEqual(chainsOf(graph), []);
    });

    it("stays linear on a long chain with a back edge at every step", () => {
        const size = 200;
        const functions: Record<string, FunctionSpec> = {};
        for (let i = 0; i < size; i++) {
            functions[`f${i}`] = {
                permissions: i === size - 1 ? [PASS_ROLE] : [],
                invokes: i + 1 < size ? [`f${i + 1}`, `f${Math.max(0, i - 1)}`] : [],
            };
        }
        const started = process.hrtime.bigint();
        const chains = chainsOf(graphOf(functions));
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.strictEqual(chains.length, size - 1);
        assert.strictEqual(chains[0]?.path.length, size);
        assert.ok(ms < 2_000, `${ms} ms`);
    });
});
