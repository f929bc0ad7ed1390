/**
 * The identity graph as a Mermaid flowchart that GitHub renders in pull requests and issues: left to
 * right, functions as rounded boxes, identities as stadiums, targets as cylinders, anyone as a circle;
 * risky grants and public entry points in red. Node ids are `n0`, `n1`, ... (URNs hold `::`, `$` and
 * `/`, which Mermaid ids cannot), and every label is a quoted string with Mermaid's entity codes.
 */
import type { IdentityGraph, NodeKind } from "../../policypack/lib/graph/model";
import { pictureOf, type PictureNode } from "./picture";
import { INVOKE_BLUE, NODE_STYLES, RISK_RED } from "./style";

const SHAPES: Readonly<Record<NodeKind, readonly [string, string]>> = {
    public: ["((", "))"],
    function: ["(", ")"],
    identity: ["([", "])"],
    resource: ["[(", ")]"],
};

export function graphToMermaid(graph: IdentityGraph): string {
    const picture = pictureOf(graph);
    const lines = ["flowchart LR"];
    for (const node of picture.nodes) {
        const [open, close] = SHAPES[node.kind];
        lines.push(`    ${node.key}${open}"${mermaidText(node.lines)}"${close}`);
    }
    const risky: number[] = [];
    const invokes: number[] = [];
    picture.edges.forEach((edge, index) => {
        const arrow = edge.kind === "public" || edge.kind === "can-invoke" ? "==>" : "-->";
        lines.push(`    ${edge.from} ${arrow}|"${mermaidText(edge.lines)}"| ${edge.to}`);
        if (edge.risky) risky.push(index);
        else if (edge.kind === "can-invoke") invokes.push(index);
    });
    lines.push(...classes(picture.nodes));
    if (risky.length > 0) {
        lines.push(
            `    linkStyle ${risky.join(",")} stroke:${RISK_RED},stroke-width:2px,color:${RISK_RED}`,
        );
    }
    if (invokes.length > 0) {
        lines.push(`    linkStyle ${invokes.join(",")} stroke:${INVOKE_BLUE},color:${INVOKE_BLUE}`);
    }
    return lines.join("\n") + "\n";
}

function classes(nodes: readonly PictureNode[]): string[] {
    const lines: string[] = [];
    const kinds: NodeKind[] = ["public", "function", "identity", "resource"];
    for (const kind of kinds) {
        const { fill, stroke } = NODE_STYLES[kind];
        lines.push(`    classDef ${kind}Node fill:${fill},stroke:${stroke},color:#212121`);
    }
    lines.push(`    classDef riskyNode stroke:${RISK_RED},stroke-width:2px`);
    for (const kind of kinds) {
        const keys = nodes.filter((n) => n.kind === kind).map((n) => n.key);
        if (keys.length > 0) lines.push(`    class ${keys.join(",")} ${kind}Node`);
    }
    const risky = nodes.filter((n) => n.risky && n.kind === "function").map((n) => n.key);
    if (risky.length > 0) lines.push(`    class ${risky.join(",")} riskyNode`);
    return lines;
}

/**
 * Text for inside a Mermaid quoted string: `#` first (it starts every entity code), then the
 * characters that would end the string or the edge label, or become HTML; lines join with `<br>`.
 */
export function mermaidText(lines: readonly string[]): string {
    return lines
        .map((line) =>
            line
                .replace(/#/g, "#35;")
                .replace(/&/g, "#amp;")
                .replace(/"/g, "#quot;")
                .replace(/</g, "#lt;")
                .replace(/>/g, "#gt;")
                .replace(/\|/g, "#124;")
                .replace(/`/g, "#96;")
                .replace(/[\u0000-\u001f\u007f]/g, " "),
        )
        .join("<br>");
}
