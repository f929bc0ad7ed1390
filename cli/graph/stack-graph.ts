/** The identity graph of recorded resources (a program run or a stack export), secrets redacted. */
import { buildIdentityGraph } from "../../policypack/lib/graph/build";
import type { IdentityGraph } from "../../policypack/lib/graph/model";
import type { Evaluation, RecordedResource } from "../engine/types";
import { collectSecrets } from "../report/redact";
import { redactGraph } from "./redact";
import { graphResourcesOf } from "./resources";

export function stackIdentityGraph(
    resources: readonly RecordedResource[],
    preview: boolean,
): IdentityGraph {
    const graph = buildIdentityGraph(graphResourcesOf(resources, preview));
    // collectSecrets reads only the resources of an evaluation.
    const secrets = collectSecrets({
        source: "",
        packs: [],
        resources,
        findings: [],
        notEvaluated: [],
        exempted: [],
        verdicts: [],
    });
    return redactGraph(graph, secrets);
}

/**
 * The identity graph of an evaluation's resources. An evaluation does not say yet whether its snapshot
 * was a preview (the lead may add `preview` to Evaluation, set by evaluateWith from the snapshot); the
 * property bags do not depend on it, so an absent flag reads as false.
 */
export function evaluationIdentityGraph(evaluation: Evaluation): IdentityGraph {
    const preview = "preview" in evaluation && evaluation.preview === true;
    return stackIdentityGraph(evaluation.resources, preview);
}
