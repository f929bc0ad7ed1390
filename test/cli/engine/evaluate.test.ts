import { strict as assert } from "assert";
import * as fs from "fs";
import { startAnalyzer, type Analyzer } from "../../../cli/engine/analyzer";
import { UsageError } from "../../../cli/engine/errors";
import { evaluate, evaluateWith } from "../../../cli/engine/evaluate";
import { startInProcessAnalyzer } from "../../../cli/engine/in-process";
import { runProgram } from "../../../cli/engine/program";
import { readStackExport } from "../../../cli/engine/stack-export";
import type { RecordedResource, StackSnapshot } from "../../../cli/engine/types";
import { startWithSdkHandlers } from "./differential";
import { fixture } from "./fixtures";

const ADMIN_URN = "urn:pulumi:prod::billing::aws:iam/rolePolicy:RolePolicy::invoices-admin";
const NARROW_URN = "urn:pulumi:prod::billing::aws:iam/rolePolicy:RolePolicy::invoices-read-bucket";
const ROLE_URN = "urn:pulumi:prod::billing::aws:iam/role:Role::invoices";

function exported(name: string): StackSnapshot {
    return readStackExport(fs.readFileSync(fixture("exports", name), "utf8"), name);
}

/** The admin export with one resource changed. */
function withResource(
    urn: string,
    change: (r: RecordedResource) => RecordedResource,
): StackSnapshot {
    const snapshot = exported("admin-role-policy.json");
    return {
        ...snapshot,
        resources: snapshot.resources.map((r) => (r.urn === urn ? change(r) : r)),
    };
}

/**
 * Every case both ways: the pack in a process of its own over gRPC, and loaded into this process with
 * the SDK's own handlers (../../../cli/engine/in-process.ts), which must behave the same.
 */
const WAYS: readonly [string, (packDir: string) => Promise<Analyzer>][] = [
    ["over the analyzer protocol, with the SDK's own handlers", startWithSdkHandlers],
    ["over the analyzer protocol, served read-once by the pack", startAnalyzer],
    ["in process", startInProcessAnalyzer],
];

for (const [way, start] of WAYS)
    describe(`evaluating ${way}`, function () {
        // One pack serves all tests here: a pack process takes about a second to boot.
        let pack: Analyzer;
        before(async function () {
            pack = await start(fixture("packs", "test"));
        });
        after(function () {
            pack.close();
        });

        it("describes the pack and its policies from GetAnalyzerInfo", function () {
            assert.equal(pack.info.name, "perimeter-test-pack");
            assert.equal(pack.info.version, "1.2.3");
            const noAdmin = pack.info.policies.find((p) => p.name === "test-no-admin-policy");
            assert.equal(noAdmin?.enforcementLevel, "mandatory");
            assert.equal(noAdmin?.severity, "critical");
            assert.deepEqual(noAdmin?.tags, ["NIST-800-53:AC-6", "least-privilege"]);
            assert.deepEqual(Object.keys(noAdmin?.configSchema?.properties ?? {}).sort(), [
                "exemptions",
                "forbiddenActions",
            ]);
        });

        it("reports a violating resource with its policy, URN, level, severity, message and key", async function () {
            const evaluation = await evaluateWith([pack], exported("admin-role-policy.json"));
            assert.deepEqual(evaluation.findings, [
                {
                    policy: "test-no-admin-policy",
                    policyPack: "perimeter-test-pack",
                    severity: "critical",
                    enforcementLevel: "mandatory",
                    urn: ADMIN_URN,
                    resourceType: "aws:iam/rolePolicy:RolePolicy",
                    resourceName: "invoices-admin",
                    message: "role policy 'invoices-admin' allows '*' on '*' [Action::*]",
                    findingKey: "test-no-admin-policy[Action::*]",
                    // The pack gives no remediation steps and no URL: the description stands in.
                    remediation: "Checks that inline role policies allow no forbidden action.",
                    helpUri: null,
                    tags: ["NIST-800-53:AC-6", "least-privilege"],
                },
            ]);
            assert.deepEqual(evaluation.notEvaluated, []);
            assert.equal(evaluation.resources.length, 5);
            assert.deepEqual(evaluation.packs, [pack.info]);
        });

        it("reports nothing for a stack whose resources comply", async function () {
            const compliant = withResource(ADMIN_URN, (r) => ({
                ...r,
                inputs: { ...r.inputs, policy: "{}" },
            }));
            const evaluation = await evaluateWith([pack], compliant);
            assert.deepEqual(evaluation.findings, []);
        });

        it("gives each policy a verdict: what it judged, at which level, with how many findings", async function () {
            const evaluation = await evaluateWith([pack], exported("admin-role-policy.json"), {
                policyConfig: { "test-role-description": "disabled" },
            });
            const verdicts = evaluation.verdicts.map((v) => [
                v.policy,
                v.kind,
                v.enforcementLevel,
                v.judged,
                v.findings,
            ]);
            assert.deepEqual(verdicts, [
                ["test-no-admin-policy", "resource", "mandatory", 5, 1],
                ["test-role-description", "resource", "disabled", 0, 0],
                ["test-stack-role-arns", "stack", "advisory", 1, 0],
            ]);
        });

        it("judges the stack's outputs and names the resource a stack policy points at, or none", async function () {
            const wrongArn = withResource(ROLE_URN, (r) => ({
                ...r,
                outputs: { ...r.outputs, arn: "arn:aws:sts::1:x" },
            }));
            const pointed = (await evaluateWith([pack], wrongArn)).findings.filter(
                (f) => f.policy === "test-stack-role-arns",
            );
            assert.deepEqual(
                pointed.map((f) => [f.urn, f.resourceName, f.message]),
                [[ROLE_URN, "invoices", "role 'invoices' has ARN 'arn:aws:sts::1:x'"]],
            );
            const noRoles = exported("admin-role-policy.json");
            const empty = {
                ...noRoles,
                resources: noRoles.resources.filter((r) => r.type !== "aws:iam/role:Role"),
            };
            const stackLevel = (await evaluateWith([pack], empty)).findings.filter(
                (f) => f.policy === "test-stack-role-arns",
            );
            assert.deepEqual(
                stackLevel.map((f) => [f.urn, f.resourceType, f.message]),
                [[null, null, "the stack has no IAM role"]],
            );
        });

        it("lists policies that read unknown values in a preview as not evaluated, not as failures", async function () {
            const preview = await runProgram({
                dir: fixture("programs", "aws-roles"),
                preview: true,
                // Type-checked by the runProgram tests.
                transpileOnly: true,
            });
            const evaluation = await evaluateWith([pack], preview);
            const narrow = "urn:pulumi:dev::aws-roles::aws:iam/rolePolicy:RolePolicy::read-uploads";
            assert.deepEqual(
                evaluation.notEvaluated.map((n) => [n.policy, n.urn]),
                [
                    ["test-no-admin-policy", narrow],
                    ["test-stack-role-arns", null],
                ],
            );
            assert.match(
                evaluation.notEvaluated[0]?.reason ?? "",
                /^can't run policy 'test-no-admin-policy' .* during preview: string value at \.policy/,
            );
            assert.deepEqual(
                evaluation.findings.map((f) => [f.policy, f.resourceName]),
                [
                    ["test-role-description", "app"],
                    ["test-no-admin-policy", "admin"],
                ],
                "the admin policy's document is known in preview, so it is still judged",
            );
        });

        it("hands a ciphertext secret to the pack as a secret with unknown content", async function () {
            const evaluation = await evaluateWith([pack], exported("ciphertext-secret.json"));
            assert.deepEqual(
                evaluation.notEvaluated.map((n) => [n.policy, n.urn]),
                [
                    [
                        "test-no-admin-policy",
                        "urn:pulumi:prod::billing::aws:iam/rolePolicy:RolePolicy::invoices-secret-policy",
                    ],
                ],
            );
            assert.deepEqual(evaluation.findings, []);
        });

        it("passes a known secret's value to the pack", async function () {
            const secret = withResource(ADMIN_URN, (r) => ({
                ...r,
                inputs: { ...r.inputs, policy: { __secret: true, value: r.inputs.policy ?? null } },
            }));
            const evaluation = await evaluateWith([pack], secret);
            assert.deepEqual(
                evaluation.findings.map((f) => f.urn),
                [ADMIN_URN],
            );
        });

        it("changes enforcement levels and properties through the policy config", async function () {
            const evaluation = await evaluateWith([pack], exported("admin-role-policy.json"), {
                policyConfig: {
                    all: "advisory",
                    "test-no-admin-policy": { forbiddenActions: ["s3:GetObject"] },
                },
            });
            assert.deepEqual(
                evaluation.findings.map((f) => [f.urn, f.enforcementLevel, f.findingKey]),
                [[NARROW_URN, "advisory", "test-no-admin-policy[Action::s3:GetObject]"]],
            );
            const disabled = await evaluateWith([pack], exported("admin-role-policy.json"), {
                policyConfig: { "test-no-admin-policy": "disabled" },
            });
            assert.deepEqual(disabled.findings, []);
        });

        it("records the exemptions the pack reports instead of findings", async function () {
            const evaluation = await evaluateWith([pack], exported("admin-role-policy.json"), {
                policyConfig: {
                    "test-no-admin-policy": {
                        exemptions: [
                            {
                                resource: "invoices-admin",
                                reason: "break-glass role, reviewed in SEC-42",
                            },
                        ],
                    },
                },
            });
            assert.deepEqual(evaluation.findings, []);
            assert.deepEqual(evaluation.exempted, [
                {
                    policy: "test-no-admin-policy",
                    urn: ADMIN_URN,
                    findingKey: "test-no-admin-policy[Action::*]",
                    reason: "break-glass role, reviewed in SEC-42",
                    expires: null,
                },
            ]);
        });

        it("rejects config for an unknown policy or with properties that fail the schema", async function () {
            const snapshot = exported("admin-role-policy.json");
            await assert.rejects(
                evaluateWith([pack], snapshot, { policyConfig: { "test-no-admin": "mandatory" } }),
                (error: Error) =>
                    error instanceof UsageError &&
                    /names 'test-no-admin', which no policy pack defines/.test(error.message),
            );
            await assert.rejects(
                evaluateWith([pack], snapshot, {
                    policyConfig: {
                        "test-no-admin-policy": {
                            exemptions: [{ resource: "x", reason: "short" }],
                        },
                    },
                }),
                /'test-no-admin-policy' does not match its configSchema: 'exemptions\.0\.reason' must NOT have fewer than 10 characters/,
            );
        });

        it("fails with the policy's own error when a policy throws", async function () {
            const broken = withResource(ADMIN_URN, (r) => ({
                ...r,
                inputs: { ...r.inputs, policy: "{not json" },
            }));
            await assert.rejects(evaluateWith([pack], broken), (error: Error) => {
                assert.ok(error instanceof UsageError);
                assert.match(
                    error.message,
                    new RegExp(`failed on ${ADMIN_URN.replace(/[$]/g, "\\$")}: `),
                );
                assert.match(error.message, /policy 'test-no-admin-policy'.*SyntaxError/);
                return true;
            });
        });

        it("reports progress as each call completes, ending at the total", async function () {
            const seen: [number, number][] = [];
            await evaluateWith([pack], exported("admin-role-policy.json"), {
                concurrency: 2,
                onProgress: (done, total) => seen.push([done, total]),
            });
            assert.deepEqual(
                seen,
                [1, 2, 3, 4, 5, 6].map((done) => [done, 6]),
            );
        });
    });

describe("evaluate", function () {
    it("starts each pack, evaluates the stack with all of them and stops them", async function () {
        const evaluation = await evaluate(exported("admin-role-policy.json"), {
            packDirs: [fixture("packs", "test"), fixture("packs", "empty")],
        });
        assert.deepEqual(
            evaluation.packs.map((p) => p.name),
            ["perimeter-test-pack", "empty-pack"],
        );
        assert.deepEqual(
            evaluation.findings.map((f) => f.urn),
            [ADMIN_URN],
        );
    });

    it("rejects a pack directory that does not exist or is not a pack", async function () {
        const snapshot = exported("admin-role-policy.json");
        await assert.rejects(
            evaluate(snapshot, { packDirs: [fixture("packs", "nope")] }),
            /policy pack directory .* does not exist/,
        );
        await assert.rejects(
            evaluate(snapshot, { packDirs: [fixture("exports")] }),
            /is not a policy pack \(no PulumiPolicy\.yaml\)/,
        );
    });

    it("reports a pack that crashes while it boots with the error it printed", async function () {
        await assert.rejects(
            evaluate(exported("admin-role-policy.json"), {
                packDirs: [fixture("packs", "crashes")],
            }),
            (error: Error) => {
                assert.ok(error instanceof UsageError);
                assert.match(
                    error.message,
                    /^policy pack '.*crashes' failed to start: Error: policy table is corrupt: expected 3 columns \(exited with code 32\)$/,
                );
                return true;
            },
        );
    });
});
