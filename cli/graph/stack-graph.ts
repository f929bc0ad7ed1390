/** The identity graph of recorded resources (a program run or a stack export), secrets redacted. */
import { buildIdentityGraph } from "../../policypack/lib/graph/build";
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import { builtGraphOf } from "../engine/built-graph";
import type { Evaluation, RecordedResource } from "../engine/types";
import { secretRedactor } from "../report/redact";
import { redactGraph } from "./redact";
import { graphResourcesOf } from "./resources";

export function stackIdentityGraph(resources: readonly RecordedResource[]): IdentityGraph {
    const graph = buildIdentityGraph(graphResourcesOf(resources));
    return redactGraph(graph, secretRedactor(resources));
}

/**
 * The identity graph of an evaluation's resources: the one our pack built while it judged them, when
 * it handed it over (cli/engine/built-graph.ts), else built here.
 */
export function evaluationIdentityGraph(evaluation: Evaluation): IdentityGraph {
    const built = builtGraphOf(evaluation);
    return built === undefined
        ? stackIdentityGraph(evaluation.resources)
        : redactGraph(built, secretRedactor(evaluation.resources));
}
