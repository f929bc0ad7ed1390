/**
 * The identity graph in Graphviz DOT: left to right, anyone first, functions then identities, targets
 * last; functions are rounded boxes, identities ellipses, targets cylinders. Risky grants, public entry
 * points and functions holding risky permissions are red. SVG output keeps `class` and `tooltip`, so
 * a page can style and explain each element.
 */
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import { pictureOf, type PictureEdge, type PictureNode } from "./picture";
import { EDGE_GREY, INVOKE_BLUE, NODE_STYLES, RISK_RED, RISKY_FUNCTION_STYLE } from "./style";

/** Past this many nodes, layout settings trade polish for time (Graphviz is superlinear). */
const LARGE_GRAPH_NODES = 400;

const SHAPES = {
    public: 'shape=doublecircle, style="filled,bold", penwidth=2',
    function: 'shape=box, style="filled,rounded"',
    identity: 'shape=ellipse, style="filled"',
    resource: 'shape=cylinder, style="filled"',
} as const;

export function graphToDot(graph: IdentityGraph): string {
    const picture = pictureOf(graph);
    const large = picture.nodes.length > LARGE_GRAPH_NODES;
    const lines = [
        "digraph identity {",
        `    graph [rankdir=LR, fontname="Helvetica", nodesep=0.25, ranksep=0.9${large ? ", splines=line, nslimit=2, mclimit=0.5" : ""}];`,
        '    node [fontname="Helvetica", fontsize=11, margin="0.15,0.06"];',
        `    edge [fontname="Helvetica", fontsize=9, color="${EDGE_GREY}", fontcolor="#37474f", arrowsize=0.7];`,
    ];
    for (const node of picture.nodes) {
        lines.push(`    ${node.key} [${nodeAttributes(node)}];`);
    }
    const publicKeys = picture.nodes.filter((n) => n.kind === "public").map((n) => n.key);
    if (publicKeys.length > 0) {
        lines.push(`    { rank=source; ${publicKeys.join("; ")}; }`);
    }
    for (const edge of picture.edges) {
        lines.push(`    ${edge.from} -> ${edge.to} [${edgeAttributes(edge)}];`);
    }
    lines.push("}");
    return lines.join("\n") + "\n";
}

function nodeAttributes(node: PictureNode): string {
    const style =
        node.kind === "function" && node.risky ? RISKY_FUNCTION_STYLE : NODE_STYLES[node.kind];
    const attributes = [
        SHAPES[node.kind],
        `label=${dotString(node.lines.join("\n"))}`,
        `fillcolor="${style.fill}"`,
        `color="${style.stroke}"`,
        `tooltip=${dotString(node.tooltip)}`,
        `class="${node.kind}${node.risky ? " risky" : ""}"`,
    ];
    if (node.kind === "function" && node.risky) attributes.push("penwidth=2");
    return attributes.join(", ");
}

function edgeAttributes(edge: PictureEdge): string {
    const attributes = [
        `label=${dotString(edge.lines.join("\n"))}`,
        `tooltip=${dotString(edge.tooltip)}`,
        `class="${edge.kind}${edge.risky ? " risky" : ""}"`,
    ];
    if (edge.risky) {
        attributes.push(`color="${RISK_RED}", fontcolor="${RISK_RED}", penwidth=2`);
    } else if (edge.kind === "can-invoke") {
        attributes.push(`color="${INVOKE_BLUE}", fontcolor="${INVOKE_BLUE}", penwidth=1.5`);
    }
    if (edge.kind === "public") attributes.push('style="bold"');
    return attributes.join(", ");
}

/**
 * A DOT double-quoted string. Backslashes are doubled first, so a `\N` or `\l` in a URN is text and not
 * a Graphviz escape; quotes are escaped; line breaks become `\n` (centred lines); other control
 * characters are dropped.
 */
export function dotString(text: string): string {
    const escaped = text
        .replace(/\\/g, "\\\\")
        .replace(/"/g, '\\"')
        .replace(/\r\n?|\n/g, "\\n")
        .replace(/[\u0000-\u001f\u007f]/g, "");
    return `"${escaped}"`;
}
