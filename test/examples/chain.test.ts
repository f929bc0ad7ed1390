/**
 * examples/chain/<cloud>: the chained-execution scenario on each cloud, previewed offline and judged by
 * perimeter's own pack over the analyzer protocol. The safe variant has zero findings; the unsafe one
 * reports the call path through which a low-privilege function borrows a riskier one's permissions.
 */
import { strict as assert } from "assert";
import { startAnalyzer, type Analyzer } from "../../cli/engine/analyzer";
import { exampleRun } from "./runs";
import { defaultPolicyPackDir } from "../../cli/install-root";
import { assertFindingsInclude, assertNoFindings, findingKeys } from "./findings";
import { evaluateBothWays } from "../cli/engine/differential";

interface ChainExample {
    readonly cloud: "aws" | "azure" | "gcp";
    /** `<resource or stack>: <finding key>` that the unsafe scenario must produce. */
    readonly unsafe: readonly string[];
    /** Text every chain finding's message must contain in the unsafe scenario (the path). */
    readonly path: string;
}

// Each cloud's row: the findings its unsafe scenario must report, and the path the message shows.
// The runs are transpiled only (./runs.ts): the build type-checks every example, the runner's tests
// cover type checking and the consumer test type-checks an example installed as a template.

const EXAMPLES: readonly ChainExample[] = [
    {
        cloud: "aws",
        unsafe: [
            "api: stack-call-chain-escalation[Path::api->admin]",
            "worker: stack-call-chain-escalation[Path::worker->admin]",
            "admin-passrole: aws-iam-passrole-scoped[Resource::*]",
        ],
        path: "api → worker → admin",
    },
    {
        cloud: "azure",
        unsafe: [
            "api: stack-call-chain-escalation[Path::api->admin]",
            "worker: stack-call-chain-escalation[Path::worker->admin]",
            "admin-access-admin: azure-role-assignment-no-privileged-roles[Role::User Access Administrator]",
        ],
        path: "api → worker → admin",
    },
    {
        cloud: "gcp",
        unsafe: [
            "api: stack-call-chain-escalation[Path::api->admin]",
            "worker: stack-call-chain-escalation[Path::worker->admin]",
            "admin-impersonates-deployer: gcp-iam-no-privilege-escalation[Method::GetServiceAccountAccessToken]",
            "admin-impersonates-deployer: gcp-iam-no-impersonation-roles[Role::roles/iam.serviceAccountTokenCreator]",
        ],
        path: "api → worker → admin",
    },
];

describe("examples/chain", function () {
    this.timeout(180_000);
    let pack: Analyzer;
    before(async function () {
        pack = await startAnalyzer(defaultPolicyPackDir());
    });
    after(function () {
        pack?.close();
    });

    for (const example of EXAMPLES) {
        describe(example.cloud, function () {
            it("previews the safe scenario with zero findings", async function () {
                const evaluation = await evaluateBothWays(
                    pack,
                    await exampleRun(`examples/chain/${example.cloud}`),
                );
                assertNoFindings(evaluation);
            });

            it("reports the call path of the unsafe scenario", async function () {
                const unsafe = await exampleRun(`examples/chain/${example.cloud}`, "unsafe");
                const evaluation = await evaluateBothWays(pack, unsafe);
                assertFindingsInclude(evaluation, example.unsafe);
                const keys = findingKeys(evaluation);
                const chains = evaluation.findings.filter(
                    (f) => f.policy === "stack-call-chain-escalation",
                );
                assert.ok(chains.length > 0, `no chain finding among:\n${keys.join("\n")}`);
                assert.ok(
                    chains.some((f) => f.message.includes(example.path)),
                    chains.map((f) => f.message).join("\n"),
                );
            });
        });
    }
});
