/**
 * The identity graph as JSON, for other tools: `{ nodes, edges, functions }` exactly as the model
 * (policypack/lib/graph/model.ts) defines them; `nodeById` is an index of `nodes` and left out.
 */
import type { IdentityGraph } from "../../policypack/lib/graph/model";

export function graphToJson(graph: IdentityGraph): string {
    const { nodes, edges, functions } = graph;
    return JSON.stringify({ nodes, edges, functions }, null, 2) + "\n";
}
