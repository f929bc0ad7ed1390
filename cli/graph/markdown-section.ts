/**
 * The identity graph of an evaluation as a Markdown section: a ```mermaid block, which GitHub renders
 * in pull requests, issues and job summaries.
 */
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import type { Evaluation } from "../engine/types";
import { graphToMermaid } from "./mermaid";
import { pictureOf } from "./picture";
import { evaluationIdentityGraph } from "./stack-graph";

/** GitHub's Mermaid refuses diagrams past 500 edges or 50,000 characters (Mermaid's defaults). */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT = 50_000;

const LEGEND =
    "Functions are rounded boxes, identities stadiums, targets cylinders. Red: who anyone may invoke, " +
    "and grants in a risky category (privilege escalation, permissions management, credentials " +
    "exposure, data exfiltration).";

/** The lines of the section (heading included); none when the stack has no functions. */
export function mermaidGraphSection(evaluation: Evaluation, heading: string): string[] {
    return mermaidSectionOf(evaluationIdentityGraph(evaluation), heading);
}

export function mermaidSectionOf(graph: IdentityGraph, heading: string): string[] {
    if (!graph.nodes.some((node) => node.kind === "function")) return [];
    const lines = [`${heading} Identity graph`, ""];
    const mermaid = graphToMermaid(graph);
    const edges = pictureOf(graph).edges.length;
    if (edges > MERMAID_MAX_EDGES || mermaid.length > MERMAID_MAX_TEXT) {
        lines.push(
            `The graph has ${graph.nodes.length} nodes and ${edges} edges, too large for a Mermaid diagram here; ` +
                "`perimeter graph <stack> --format svg --output graph.svg` draws it.",
            "",
        );
    } else {
        lines.push("```mermaid", mermaid.trimEnd(), "```", "", LEGEND, "");
    }
    return lines;
}
