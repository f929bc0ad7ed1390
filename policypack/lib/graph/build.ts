/** Builds the identity graph of a stack from the parts each cloud contributes (see model.ts). */
import { awsGraphPart } from "./aws";
import { azureGraphPart } from "./azure";
import { gcpGraphPart } from "./gcp";
import type { GraphNode, GraphResource, IdentityGraph } from "./model";

export function buildIdentityGraph(resources: readonly GraphResource[]): IdentityGraph {
    const parts = [awsGraphPart(resources), azureGraphPart(resources), gcpGraphPart(resources)];
    const nodeById = new Map<string, GraphNode>();
    for (const part of parts) {
        for (const node of part.nodes) {
            if (!nodeById.has(node.id)) {
                nodeById.set(node.id, node);
            }
        }
    }
    return {
        nodes: [...nodeById.values()],
        edges: parts.flatMap((part) => part.edges),
        functions: parts.flatMap((part) => part.functions),
        nodeById,
    };
}
