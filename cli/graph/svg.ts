/**
 * The identity graph as SVG, drawn by Graphviz compiled to WebAssembly (@viz-js/viz): offline, no
 * native binary. The WebAssembly module is instantiated once per process, on first use.
 *
 * Up to DOT_LAYOUT_MAX_NODES nodes the layered `dot` layout draws it left to right (anyone →
 * functions → identities → targets). Beyond, `dot` takes minutes (about 2 minutes for 10,000 nodes on
 * this 2-core machine) and its recursion exhausts the stack, so the force-directed `sfdp` layout,
 * Graphviz's engine for large graphs, draws it instead: 10,000 nodes in about 8 s, 26,000 nodes (5,000
 * functions) in about 30 s (bench/README.md, "Drawing the graph").
 */
import type { Viz } from "@viz-js/viz";
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import { graphToDot } from "./dot";

let viz: Promise<Viz> | undefined;

export const DOT_LAYOUT_MAX_NODES = 1500;

export type SvgLayout = "dot" | "sfdp";

/** The Graphviz layout for a graph of this many nodes. */
export function svgLayoutFor(nodes: number): SvgLayout {
    return nodes <= DOT_LAYOUT_MAX_NODES ? "dot" : "sfdp";
}

export async function graphToSvg(graph: IdentityGraph): Promise<string> {
    viz ??= import("@viz-js/viz").then((module) => module.instance());
    const engine = svgLayoutFor(graph.nodes.length);
    return (await viz).renderString(graphToDot(graph), { format: "svg", engine });
}
