import * as assert from "node:assert/strict";
import {
    riskCounts,
    type GraphEdge,
    type GraphNode,
    type IdentityGraph,
    type Permission,
} from "../../../policypack/lib/graph/model";
import { functionAccessOf } from "../../../cli/diff/access";
import { diffStacks, failureReasons } from "../../../cli/diff/compare";

const FN = "urn:pulumi:dev::p::aws:lambda/function:Function::api";
const ROLE = "urn:pulumi:dev::p::aws:iam/role:Role::api";

function graph(permissions: Permission[], extra: GraphEdge[] = []): IdentityGraph {
    const nodes: GraphNode[] = [
        { id: FN, kind: "function", cloud: "aws", label: "api" },
        { id: ROLE, kind: "identity", cloud: "aws", label: "api" },
        { id: "aws:resource:*", kind: "resource", cloud: "aws", label: "*" },
    ];
    const edges: GraphEdge[] = [
        { kind: "runs-as", from: FN, to: ROLE },
        {
            kind: "granted",
            from: ROLE,
            to: "aws:resource:*",
            access: "s3:*",
            level: "write",
            permissions,
            conditions: [],
        },
        ...extra,
    ];
    return {
        nodes,
        edges,
        functions: [
            {
                functionId: FN,
                identityIds: [ROLE],
                permissions,
                risk: riskCounts(permissions),
                complete: true,
            },
        ],
        nodeById: new Map(nodes.map((n) => [n.id, n])),
    };
}

const many = (skip?: number): Permission[] =>
    Array.from({ length: 5000 }, (_, i) => i)
        .filter((i) => i !== skip)
        .map((i) => ({
            action: `s3:Action${i}`,
            resource: "*",
            categories: i === 2500 ? ["dataExfiltration" as const] : ["write" as const],
        }));

describe("perimeter diff: comparing functions", () => {
    it("does not expand the permissions of a function whose grants did not change", () => {
        const before = functionAccessOf(graph(many()));
        const after = functionAccessOf(graph(many()));
        assert.equal(before.get(FN)?.grantDigest, after.get(FN)?.grantDigest);
        const diff = diffStacks(before, after, { before: [], after: [] });
        assert.deepEqual(diff.functions, []);
        assert.equal(diff.summary.narrowingOnly, true);
    });

    it("finds one permission added in the middle of thousands, with its category, and fails on it", () => {
        const before = functionAccessOf(graph(many(2500)));
        const after = functionAccessOf(graph(many()));
        assert.notEqual(before.get(FN)?.grantDigest, after.get(FN)?.grantDigest);
        const diff = diffStacks(before, after, { before: [], after: [] });
        assert.deepEqual(
            diff.functions[0]?.permissionsAdded.map((p) => [p.action, p.categories]),
            [["s3:Action2500", ["dataExfiltration"]]],
        );
        assert.deepEqual(diff.functions[0]?.permissionsRemoved, []);
        assert.deepEqual(failureReasons(diff, "data-exfiltration"), [
            "1 data exfiltration permission added",
        ]);
        assert.deepEqual(failureReasons(diff, "privilege-escalation"), []);
        assert.deepEqual(failureReasons(diff, "none"), []);
    });

    it("reports a new public invoker and fails on it at every level but none", () => {
        const before = functionAccessOf(graph([]));
        const after = functionAccessOf(
            graph(
                [],
                [
                    {
                        kind: "public",
                        from: "public",
                        to: FN,
                        reason: "function URL with authType NONE",
                    },
                ],
            ),
        );
        const diff = diffStacks(before, after, { before: [], after: [] });
        assert.deepEqual(
            diff.functions[0]?.invokersAdded.map((i) => [i.label, i.public, i.detail]),
            [["anyone (public)", true, ["function URL with authType NONE"]]],
        );
        assert.deepEqual(failureReasons(diff, "privilege-escalation"), ["1 function newly public"]);
    });
});
