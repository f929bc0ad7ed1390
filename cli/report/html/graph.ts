import type { IdentityGraph } from "../../../policypack/lib/graph/model";
import { evaluationIdentityGraph } from "../../graph/stack-graph";
import type { ReportInput } from "../input";

/** The identity graph of one evaluation as the html report shows it: the model, and its drawing. */
export interface ReportGraph {
    readonly graph: IdentityGraph;
    /** Graphviz SVG; null when the graph was not drawn (empty, too large, or rendered without drawing). */
    readonly svg: string | null;
    /** Why there is no drawing, for the page to say. */
    readonly notDrawn?: string;
}

/**
 * Beyond this many nodes the page would carry a drawing of tens of megabytes that nobody can read in
 * a browser; the report keeps the function cards and points at `perimeter graph`, which draws any size
 * (force-directed beyond ../../graph/svg.ts DOT_LAYOUT_MAX_NODES).
 */
export const MAX_DRAWN_NODES = 1500;

/**
 * The graphs of every evaluation, drawn. This is the asynchronous part of the html report (Graphviz
 * runs as WebAssembly), done before the synchronous rendering.
 */
export async function drawReportGraphs(input: ReportInput): Promise<ReportGraph[]> {
    // Graphviz (a few MB of WebAssembly) loads only when a graph is drawn, not for every report.
    const { graphToSvg } = await import("../../graph/svg");
    const graphs: ReportGraph[] = [];
    for (const evaluation of input.evaluations) {
        const graph = evaluationIdentityGraph(evaluation);
        if (graph.nodes.length > MAX_DRAWN_NODES) {
            const notDrawn = `The graph has ${graph.nodes.length} nodes, too many to draw in this page (at most ${MAX_DRAWN_NODES}); \`perimeter graph --format svg\` draws it alone with a force-directed layout (about 30 s for 5,000 functions), and \`--format json\` gives it as data.`;
            graphs.push({ graph, svg: null, notDrawn });
        } else {
            graphs.push({ graph, svg: graph.nodes.length === 0 ? null : await graphToSvg(graph) });
        }
    }
    return graphs;
}
