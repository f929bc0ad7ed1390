/**
 * What a drawing of the identity graph shows, independent of the drawing language (DOT, Mermaid):
 * short node ids, the lines of each label, which nodes and edges are risky. One pass over the nodes
 * and one over the edges, so it stays linear on large stacks.
 *
 * Edges of one kind between the same two nodes are drawn once: several grants of an identity on one
 * target become one edge that counts them, which keeps large graphs legible.
 */
import {
    PUBLIC_NODE_ID,
    RISK_CATEGORIES,
    RISK_CATEGORY_LABELS,
    type FunctionProfile,
    type GraphEdge,
    type GraphNode,
    type IdentityGraph,
    type NodeKind,
    type Permission,
    type RiskCategory,
    permissionKey,
} from "../../policypack/lib/graph/model";

/** The categories a drawing paints red: a function holding one of these is worth borrowing from. */
export const RISKY_CATEGORIES: readonly RiskCategory[] = [
    "privilegeEscalation",
    "permissionsManagement",
    "credentialsExposure",
    "dataExfiltration",
];

export interface PictureNode {
    /** `n0`, `n1`, ...: safe in every drawing language, unlike URNs (`::`, `$`, `/`). */
    readonly key: string;
    readonly id: string;
    readonly kind: NodeKind;
    /** The label, one entry per line, unescaped. */
    readonly lines: readonly string[];
    /** A function holding risky permissions, or the public node. */
    readonly risky: boolean;
    /** The full id (URN, ARN) and details, for tooltips. */
    readonly tooltip: string;
}

export interface PictureEdge {
    readonly from: string;
    readonly to: string;
    readonly kind: GraphEdge["kind"];
    readonly lines: readonly string[];
    /** A grant with risky permissions, or a public entry point. */
    readonly risky: boolean;
    readonly tooltip: string;
}

export interface Picture {
    readonly nodes: readonly PictureNode[];
    readonly edges: readonly PictureEdge[];
}

const KIND_ORDER: Readonly<Record<NodeKind, number>> = {
    public: 0,
    function: 1,
    identity: 2,
    resource: 3,
};

/** Longest edge label line; the full text stays in the tooltip. */
const MAX_LINE = 48;

export function pictureOf(graph: IdentityGraph): Picture {
    const profiles = new Map(graph.functions.map((p) => [p.functionId, p]));
    const nodes = [...graph.nodes];
    const known = new Set(nodes.map((n) => n.id));
    // An edge may name a node no part declared (a part's bug, or an id outside the stack): draw it anyway.
    for (const edge of graph.edges) {
        for (const id of [edge.from, edge.to]) {
            if (!known.has(id)) {
                known.add(id);
                nodes.push(placeholderNode(id));
            }
        }
    }
    nodes.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    const keys = new Map(nodes.map((node, index) => [node.id, `n${index}`]));
    const key = (id: string): string => keys.get(id) ?? id;
    return {
        nodes: nodes.map((node) => pictureNode(node, key(node.id), profiles.get(node.id))),
        edges: mergeEdges(graph.edges).map((group) => pictureEdge(group, key)),
    };
}

function placeholderNode(id: string): GraphNode {
    if (id === PUBLIC_NODE_ID) {
        return { id, kind: "public", cloud: null, label: "anyone" };
    }
    return { id, kind: "resource", cloud: null, label: shorten(id, MAX_LINE) };
}

function pictureNode(node: GraphNode, key: string, profile?: FunctionProfile): PictureNode {
    const lines = [node.kind === "public" ? node.label || "anyone" : node.label || node.id];
    let risky = node.kind === "public";
    const details = [node.id, ...(node.type === undefined ? [] : [node.type])];
    if (profile !== undefined) {
        lines.push(...riskLines(profile.permissions));
        risky = RISKY_CATEGORIES.some((c) => profile.risk[c] > 0);
        if (!profile.complete) {
            lines.push("(incomplete: unknown values)");
        }
        if (profile.declared !== undefined) {
            const { declared, granted } = profile.declared;
            details.push(`granted ${granted} of ${declared} declared permissions`);
        }
    }
    return { key, id: node.id, kind: node.kind, lines, risky, tooltip: details.join("\n") };
}

/** `privilege escalation 1`, `data exfiltration 2`: one line per risky category held; none when none. */
export function riskLines(permissions: readonly Permission[]): string[] {
    const counts = new Map<RiskCategory, number>();
    for (const permission of permissions) {
        for (const category of permission.categories) {
            if (RISKY_CATEGORIES.includes(category)) {
                counts.set(category, (counts.get(category) ?? 0) + 1);
            }
        }
    }
    return RISKY_CATEGORIES.filter((c) => counts.has(c)).map(
        (c) => `${RISK_CATEGORY_LABELS[c]} ${counts.get(c)}`,
    );
}

/**
 * Edges of one kind between the same two nodes, in first-seen order. A grant that lets an identity
 * invoke a function is the reason for its `can-invoke` edge, so it is drawn as part of that edge.
 */
function mergeEdges(edges: readonly GraphEdge[]): EdgeGroup[] {
    const pair = (edge: GraphEdge): string => `${edge.from}\u0000${edge.to}`;
    const invokes = new Set(edges.filter((e) => e.kind === "can-invoke").map(pair));
    const groups = new Map<string, EdgeGroup>();
    for (const edge of edges) {
        const kind = edge.kind === "granted" && invokes.has(pair(edge)) ? "can-invoke" : edge.kind;
        const groupKey = `${kind}\u0000${pair(edge)}`;
        const group = groups.get(groupKey);
        if (group === undefined) {
            groups.set(groupKey, { kind, from: edge.from, to: edge.to, edges: [edge] });
        } else {
            group.edges.push(edge);
        }
    }
    return [...groups.values()];
}

interface EdgeGroup {
    readonly kind: GraphEdge["kind"];
    readonly from: string;
    readonly to: string;
    readonly edges: GraphEdge[];
}

function pictureEdge(group: EdgeGroup, key: (id: string) => string): PictureEdge {
    const base = { from: key(group.from), to: key(group.to), kind: group.kind };
    const grants = group.edges.flatMap((e) => (e.kind === "granted" ? [e] : []));
    switch (group.kind) {
        case "runs-as":
            return { ...base, lines: ["runs as"], risky: false, tooltip: "runs as" };
        case "public": {
            const reasons = unique(group.edges.map((e) => (e.kind === "public" ? e.reason : "")));
            return { ...base, lines: ["public"], risky: true, tooltip: reasons.join("\n") };
        }
        case "can-invoke": {
            const invokes = group.edges.flatMap((e) => (e.kind === "can-invoke" ? [e] : []));
            const conditional = invokes.every((e) => e.conditions.length > 0);
            const conditions = unique(invokes.flatMap((e) => e.conditions));
            return {
                ...base,
                lines: conditional ? ["invokes", "(conditional)"] : ["invokes"],
                risky: grants.some(isRiskyGrant),
                tooltip: ["invokes", ...conditions.map((c) => `if ${c}`), ...grants.map(grantText)]
                    .filter((line) => line !== "")
                    .join("\n"),
            };
        }
        case "granted":
            return grantedEdge(base, grants);
    }
}

type GrantedEdge = Extract<GraphEdge, { kind: "granted" }>;

function grantedEdge(
    base: Pick<PictureEdge, "from" | "to" | "kind">,
    grants: readonly GrantedEdge[],
): PictureEdge {
    const levels = unique(grants.map((g) => g.level)).sort((a, b) => levelRank(a) - levelRank(b));
    const levelText = levels
        .map((level) => (level === "other" ? "other" : RISK_CATEGORY_LABELS[level]))
        .join(", ");
    const permissions = grants.flatMap((g) => g.permissions);
    const risky = grants.some(isRiskyGrant);
    const only = grants.length === 1 ? grants[0] : undefined;
    const what =
        only !== undefined
            ? shorten(only.access, MAX_LINE)
            : `${grants.length} grants, ${unique(permissions.map(permissionKey)).length} permissions`;
    const conditional = grants.every((g) => g.conditions.length > 0);
    const lines = [levelText, what, ...(conditional ? ["(conditional)"] : [])];
    const tooltip = grants.map(grantText).join("\n\n");
    return { ...base, lines: lines.filter((line) => line !== ""), risky, tooltip };
}

function isRiskyGrant(grant: GrantedEdge): boolean {
    const level = grant.level;
    return (
        (level !== "other" && RISKY_CATEGORIES.includes(level)) ||
        grant.permissions.some((p) => p.categories.some((c) => RISKY_CATEGORIES.includes(c)))
    );
}

/** A grant as a tooltip shows it: what, under which conditions, made by which resource. */
function grantText(grant: GrantedEdge): string {
    return [
        grant.access,
        ...grant.conditions.map((c) => `if ${c}`),
        ...(grant.via === undefined ? [] : [`via ${grant.via}`]),
    ]
        .filter((line) => line !== "")
        .join("\n");
}

function levelRank(level: RiskCategory | "other"): number {
    return level === "other" ? RISK_CATEGORIES.length : RISK_CATEGORIES.indexOf(level);
}

export function shorten(text: string, max: number): string {
    const oneLine = text.replace(/\s+/g, " ").trim();
    return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

function unique<T>(values: readonly T[]): T[] {
    return [...new Set(values)];
}
