import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { AWS_ACCESS_TABLE } from "../../components/aws/grants";
import { AZURE_ACCESS_TABLE } from "../../components/azure/grants";
import { GCP_ACCESS_TABLE } from "../../components/gcp/grants";
import { policies } from "../../policypack/policies";
import { COMPLIANCE_CONTROLS } from "../../policypack/lib/compliance";
import { type GeneratedDoc, GENERATED_DOCS, generateDocs } from "../../scripts/generate-docs";
import { repositoryRoot } from "../../scripts/repository";
import { brokenLinks, headingAnchors } from "./links";

const root = repositoryRoot();

function section(text: string, heading: string): string {
    const start = text.indexOf(`\n${heading}\n`);
    assert.ok(start >= 0, `no heading ${heading}`);
    const next = text.indexOf("\n### ", start + heading.length + 2);
    const nextCloud = text.indexOf("\n## ", start + heading.length + 2);
    const ends = [next, nextCloud].filter((i) => i >= 0);
    return text.slice(start, ends.length > 0 ? Math.min(...ends) : undefined);
}

describe("docs generated from code", function () {
    this.timeout(60_000);
    let docs: Map<GeneratedDoc, string>;

    before(async () => {
        docs = await generateDocs(root);
    });

    const doc = (name: GeneratedDoc): string => {
        const text = docs.get(name);
        assert.ok(text !== undefined, `${name} was not generated`);
        return text;
    };

    for (const name of GENERATED_DOCS) {
        it(`${name} is current`, () => {
            const file = path.join(root, name);
            const onDisk = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
            if (onDisk !== doc(name)) {
                assert.fail(`${name} is stale: run npm run docs`);
            }
        });

        it(`${name} has no broken links`, () => {
            assert.deepEqual(brokenLinks(path.join(root, name), doc(name)), []);
        });
    }

    it("documents every policy of the pack with its levels, config and remediation", () => {
        const rules = doc("docs/rules.md");
        const anchors = headingAnchors(rules);
        assert.ok(policies.length > 0);
        for (const policy of policies) {
            assert.ok(anchors.has(policy.name), `rules.md has no section for ${policy.name}`);
            const text = section(rules, `### ${policy.name}`);
            assert.match(text, new RegExp(`Severity: ${policy.severity}\\n`));
            assert.match(
                text,
                new RegExp(`Default enforcement level: ${policy.enforcementLevel}\\n`),
            );
            assert.match(text, "validateStack" in policy ? /stack policy/ : /resource policy on/);
            for (const property of Object.keys(policy.configSchema?.properties ?? {})) {
                if (property !== "exemptions") {
                    assert.ok(text.includes(`| \`${property}\``), `${policy.name}.${property}`);
                }
            }
            assert.ok(text.includes("Remediation: "));
        }
        // The common property is described once, not as a row of each policy's table.
        assert.doesNotMatch(rules, /^\| `exemptions`/m);
        assert.match(rules, /^Every policy also accepts `exemptions`/m);
    });

    it("lists every access level of the three clouds with its actions or roles", () => {
        const grants = doc("docs/grants.md");
        const aws = grants.slice(grants.indexOf("\n## AWS\n"), grants.indexOf("\n## Azure\n"));
        for (const entry of AWS_ACCESS_TABLE) {
            const text = section(aws, `### \`${entry.access}\``);
            for (const action of entry.statements.flatMap((s) => s.actions)) {
                assert.ok(text.includes(`\`${action}\``), `${entry.access}: ${action}`);
            }
        }
        const azure = grants.slice(grants.indexOf("\n## Azure\n"), grants.indexOf("\n## Google"));
        for (const entry of AZURE_ACCESS_TABLE) {
            const text = section(azure, `### \`${entry.access}\``);
            if (entry.role) {
                assert.ok(text.includes(entry.role.name) && text.includes(entry.role.guid));
            }
            if (entry.customRole) {
                // A custom role is shown with exactly the data actions it holds.
                assert.ok(text.includes(entry.customRole.name), entry.access);
                for (const action of entry.customRole.dataActions) {
                    assert.ok(text.includes(`\`${action}\``), `${entry.access}: ${action}`);
                }
            }
        }
        const gcp = grants.slice(grants.indexOf("\n## Google Cloud\n"));
        for (const entry of GCP_ACCESS_TABLE) {
            const text = section(gcp, `### \`${entry.access}\``);
            assert.ok(text.includes(`\`${entry.role}\``));
            for (const permission of entry.permissions) {
                assert.ok(text.includes(`\`${permission}\``), `${entry.access}: ${permission}`);
            }
        }
    });

    it("lists the policies of every compliance control", () => {
        const compliance = doc("docs/compliance.md");
        for (const control of COMPLIANCE_CONTROLS) {
            const tagged = policies.filter((p) => p.tags?.includes(control));
            const text = compliance.slice(compliance.indexOf(`Tag \`${control}\`.`));
            const table = text.slice(
                0,
                text.indexOf("\n### ") >= 0 ? text.indexOf("\n### ") : undefined,
            );
            for (const policy of tagged) {
                assert.ok(
                    table.includes(`[${policy.name}](rules.md#${policy.name})`),
                    `${control}: ${policy.name}`,
                );
            }
        }
    });
});
