/**
 * The GCP rules end to end: the compiled pack started as the Pulumi CLI starts it, driven over the
 * analyzer protocol (Configure, Analyze per resource with inputs, AnalyzeStack with outputs and
 * property dependencies) on a hand-written stack export with one compliant function and several
 * violations.
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
    "gcp-functions.json",
);
const SHARED = "shared-fn@shop-prod.iam.gserviceaccount.com";

function snapshot(): StackSnapshot {
    return readStackExport(fs.readFileSync(EXPORT, "utf8"), "gcp-functions.json");
}

describe("the GCP rules over the analyzer protocol", function () {
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

    it("reports each GCP violation of the stack once, on its resource, with its finding key", async function () {
        const evaluation = await evaluateWith([pack], snapshot());
        const gcp = evaluation.findings
            .filter((f) => f.policy.startsWith("gcp-"))
            .map((f) => `${f.findingKey} @ ${f.resourceName ?? "(stack)"}`)
            .sort();
        const shared = (policy: string, resource: string) =>
            `gcp-${policy}[ServiceAccount::${SHARED}] @ ${resource}`;
        const onShared = (key: string) => [`${key} @ resize`, `${key} @ thumbs`];
        assert.deepStrictEqual(gcp, [
            ...onShared("gcp-audit-data-access[Service::cloudfunctions.googleapis.com]"),
            ...onShared("gcp-audit-data-access[Service::iam.googleapis.com]"),
            ...onShared("gcp-audit-data-access[Service::pubsub.googleapis.com]"),
            "gcp-function-dedicated-service-account[ServiceAccount::default] @ api",
            "gcp-function-ingress-internal[Ingress::INGRESS_TRAFFIC_ALL] @ api",
            // Cloud Functions Developer on the project holds run.routes.invoke: the shared account
            // may invoke every internal-only gen2 function, with no VPC path to reach them.
            "gcp-function-internal-callee-reachable[Callee::resize] @ thumbs",
            "gcp-function-internal-callee-reachable[Callee::thumbs] @ resize",
            ...onShared("gcp-function-internal-callee-reachable[Callee::uploads]"),
            "gcp-function-not-public[Member::allUsers] @ api-public",
            shared("function-unique-service-account", "resize"),
            shared("function-unique-service-account", "thumbs"),
            "gcp-iam-no-authoritative-project-policy[Authoritative::binding] @ ops-editors",
            "gcp-iam-no-basic-roles[Role::roles/editor] @ ops-editors",
            "gcp-iam-no-impersonation-roles[Role::roles/iam.serviceAccountUser] @ shared-act-as",
            ...onShared("gcp-iam-no-privilege-escalation[Method::ExfilCloudFunctionCredsAuthCall]"),
            ...onShared("gcp-iam-no-privilege-escalation[Method::ExfilCloudRunServiceAuthCall]"),
            ...onShared("gcp-iam-no-privilege-escalation[Method::UpdateCloudFunction]"),
            "gcp-iam-resource-level-grants[Role::roles/cloudfunctions.developer] @ shared-deploy",
            "gcp-iam-resource-level-grants[Role::roles/pubsub.publisher] @ shared-publish",
            "gcp-no-service-account-keys[Key::ci-key] @ ci-key",
        ]);
        assert.deepStrictEqual(
            evaluation.notEvaluated.filter((n) => n.policy.startsWith("gcp-")),
            [],
        );
        // The compliant function: own account, bucket-level read, audited storage, internal ingress.
        assert.ok(!evaluation.findings.some((f) => f.resourceName === "uploads"));
        const escalation = evaluation.findings.find(
            (f) => f.findingKey === "gcp-iam-no-privilege-escalation[Method::UpdateCloudFunction]",
        );
        assert.strictEqual(escalation?.enforcementLevel, "mandatory");
        assert.match(
            escalation?.message ?? "",
            /whose roles 'roles\/cloudfunctions\.developer', 'roles\/iam\.serviceAccountUser' together complete escalation method 'UpdateCloudFunction' .* from RhinoSecurityLabs\/GCP-IAM-Privilege-Escalation/,
        );
    });

    it("applies an exemption and a config override sent through Configure", async function () {
        const evaluation = await evaluateWith([pack], snapshot(), {
            policyConfig: {
                "gcp-audit-data-access": { auditedOutsideStack: true },
                "gcp-function-ingress-internal": { publicFunctions: ["api"] },
                "gcp-function-not-public": {
                    exemptions: [
                        { resource: "api-public", reason: "Public storefront API (SHOP-5)" },
                    ],
                },
            },
        });
        const policies = new Set(evaluation.findings.map((f) => f.policy));
        assert.ok(!policies.has("gcp-audit-data-access"));
        assert.ok(!policies.has("gcp-function-ingress-internal"));
        assert.ok(!policies.has("gcp-function-not-public"));
        assert.ok(policies.has("gcp-function-dedicated-service-account"));
        assert.deepStrictEqual(
            evaluation.exempted.map((e) => [e.policy, e.findingKey]),
            [["gcp-function-not-public", "gcp-function-not-public[Member::allUsers]"]],
        );
    });
});
