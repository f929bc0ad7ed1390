/**
 * The AWS starter stack, previewed offline and judged by perimeter's own policy pack over the
 * analyzer protocol and in process, which must agree (needs the built pack: `npm run build`).
 */
import { strict as assert } from "assert";
import { startAnalyzer, type Analyzer } from "../../cli/engine/analyzer";
import { exampleRun } from "./runs";
import { defaultPolicyPackDir } from "../../cli/install-root";
import type { StackSnapshot } from "../../cli/engine/types";
import { assertFindingsInclude, assertFindingsOnlyOn, assertNoFindings } from "./findings";
import { evaluateBothWays } from "../cli/engine/differential";

/**
 * What the unsafe scenario must make the pack say (`<resource>: <finding key>`). An Allow of `*` is
 * the admin rule's to report; the other document rules and the escalation rule leave it to that rule, so it is said once.
 */
const EXPECTED_UNSAFE = [
    "processor-admin: aws-iam-no-admin-access[Action::*]",
    "worker-any-bucket: aws-lambda-permission-source-scoped[Property::sourceArn]",
    "worker-any-bucket: aws-lambda-permission-source-scoped[Property::sourceAccount]",
];

describe("examples/aws", function () {
    this.timeout(120_000);
    // One pack process and one run of the default stack serve every test: each takes seconds.
    let pack: Analyzer;
    let safe: StackSnapshot;
    before(async function () {
        [pack, safe] = await Promise.all([
            startAnalyzer(defaultPolicyPackDir()),
            // The build type-checks the example (the root tsconfig includes examples/), and the
            // consumer test type-checks it as an installed template; here its behaviour counts.
            exampleRun("examples/aws"),
        ]);
    });
    after(function () {
        pack.close();
    });

    it("builds the pipeline: two functions with their own roles, their callers and an audit trail", function () {
        const names = (type: string) =>
            safe.resources
                .filter((r) => r.type === type)
                .map((r) => r.name)
                .sort();
        assert.deepEqual(names("perimeter:index:AwsFunction"), ["processor", "worker"]);
        assert.deepEqual(names("aws:iam/role:Role"), ["processor", "worker"]);
        assert.deepEqual(names("aws:lambda/permission:Permission"), ["processor-uploads"]);
        assert.deepEqual(names("aws:cloudtrail/trail:Trail"), ["audit"]);
        assert.deepEqual(names("aws:lambda/eventSourceMapping:EventSourceMapping"), ["jobs"]);
    });

    it("passes every policy of the pack with zero findings", async function () {
        const evaluation = await evaluateBothWays(pack, safe);
        assertNoFindings(evaluation);
        assert.ok(evaluation.verdicts.length > 1);
    });

    it("reports the deliberate mistakes of the unsafe scenario, and only those", async function () {
        const unsafe = await exampleRun("examples/aws", "unsafe");
        const evaluation = await evaluateBothWays(pack, unsafe);
        assertFindingsInclude(evaluation, EXPECTED_UNSAFE);
        // Everything reported traces back to the admin policy on the processor's role or the unscoped caller.
        assertFindingsOnlyOn(evaluation, ["processor-admin", "worker-any-bucket", "processor"]);
    });
});
