/**
 * The identity graph a stack request built (stack-call-chain-escalation builds it), handed to a host
 * that runs the pack in its own process: `perimeter` draws it in its reports instead of building the
 * graph of the same stack a second time. Kept only when the host asked for it, so a pack process
 * serving the Pulumi CLI holds no graph after a request.
 */
import type { IdentityGraph } from "./model";

let keeping = false;
let kept: IdentityGraph | undefined;

/** Called by the host once, when it loads the pack. */
export function keepRequestGraphs(): void {
    keeping = true;
}

export function recordRequestGraph(graph: IdentityGraph): void {
    if (keeping) kept = graph;
}

/** The graph of the last request, if one was built since the last call; the record starts over. */
export function takeRequestGraph(): IdentityGraph | undefined {
    const graph = kept;
    kept = undefined;
    return graph;
}
