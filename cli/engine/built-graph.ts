/**
 * The identity graph our pack built while it judged an evaluation's stack (in process: the pack's
 * policypack/lib/graph/request-graph.ts hands it over), so the reports draw that graph instead of
 * building the same stack's graph again. Kept beside the evaluation, not in it: an evaluation is
 * plain data that reports serialize.
 */
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import type { Evaluation } from "./types";

const built = new WeakMap<Evaluation, IdentityGraph>();

export function rememberBuiltGraph(evaluation: Evaluation, graph: IdentityGraph): void {
    built.set(evaluation, graph);
}

/** The graph the pack built for this very evaluation object, if any. */
export function builtGraphOf(evaluation: Evaluation): IdentityGraph | undefined {
    return built.get(evaluation);
}
