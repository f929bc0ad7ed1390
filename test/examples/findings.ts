/** What the example tests say about an evaluation's findings, in one place. */
import { strict as assert } from "assert";
import type { Evaluation } from "../../cli/engine/types";

/** Every finding, named well enough to act on when the assertion fails. */
export function assertNoFindings(evaluation: Evaluation): void {
    assert.deepEqual(
        evaluation.findings.map(
            (f) => `${f.findingKey} on ${f.resourceName ?? "stack"}: ${f.message}`,
        ),
        [],
    );
}

/** `<resource or stack>: <finding key>` for each finding. */
export function findingKeys(evaluation: Evaluation): string[] {
    return evaluation.findings.map((f) => `${f.resourceName ?? "stack"}: ${f.findingKey}`);
}

/** Each expected `<resource>: <finding key>` is among the findings. */
export function assertFindingsInclude(evaluation: Evaluation, expected: readonly string[]): void {
    const keys = findingKeys(evaluation);
    for (const key of expected) {
        assert.ok(keys.includes(key), `${key} missing from:\n${keys.join("\n")}`);
    }
}

/** Every finding is on one of the named resources. */
export function assertFindingsOnlyOn(evaluation: Evaluation, resources: readonly string[]): void {
    for (const finding of evaluation.findings) {
        assert.ok(
            resources.includes(finding.resourceName ?? ""),
            `${finding.findingKey} on ${finding.resourceName ?? "stack"}: ${finding.message}`,
        );
    }
}
