/**
 * What each function of a stack may do and who may invoke it, read from the identity graph (the pack's
 * one model of the stack, policypack/lib/graph): the unit `perimeter diff` compares.
 */
import { createHash } from "node:crypto";
import {
    type GrantedEdge,
    PUBLIC_NODE_ID,
    RISK_CATEGORIES,
    type Cloud,
    type IdentityGraph,
    type RiskCategory,
} from "../../policypack/lib/graph/model";

/** One effective permission of a function, with the conditions of the grant that gives it. */
export interface PermissionLine {
    readonly action: string;
    readonly resource: string;
    readonly conditions: readonly string[];
    /** Most dangerous first; empty for permissions in no risk category. */
    readonly categories: readonly RiskCategory[];
}

/** Someone who may invoke a function: an identity of the stack, or anyone. */
export interface Invoker {
    /** The identity node's id, or `public`. */
    readonly id: string;
    /** How reports name it: the identity, and the functions that run as it. */
    readonly label: string;
    readonly public: boolean;
    /** For a public invoker: why anyone may invoke; otherwise the conditions of the permission. */
    readonly detail: readonly string[];
}

export interface FunctionAccess {
    /** The function node's id (its URN for a resource of the stack). */
    readonly id: string;
    readonly label: string;
    readonly cloud: Cloud | null;
    readonly type?: string;
    /** The identities it runs as: ids and labels. */
    readonly identities: readonly { readonly id: string; readonly label: string }[];
    /**
     * A digest of its grants: equal digests mean equal permissions, so the diff expands
     * {@link permissions} only for functions whose digest changed.
     */
    readonly grantDigest: string;
    /** Keyed by {@link permissionKey}; computed on first use (a `*` role holds some 18,000). */
    readonly permissions: ReadonlyMap<string, PermissionLine>;
    /** Keyed by invoker id. */
    readonly invokers: ReadonlyMap<string, Invoker>;
    /** The other functions that run as one of its identities. */
    readonly sharesIdentityWith: readonly string[];
    /** false when some grant could not be read (an unknown value in preview). */
    readonly complete: boolean;
    /** What of its grants could not be read, as the graph says it. */
    readonly unreadable: ReadonlySet<string>;
}

export function permissionKey(
    p: Pick<PermissionLine, "action" | "resource" | "conditions">,
): string {
    return `${p.action}\u0000${p.resource}\u0000${p.conditions.join("\u0001")}`;
}

/** Every function of the graph, keyed by its id. */
export function functionAccessOf(graph: IdentityGraph): Map<string, FunctionAccess> {
    const label = (id: string): string => graph.nodeById.get(id)?.label ?? id;
    const runsAs = new Map<string, string[]>();
    const runBy = new Map<string, string[]>();
    for (const edge of graph.edges) {
        if (edge.kind !== "runs-as") continue;
        runsAs.set(edge.from, [...(runsAs.get(edge.from) ?? []), edge.to]);
        runBy.set(edge.to, [...(runBy.get(edge.to) ?? []), edge.from]);
    }
    const grantsOf = new Map<string, GrantedEdge[]>();
    const invokersOf = new Map<string, Invoker[]>();
    for (const edge of graph.edges) {
        if (edge.kind === "granted") {
            const list = grantsOf.get(edge.from);
            if (list === undefined) grantsOf.set(edge.from, [edge]);
            else list.push(edge);
        } else if (edge.kind === "can-invoke") {
            const callers = (runBy.get(edge.from) ?? [])
                .map(label)
                .filter((c) => c !== label(edge.from));
            const invoker: Invoker = {
                id: edge.from,
                label:
                    callers.length > 0
                        ? `${label(edge.from)} (${callers.join(", ")})`
                        : label(edge.from),
                public: false,
                detail: [...edge.conditions].sort(),
            };
            invokersOf.set(edge.to, [...(invokersOf.get(edge.to) ?? []), invoker]);
        } else if (edge.kind === "public") {
            const invoker: Invoker = {
                id: PUBLIC_NODE_ID,
                label: "anyone (public)",
                public: true,
                detail: [edge.reason],
            };
            invokersOf.set(edge.to, [...(invokersOf.get(edge.to) ?? []), invoker]);
        }
    }
    const result = new Map<string, FunctionAccess>();
    for (const profile of graph.functions) {
        const node = graph.nodeById.get(profile.functionId);
        const identityIds = runsAs.get(profile.functionId) ?? [...profile.identityIds];
        const grants = identityIds.flatMap((id) => grantsOf.get(id) ?? []);
        let permissions: Map<string, PermissionLine> | undefined;
        const invokers = new Map<string, Invoker>();
        for (const invoker of invokersOf.get(profile.functionId) ?? []) {
            const seen = invokers.get(invoker.id);
            invokers.set(invoker.id, seen === undefined ? invoker : merge(seen, invoker));
        }
        const sharing = new Set(
            identityIds
                .flatMap((id) => runBy.get(id) ?? [])
                .filter((f) => f !== profile.functionId),
        );
        result.set(profile.functionId, {
            id: profile.functionId,
            label: node?.label ?? profile.functionId,
            cloud: node?.cloud ?? null,
            ...(node?.type === undefined ? {} : { type: node.type }),
            identities: identityIds.map((id) => ({ id, label: label(id) })),
            grantDigest: digestOf(grants),
            get permissions() {
                return (permissions ??= permissionLines(grants));
            },
            invokers,
            sharesIdentityWith: [...sharing].sort(),
            complete: profile.complete,
            unreadable: new Set(profile.unreadable ?? []),
        });
    }
    return result;
}

/** Every permission of the grants, with the conditions of the grant that gives it. */
function permissionLines(grants: readonly GrantedEdge[]): Map<string, PermissionLine> {
    const lines = new Map<string, PermissionLine>();
    for (const edge of grants) {
        const conditions = [...edge.conditions].sort();
        for (const p of edge.permissions) {
            const line = {
                action: p.action,
                resource: p.resource,
                conditions,
                categories: RISK_CATEGORIES.filter((c) => p.categories.includes(c)),
            };
            lines.set(permissionKey(line), line);
        }
    }
    return lines;
}

/** A SHA-256 of every permission and condition of the grants, in the graph's order. */
function digestOf(grants: readonly GrantedEdge[]): string {
    const hash = createHash("sha256");
    for (const edge of grants) {
        hash.update(`${edge.to}\u0000${edge.conditions.join("\u0001")}\u0002`);
        for (const p of edge.permissions) hash.update(`${p.action}\u0000${p.resource}\u0003`);
    }
    return hash.digest("hex");
}

function merge(a: Invoker, b: Invoker): Invoker {
    return { ...a, detail: [...new Set([...a.detail, ...b.detail])].sort() };
}
