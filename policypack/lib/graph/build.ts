/** Builds the identity graph of a stack from the parts each cloud contributes (see model.ts). */
import { awsGraphPart } from "./aws";
import { azureGraphPart } from "./azure";
import { gcpGraphPart } from "./gcp";
import {
    type FunctionProfile,
    type GraphEdge,
    type GraphNode,
    type GraphPart,
    type IdentityGraph,
    type InvokeLists,
    invokesOf,
    PUBLIC_NODE_ID,
} from "./model";
import type { StackResource } from "../stack/resource";

/** The node every `public` edge starts from. */
export const PUBLIC_NODE: GraphNode = {
    id: PUBLIC_NODE_ID,
    kind: "public",
    cloud: null,
    label: "anyone",
};

/**
 * One graph from several parts: a node (or function profile) that several parts contribute is kept
 * once, as the first part describes it; edges are kept as given. The public node is present exactly
 * when some `public` edge needs it.
 */
export function mergeGraphParts(parts: readonly GraphPart[]): IdentityGraph {
    const nodeById = new Map<string, GraphNode>();
    const functionById = new Map<string, FunctionProfile>();
    for (const part of parts) {
        for (const node of part.nodes) {
            if (!nodeById.has(node.id)) {
                nodeById.set(node.id, node);
            }
        }
        for (const profile of part.functions) {
            if (!functionById.has(profile.functionId)) {
                functionById.set(profile.functionId, profile);
            }
        }
    }
    const invokes = mergeInvokes(parts.map((part) => part.invokes ?? invokesOf(part.edges)));
    if (!nodeById.has(PUBLIC_NODE_ID) && invokes.publicCallees.length > 0) {
        nodeById.set(PUBLIC_NODE_ID, PUBLIC_NODE);
    }
    // Read only by those who need every edge (the reports); the rules walk `invokes`.
    let edges: GraphEdge[] | undefined;
    return {
        nodes: [...nodeById.values()],
        get edges() {
            edges ??= parts.flatMap((part) => part.edges);
            return edges;
        },
        functions: [...functionById.values()],
        nodeById,
        invokes,
    };
}

function mergeInvokes(lists: readonly InvokeLists[]): InvokeLists {
    if (lists.length === 1 && lists[0] !== undefined) return lists[0];
    const byIdentity = new Map<string, readonly string[]>();
    for (const list of lists) {
        for (const [id, callees] of list.byIdentity) {
            const known = byIdentity.get(id);
            byIdentity.set(
                id,
                known === undefined ? callees : [...new Set([...known, ...callees])],
            );
        }
    }
    return {
        byIdentity,
        publicCallees: [...new Set(lists.flatMap((list) => list.publicCallees))],
    };
}

export function buildIdentityGraph(resources: readonly StackResource[]): IdentityGraph {
    return mergeGraphParts([
        awsGraphPart(resources),
        azureGraphPart(resources),
        gcpGraphPart(resources),
    ]);
}
