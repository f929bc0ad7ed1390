/**
 * The identity graph with the plaintext of the stack's secrets replaced (see ../report/redact.ts):
 * labels, grants and ids come from property values, and a drawing must not show what a report hides.
 */
import type {
    GraphEdge,
    GraphNode,
    IdentityGraph,
    Permission,
} from "../../policypack/lib/graph/model";
import { redactText } from "../report/redact";

export function redactGraph(graph: IdentityGraph, secrets: readonly string[]): IdentityGraph {
    if (secrets.length === 0) return graph;
    const text = (value: string): string => redactText(value, secrets);
    const via = (value: string | undefined): { via?: string } =>
        value === undefined ? {} : { via: text(value) };
    const permission = (p: Permission): Permission => ({
        ...p,
        action: text(p.action),
        resource: text(p.resource),
    });
    const nodes = graph.nodes.map((node): GraphNode => ({
        ...node,
        id: text(node.id),
        label: text(node.label),
    }));
    const edges = graph.edges.map((edge): GraphEdge => {
        const ends = { from: text(edge.from), to: text(edge.to) };
        switch (edge.kind) {
            case "runs-as":
                return { ...edge, ...ends };
            case "public":
                return { ...edge, ...via(edge.via), to: ends.to, reason: text(edge.reason) };
            case "can-invoke":
                return {
                    ...edge,
                    ...ends,
                    ...via(edge.via),
                    conditions: edge.conditions.map(text),
                };
            case "granted":
                return {
                    ...edge,
                    ...ends,
                    ...via(edge.via),
                    access: text(edge.access),
                    conditions: edge.conditions.map(text),
                    permissions: edge.permissions.map(permission),
                };
        }
    });
    const functions = graph.functions.map((profile) => ({
        ...profile,
        functionId: text(profile.functionId),
        identityIds: profile.identityIds.map(text),
        permissions: profile.permissions.map(permission),
    }));
    return { nodes, edges, functions, nodeById: new Map(nodes.map((n) => [n.id, n])) };
}
