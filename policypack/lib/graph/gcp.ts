/** The Gcp part of the identity graph (see model.ts). */
import type { GraphPart, GraphResource } from "./model";

export function gcpGraphPart(resources: readonly GraphResource[]): GraphPart {
    void resources;
    return { nodes: [], edges: [], functions: [] };
}
