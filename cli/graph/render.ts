/** The formats `perimeter graph` writes, and the one place that picks the renderer for each. */
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import { graphToDot } from "./dot";
import { graphToJson } from "./json";
import { graphToMermaid } from "./mermaid";
import { graphToSvg } from "./svg";

export const GRAPH_FORMATS = ["dot", "mermaid", "svg", "json"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function isGraphFormat(value: string): value is GraphFormat {
    return (GRAPH_FORMATS as readonly string[]).includes(value);
}

export async function renderGraph(format: GraphFormat, graph: IdentityGraph): Promise<string> {
    switch (format) {
        case "dot":
            return graphToDot(graph);
        case "mermaid":
            return graphToMermaid(graph);
        case "svg":
            return graphToSvg(graph);
        case "json":
            return graphToJson(graph);
    }
}
