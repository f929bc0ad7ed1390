import * as assert from "assert";
import {
    buildIdentityGraph,
    mergeGraphParts,
    PUBLIC_NODE,
} from "../../../../policypack/lib/graph/build";
import {
    type FunctionProfile,
    type GraphPart,
    PUBLIC_NODE_ID,
    riskCounts,
} from "../../../../policypack/lib/graph/model";

function profile(functionId: string, identityIds: string[]): FunctionProfile {
    return { functionId, identityIds, permissions: [], risk: riskCounts([]), complete: true };
}

const awsPart: GraphPart = {
    nodes: [
        { id: "urn:fn", kind: "function", cloud: "aws", label: "fn" },
        { id: "aws:resource:*", kind: "resource", cloud: "aws", label: "*" },
    ],
    edges: [{ kind: "public", from: PUBLIC_NODE_ID, to: "urn:fn", reason: "URL NONE" }],
    functions: [profile("urn:fn", ["urn:role"])],
};

const gcpPart: GraphPart = {
    nodes: [
        { id: "urn:run", kind: "function", cloud: "gcp", label: "run" },
        { id: "aws:resource:*", kind: "resource", cloud: "aws", label: "duplicate" },
    ],
    edges: [{ kind: "runs-as", from: "urn:run", to: "gcp:identity:default:Compute" }],
    functions: [profile("urn:run", ["gcp:identity:default:Compute"]), profile("urn:fn", [])],
};

describe("identity graph core", () => {
    it("merges the clouds' parts, keeping the first description of a shared node or function", () => {
        const graph = mergeGraphParts([awsPart, gcpPart]);
        assert.deepStrictEqual(
            graph.nodes.map((n) => `${n.id}=${n.label}`),
            ["urn:fn=fn", "aws:resource:*=*", "urn:run=run", "public=anyone"],
        );
        assert.deepStrictEqual(
            graph.functions.map((f) => [f.functionId, f.identityIds]),
            [
                ["urn:fn", ["urn:role"]],
                ["urn:run", ["gcp:identity:default:Compute"]],
            ],
        );
        assert.deepStrictEqual(
            graph.edges.map((e) => e.kind),
            ["public", "runs-as"],
        );
        assert.strictEqual(graph.nodeById.get("urn:run")?.cloud, "gcp");
    });

    it("adds the public node only when a public edge needs it", () => {
        assert.strictEqual(mergeGraphParts([gcpPart]).nodeById.has(PUBLIC_NODE_ID), false);
        assert.deepStrictEqual(
            mergeGraphParts([awsPart]).nodeById.get(PUBLIC_NODE_ID),
            PUBLIC_NODE,
        );
    });

    it("builds an empty graph from a stack without functions", () => {
        const graph = buildIdentityGraph([
            {
                urn: "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev",
                type: "pulumi:pulumi:Stack",
                name: "app-dev",
                props: {},
            },
            {
                urn: "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b",
                type: "aws:s3/bucket:Bucket",
                name: "b",
                props: { bucket: "b" },
            },
        ]);
        assert.deepStrictEqual(graph.functions, []);
        assert.ok(graph.edges.every((e) => e.kind !== "public"));
    });
});
