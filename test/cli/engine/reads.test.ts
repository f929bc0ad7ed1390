/**
 * Resources a program reads with `.get` (AzureFunction's `existingIdentityId`): the offline preview
 * records them, as the engine does (`external` in an export), and derives their outputs from the ID
 * read, so an identity given by ID holds the same principal its function's role assignments name.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { startAnalyzer, type Analyzer } from "../../../cli/engine/analyzer";
import { evaluateWith } from "../../../cli/engine/evaluate";
import { runProgram } from "../../../cli/engine/program";
import { defaultPolicyPackDir, findInstallRoot } from "../../../cli/install-root";
import { assertFindingsInclude } from "../../examples/findings";

const FIXTURE = path.join(findInstallRoot(), "test/fixtures/programs/azure-existing-identity");
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";

describe("resources read with .get", function () {
    this.timeout(120_000);
    let pack: Analyzer;
    before(async function () {
        pack = await startAnalyzer(defaultPolicyPackDir());
    });
    after(function () {
        pack?.close();
    });

    it("are recorded as external, with outputs derived from the ID read", async function () {
        const snapshot = await runProgram({ dir: FIXTURE, transpileOnly: true });
        const created = snapshot.resources.find(
            (r) => r.type === IDENTITY && r.name === "admin-identity-given" && !r.external,
        );
        const read = snapshot.resources.find(
            (r) => r.type === IDENTITY && r.name === "admin-identity" && r.external === true,
        );
        assert.ok(created && read, "the created identity and the one AzureFunction read");
        assert.equal(read.id, created.id);
        assert.equal(read.outputs.principalId, created.outputs.principalId);
        assert.equal(read.outputs.clientId, created.outputs.clientId);
        assert.match(read.parent ?? "", /AzureFunction::admin$/);
    });

    it("keep a function's grants in the identity graph: a caller reaching it is reported", async function () {
        // Before reads were recorded, 'admin' held nothing in the graph and the chain was missed.
        const evaluation = await evaluateWith(
            [pack],
            await runProgram({ dir: FIXTURE, transpileOnly: true }),
        );
        assertFindingsInclude(evaluation, ["api: stack-call-chain-escalation[Path::api->admin]"]);
        const chain = evaluation.findings.find((f) => f.policy === "stack-call-chain-escalation");
        assert.match(chain?.message ?? "", /getSecret\/action on .*\/secrets\/signing-key/);
    });
});
