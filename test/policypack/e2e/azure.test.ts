/**
 * The Azure rules end to end: the compiled pack started as the Pulumi CLI starts it, driven over the
 * analyzer protocol (Configure, Analyze per resource with inputs, AnalyzeStack with outputs) on a
 * hand-written stack export with one compliant function app and several violations.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startAnalyzer, type Analyzer } from "../../../cli/engine/analyzer";
import { evaluateWith } from "../../../cli/engine/evaluate";
import { readStackExport } from "../../../cli/engine/stack-export";
import type { StackSnapshot } from "../../../cli/engine/types";
import { sourcePackDir } from "../paths";

const PACK_DIR = sourcePackDir();
const EXPORT = path.join(
    path.dirname(PACK_DIR),
    "test",
    "fixtures",
    "exports",
    "azure-functions.json",
);
const SUBSCRIPTION = "/subscriptions/6f1c2a4e-0b7d-4d8e-9a51-3c2e7f0d9b11";

function snapshot(): StackSnapshot {
    return readStackExport(fs.readFileSync(EXPORT, "utf8"), "azure-functions.json");
}

describe("the Azure rules over the analyzer protocol", function () {
    this.timeout(120_000);
    let pack: Analyzer;
    before(async function () {
        const tsc = require.resolve("typescript/bin/tsc");
        execFileSync(process.execPath, [tsc, "-p", path.join(PACK_DIR, "tsconfig.json")], {
            stdio: "pipe",
        });
        pack = await startAnalyzer(PACK_DIR);
    });
    after(function () {
        pack.close();
    });

    it("reports each Azure violation of the stack once, on its resource, with its finding key", async function () {
        const evaluation = await evaluateWith([pack], snapshot());
        const azure = evaluation.findings
            .filter((f) => f.policy.startsWith("azure-"))
            .map((f) => `${f.findingKey} @ ${f.resourceName ?? "(stack)"}`)
            .sort();
        assert.deepStrictEqual(azure, [
            "azure-custom-role-no-wildcards[Action::*] @ ops-admin",
            "azure-function-dedicated-identity[Identity::shared-id] @ shared-id",
            "azure-function-diagnostics[Category::FunctionAppLogs] @ billing",
            "azure-function-https-only[Setting::httpsOnly] @ billing",
            "azure-function-managed-identity[Identity::none] @ legacy",
            "azure-function-no-basic-auth[Channel::ftp] @ billing",
            "azure-function-no-basic-auth[Channel::scm] @ billing",
            "azure-function-no-storage-keys[Setting::AzureWebJobsStorage] @ billing",
            "azure-keyvault-rbac[Setting::enableRbacAuthorization] @ shop-secrets",
            "azure-role-assignment-no-privileged-roles[Role::Owner] @ reports-owner",
            `azure-role-assignment-resource-scope[Scope::${SUBSCRIPTION}] @ reports-owner`,
        ]);
        assert.deepStrictEqual(
            evaluation.notEvaluated.filter((n) => n.policy.startsWith("azure-")),
            [],
        );
        const keys = evaluation.findings.find((f) => f.policy === "azure-function-no-storage-keys");
        assert.strictEqual(keys?.enforcementLevel, "mandatory");
        assert.ok(!keys.message.includes("bm90LWEtcmVhbC1rZXk"), keys.message);
        const owner = evaluation.findings.find(
            (f) => f.policy === "azure-role-assignment-no-privileged-roles",
        );
        assert.match(
            owner?.message ?? "",
            /the privileged role 'Owner' \(8e3af657-a8ff-443c-a75c-2fe8c4bcb635\): it allows/,
        );
    });

    it("applies an exemption and a config override sent through Configure", async function () {
        const evaluation = await evaluateWith([pack], snapshot(), {
            policyConfig: {
                "azure-function-no-basic-auth": "disabled",
                "azure-role-assignment-no-privileged-roles": {
                    exemptions: [
                        {
                            resource: "reports-owner",
                            reason: "Bootstrap function, removed after go-live (SEC-31)",
                        },
                    ],
                },
            },
        });
        const policies = new Set(evaluation.findings.map((f) => f.policy));
        assert.ok(!policies.has("azure-function-no-basic-auth"));
        assert.ok(!policies.has("azure-role-assignment-no-privileged-roles"));
        assert.ok(policies.has("azure-role-assignment-resource-scope"));
        assert.deepStrictEqual(
            evaluation.exempted.map((e) => [e.policy, e.reason]),
            [
                [
                    "azure-role-assignment-no-privileged-roles",
                    "Bootstrap function, removed after go-live (SEC-31)",
                ],
            ],
        );
    });
});
