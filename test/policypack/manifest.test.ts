import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policypack/policies";
import { CLOUDS, isComplianceControl, SERVICES } from "../../policypack/lib/compliance";
import { sourcePackDir } from "./paths";
import { AWS_MANIFEST } from "./manifest/aws";
import { AZURE_MANIFEST } from "./manifest/azure";
import { GCP_MANIFEST } from "./manifest/gcp";
import type { ManifestRow } from "./manifest/row";
import { STACK_MANIFEST } from "./manifest/stack";

/** The pack's contract with its users: change a row only on purpose, with a changelog entry. */
const EXPECTED: readonly ManifestRow[] = [
    ...AWS_MANIFEST,
    ...AZURE_MANIFEST,
    ...GCP_MANIFEST,
    ...STACK_MANIFEST,
];

const POLICIES_DIR = path.join(sourcePackDir(), "policies");

function ruleFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return ruleFiles(full);
        }
        return entry.name.endsWith(".ts") ? [full] : [];
    });
}

describe("policy pack manifest", () => {
    it("holds exactly the pinned policies with their enforcement levels and severities", () => {
        assert.deepStrictEqual(
            policies.map((p) => [p.name, p.enforcementLevel, p.severity]),
            EXPECTED,
        );
    });

    for (const policy of policies) {
        describe(policy.name, () => {
            it("is named <cloud>-<resource>-<requirement> in kebab-case", () => {
                assert.match(policy.name, /^(aws|azure|gcp|stack)(-[a-z0-9]+){2,}$/);
            });

            it("describes itself in one sentence starting 'Checks that'", () => {
                assert.match(policy.description, /^Checks that [^\n]+\.$/);
            });

            it("tells how to fix a violation", () => {
                assert.ok((policy.remediationSteps ?? "").length >= 20);
            });

            it("is tagged with its cloud, its services and at least one compliance control", () => {
                const tags = policy.tags ?? [];
                assert.ok(
                    tags.some((t) => (CLOUDS as readonly string[]).includes(t)),
                    "cloud tag",
                );
                assert.ok(tags.some(isComplianceControl), "compliance control tag");
                const vocabulary = new Set<string>([...CLOUDS, ...SERVICES]);
                for (const tag of tags) {
                    assert.ok(
                        vocabulary.has(tag) || isComplianceControl(tag),
                        `unknown tag '${tag}'`,
                    );
                }
                assert.ok(policy.framework?.name && policy.framework.reference, "framework");
            });

            it("gives every config property a description and a default, exemptions included", () => {
                const properties = policy.configSchema?.properties ?? {};
                assert.ok("exemptions" in properties);
                for (const [key, schema] of Object.entries(properties)) {
                    assert.ok(typeof schema === "object", key);
                    assert.ok(schema.description, `${key} has a description`);
                    assert.notStrictEqual(schema.default, undefined, `${key} has a default`);
                }
            });

            it("lives in a file named after it", () => {
                const cloud = policy.name.split("-")[0] ?? "";
                assert.ok(fs.existsSync(path.join(POLICIES_DIR, cloud, `${policy.name}.ts`)));
            });
        });
    }

    it("lists every rule file, so none is left out of the pack", () => {
        // index.ts of each cloud folder is the list itself, not a rule.
        const names = ruleFiles(POLICIES_DIR)
            .map((f) => path.basename(f, ".ts"))
            .filter((name) => name !== "index");
        assert.deepStrictEqual([...new Set(names)].sort(), policies.map((p) => p.name).sort());
    });
});
