import * as assert from "node:assert/strict";
import { graphToJson } from "../../../cli/graph/json";
import { chainGraph } from "./graphs";

describe("graphToJson", () => {
    it("writes the nodes, edges and function profiles of the model, and no index", () => {
        const graph = chainGraph();
        const parsed = JSON.parse(graphToJson(graph)) as Record<string, unknown>;
        assert.deepEqual(Object.keys(parsed), ["nodes", "edges", "functions"]);
        assert.deepEqual(parsed, {
            nodes: graph.nodes,
            edges: graph.edges,
            functions: JSON.parse(JSON.stringify(graph.functions)),
        });
    });
});
