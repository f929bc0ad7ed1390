/**
 * The Azure starter stack (examples/azure), previewed offline and judged by our own policy pack over
 * the analyzer protocol: clean by default; the unsafe scenario gets the findings it was written for.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { evaluate } from "../../cli/engine/evaluate";
import { exampleRun } from "./runs";
import type { Evaluation, StackSnapshot } from "../../cli/engine/types";
import { repositoryRoot } from "../../scripts/repository";

const ROOT = repositoryRoot();
const PACK = path.join(ROOT, "policypack");

// What the unsafe scenario does wrong, and the rule that should say so.
const UNSAFE_FINDINGS: Readonly<Record<string, string>> = {
    "azure-role-assignment-no-privileged-roles": "ingest-contributor",
    "azure-role-assignment-resource-scope": "ingest-contributor",
    "azure-function-managed-identity": "legacy",
    "azure-function-no-storage-keys": "legacy",
    "azure-function-https-only": "legacy",
    "azure-function-no-basic-auth": "legacy",
    "azure-function-diagnostics": "legacy",
};

async function previewExample(
    config: Record<string, string> = {},
): Promise<{ snapshot: StackSnapshot; evaluation: Evaluation }> {
    // Type-checked by the build (the root tsconfig includes examples/); behaviour counts here.
    const snapshot = await exampleRun(
        "examples/azure",
        config.scenario === "unsafe" ? "unsafe" : "safe",
    );
    const evaluation = await evaluate(snapshot, { packDirs: [PACK], protocol: true });
    // The pack in process (the CLI's default for our own pack) must say exactly the same.
    assert.deepStrictEqual(await evaluate(snapshot, { packDirs: [PACK] }), evaluation);
    return { snapshot, evaluation };
}

describe("examples/azure", () => {
    let safe: { snapshot: StackSnapshot; evaluation: Evaluation };
    before(async () => {
        safe = await previewExample();
    });

    it("creates two functions with their own identities, grants and audit logs", () => {
        const ofType = (type: string): string[] =>
            safe.snapshot.resources.filter((r) => r.type === type).map((r) => r.name);
        assert.deepEqual(ofType("perimeter:index:AzureFunction"), ["ingest", "worker"]);
        assert.deepEqual(ofType("azure-native:managedidentity:UserAssignedIdentity").sort(), [
            "ingest-identity",
            "worker-identity",
        ]);
        assert.deepEqual(
            ofType("azure-native:authorization:RoleAssignment")
                .filter((n) => !n.includes("-host-"))
                .sort(),
            // worker's queue trigger: Message Processor and Queue Data Reader on the queue.
            ["ingest-jobs", "ingest-uploads", "worker-api-token", "worker-jobs", "worker-jobs-2"],
        );
        // ingest's blob trigger puts the queue role on its own host storage; worker needs none.
        const host = ofType("azure-native:authorization:RoleAssignment").filter((n) =>
            n.includes("-host-"),
        );
        assert.deepEqual(host.sort(), [
            "ingest-host-blob",
            "ingest-host-queue",
            "ingest-host-table",
            "worker-host-blob",
            "worker-host-table",
        ]);
        assert.deepEqual(ofType("azure-native:monitor:DiagnosticSetting").sort(), [
            "audit-ingest-app",
            "audit-ingest-jobs-storage",
            "audit-ingest-uploads-storage",
            "audit-worker-api-token-vault",
            "audit-worker-app",
        ]);
    });

    it("passes the Perimeter policy pack with zero findings", () => {
        assert.deepEqual(
            safe.evaluation.findings.map((f) => `${f.policy}: ${f.message}`),
            [],
        );
    });

    it("gets the expected findings in the unsafe scenario", async function () {
        const { evaluation } = await previewExample({ scenario: "unsafe" });
        const declared = new Set(evaluation.verdicts.map((v) => v.policy));
        const expected = Object.keys(UNSAFE_FINDINGS).filter((p) => declared.has(p));
        assert.deepEqual(expected, Object.keys(UNSAFE_FINDINGS), "the pack lacks an Azure rule");
        for (const policy of expected) {
            const found = evaluation.findings.filter((f) => f.policy === policy);
            assert.ok(
                found.some((f) => f.resourceName === UNSAFE_FINDINGS[policy]),
                `${policy} did not report '${UNSAFE_FINDINGS[policy]}'; findings: ${JSON.stringify(found.map((f) => [f.resourceName, f.message]))}`,
            );
        }
        // Nothing the components created is reported, only what the scenario added.
        const fromComponents = evaluation.findings.filter(
            (f) => f.urn?.includes("perimeter:index:") && !f.resourceName?.startsWith("legacy"),
        );
        assert.deepEqual(
            fromComponents.map((f) => `${f.policy}: ${f.message}`),
            [],
        );
    });
});
