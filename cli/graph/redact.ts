/**
 * The identity graph with what was secret in the stack replaced (see ../report/redact.ts): labels,
 * grants, conditions and ids come from property values, some of them parsed out of a secret policy
 * document, and a drawing must not show what a report hides. Node ids stay distinct: two targets whose
 * ids differ only in a secret are two nodes, numbered.
 */
import type {
    GraphEdge,
    GraphNode,
    IdentityGraph,
    Permission,
} from "../../policypack/lib/graph/model";
import { NO_SECRETS, type Redact } from "../report/redact";

export function redactGraph(graph: IdentityGraph, redact: Redact): IdentityGraph {
    if (redact === NO_SECRETS) return graph;
    const ids = distinctIds(graph.nodes, redact);
    const id = (value: string): string => ids.get(value) ?? redact(value);
    const via = (value: string | undefined): { via?: string } =>
        value === undefined ? {} : { via: redact(value) };
    const permission = (p: Permission): Permission => ({
        ...p,
        action: redact(p.action),
        resource: redact(p.resource),
    });
    const nodes = graph.nodes.map((node): GraphNode => ({
        ...node,
        id: id(node.id),
        label: redact(node.label),
    }));
    const edges = graph.edges.map((edge): GraphEdge => {
        const ends = { from: id(edge.from), to: id(edge.to) };
        switch (edge.kind) {
            case "runs-as":
                return { ...edge, ...ends };
            case "public":
                return { ...edge, ...via(edge.via), to: ends.to, reason: redact(edge.reason) };
            case "can-invoke":
                return {
                    ...edge,
                    ...ends,
                    ...via(edge.via),
                    conditions: edge.conditions.map(redact),
                };
            case "granted":
                return {
                    ...edge,
                    ...ends,
                    ...via(edge.via),
                    access: redact(edge.access),
                    conditions: edge.conditions.map(redact),
                    permissions: edge.permissions.map(permission),
                };
        }
    });
    const functions = graph.functions.map((profile) => ({
        ...profile,
        functionId: id(profile.functionId),
        identityIds: profile.identityIds.map(id),
        permissions: dedupe(profile.permissions.map(permission)),
        ...(profile.unreadable === undefined ? {} : { unreadable: profile.unreadable.map(redact) }),
    }));
    return { nodes, edges, functions, nodeById: new Map(nodes.map((n) => [n.id, n])) };
}

/** Each node id redacted, with a number where redaction made two ids equal. */
function distinctIds(nodes: readonly GraphNode[], redact: Redact): Map<string, string> {
    const ids = new Map<string, string>();
    const taken = new Set<string>();
    for (const node of nodes) {
        let redacted = redact(node.id);
        for (let n = 2; taken.has(redacted); n++) redacted = `${redact(node.id)} #${n}`;
        taken.add(redacted);
        ids.set(node.id, redacted);
    }
    return ids;
}

function dedupe(permissions: readonly Permission[]): Permission[] {
    const seen = new Map<string, Permission>();
    for (const p of permissions) seen.set(`${p.action}\n${p.resource}`, p);
    return [...seen.values()];
}
