/**
 * A hand-written GCP stack (no Perimeter component) in which one function may invoke an internal-only
 * one: the offline preview reports the caller that cannot reach it, and not once the caller sends all
 * its traffic through a VPC connector.
 */
import * as path from "path";
import { startAnalyzer, type Analyzer } from "../../../cli/engine/analyzer";
import { evaluateWith } from "../../../cli/engine/evaluate";
import { runProgram } from "../../../cli/engine/program";
import { defaultPolicyPackDir, findInstallRoot } from "../../../cli/install-root";
import { assertFindingsInclude, findingKeys } from "../../examples/findings";
import { strict as assert } from "assert";

const FIXTURE = path.join(findInstallRoot(), "test/fixtures/programs/gcp-internal-callee");
const KEY = "api: gcp-function-internal-callee-reachable[Callee::worker]";

describe("a caller that cannot reach an internal-only callee", function () {
    this.timeout(120_000);
    let pack: Analyzer;
    before(async function () {
        pack = await startAnalyzer(defaultPolicyPackDir());
    });
    after(function () {
        pack?.close();
    });

    it("is reported in preview, on the caller", async function () {
        const evaluation = await evaluateWith(
            [pack],
            await runProgram({ dir: FIXTURE, transpileOnly: true }),
        );
        assertFindingsInclude(evaluation, [KEY]);
    });

    it("is not reported once the caller's traffic all goes through the VPC", async function () {
        const evaluation = await evaluateWith(
            [pack],
            await runProgram({ dir: FIXTURE, transpileOnly: true, config: { throughVpc: "true" } }),
        );
        assert.ok(!findingKeys(evaluation).includes(KEY), findingKeys(evaluation).join("\n"));
    });
});
