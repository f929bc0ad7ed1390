/** The identity graph of recorded resources (a program run or a stack export), secrets redacted. */
import { buildIdentityGraph } from "../../policypack/lib/graph/build";
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import type { Evaluation, RecordedResource } from "../engine/types";
import { secretRedactor } from "../report/redact";
import { redactGraph } from "./redact";
import { graphResourcesOf } from "./resources";

export function stackIdentityGraph(resources: readonly RecordedResource[]): IdentityGraph {
    const graph = buildIdentityGraph(graphResourcesOf(resources));
    return redactGraph(graph, secretRedactor(resources));
}

/** The identity graph of an evaluation's resources. */
export function evaluationIdentityGraph(evaluation: Evaluation): IdentityGraph {
    return stackIdentityGraph(evaluation.resources);
}
