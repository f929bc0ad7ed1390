import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { parseCommandLine } from "../../cli/commands/args";
import { readPolicyConfigFile, reconcilePolicyConfig } from "../../cli/engine/policy-config";
import type { PolicyConfigFile, PolicyPackDescriptor } from "../../cli/engine/types";
import { readExemptions } from "../../policypack/lib/exemptions";
import { policies } from "../../policypack/policies";
import { repositoryRoot } from "../../scripts/repository";
import { brokenLinks } from "./links";

const root = repositoryRoot();
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const packManifest = JSON.parse(
    fs.readFileSync(path.join(root, "policypack", "package.json"), "utf8"),
) as { name: string; version: string };

/** The README section "Use the pack in CI", up to the next second-level heading. */
function ciSection(): string {
    const start = readme.indexOf("\n## Use the pack in CI\n");
    assert.ok(start >= 0, "README has no section 'Use the pack in CI'");
    const end = readme.indexOf("\n## ", start + 1);
    return readme.slice(start, end < 0 ? undefined : end);
}

function codeBlocks(text: string, language: string): string[] {
    const fence = new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g");
    return [...text.matchAll(fence)].map((m) => m[1] ?? "");
}

/** The pack as the CLI sees it over GetAnalyzerInfo, built from the same policy objects. */
function packDescriptor(): PolicyPackDescriptor {
    return {
        name: packManifest.name,
        version: packManifest.version,
        policies: policies.map((p) => ({
            name: p.name,
            displayName: p.name,
            description: p.description,
            enforcementLevel: p.enforcementLevel ?? "advisory",
            severity: p.severity ?? "unspecified",
            tags: p.tags ?? [],
            remediationSteps: p.remediationSteps ?? "",
            kind: "validateStack" in p ? "stack" : "resource",
            configSchema: p.configSchema,
        })),
    };
}

/** Every `perimeter ...` command line in the section (shell blocks and workflow steps). */
function perimeterCommands(text: string): string[][] {
    return [...text.matchAll(/(?:npx )?perimeter (audit|preview)\b[^\n`]*/g)].map((m) =>
        m[0].replace(/^npx /, "").trim().split(/\s+/).slice(1),
    );
}

describe("README: Use the pack in CI", () => {
    it("its policy config example is valid for the pack: all, levels, properties, exemptions", () => {
        const [json] = codeBlocks(ciSection(), "json");
        assert.ok(json !== undefined, "no JSON config example");
        const file = JSON.parse(json) as PolicyConfigFile;
        const pack = packDescriptor();
        const overrides = readPolicyConfigFile(file, [pack]);
        const effective = reconcilePolicyConfig(pack, {}, overrides);

        assert.equal(typeof file["all"], "string");
        const entries = Object.entries(file).filter(([name]) => name !== "all");
        assert.ok(
            entries.some(([, v]) => typeof v === "string"),
            "a per-policy level",
        );
        const objects = entries.flatMap(([name, v]) => (typeof v === "object" ? [[name, v]] : []));
        assert.ok(objects.some(([, v]) => "enforcementLevel" in (v as object)));
        assert.ok(
            objects.some(([, v]) =>
                Object.keys(v as object).some(
                    (k) => k !== "enforcementLevel" && k !== "exemptions",
                ),
            ),
        );
        const withExemptions = objects.filter(([, v]) => "exemptions" in (v as object));
        assert.ok(withExemptions.length > 0, "an exemption example");
        for (const [name] of withExemptions) {
            const read = readExemptions(effective[name as string]?.properties["exemptions"]);
            assert.deepEqual(read.problems, []);
            assert.ok(read.exemptions.length > 0);
        }
    });

    it("uses only flags that `perimeter` accepts", () => {
        const commands = perimeterCommands(codeBlocks(ciSection(), "(?:sh|yaml)").join("\n"));
        assert.ok(commands.length >= 2);
        for (const args of commands) {
            assert.doesNotThrow(() => parseCommandLine(args), `perimeter ${args.join(" ")}`);
        }
    });

    it("shows pulumi preview with the pack and its config, and publishing to Pulumi Cloud", () => {
        const shell = codeBlocks(ciSection(), "sh").join("\n");
        assert.match(
            shell,
            /pulumi preview .*--policy-pack node_modules\/perimeter\/policypack --policy-pack-config \S+/,
        );
        assert.match(shell, /pulumi policy publish/);
        const enable = /pulumi policy enable (\S+)\/(\S+) \S+ --policy-group \S+ --config \S+/.exec(
            shell,
        );
        assert.equal(enable?.[2], packManifest.name);
        const validate = /pulumi policy validate-config \S+\/(\S+) (\S+) --config/.exec(shell);
        assert.deepEqual([validate?.[1], validate?.[2]], [packManifest.name, packManifest.version]);
    });

    it("has a GitHub Actions workflow that uploads the audit's SARIF to code scanning", () => {
        const [text] = codeBlocks(ciSection(), "yaml");
        assert.ok(text !== undefined, "no workflow");
        const workflow = yaml.load(text) as {
            permissions: Record<string, string>;
            jobs: Record<
                string,
                { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }
            >;
        };
        assert.equal(workflow.permissions["security-events"], "write");
        const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
        for (const step of steps.filter((s) => s.uses !== undefined)) {
            assert.match(
                step.uses ?? "",
                /^[\w-]+\/[\w/-]+@v\d+$/,
                "actions pinned by major version",
            );
        }
        const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
        const audit = steps.find((s) => s.run?.includes("perimeter audit"));
        assert.ok(upload && audit);
        const [args] = perimeterCommands(audit.run ?? "");
        const parsed = parseCommandLine(args ?? []);
        assert.ok(parsed.command === "audit");
        assert.equal(parsed.format, "sarif");
        assert.equal(upload.with?.["sarif_file"], parsed.output);
    });

    it("links the generated references, and every relative link resolves", () => {
        for (const doc of ["docs/rules.md", "docs/grants.md", "docs/compliance.md"]) {
            assert.ok(readme.includes(`](${doc})`), `README links ${doc}`);
        }
        assert.deepEqual(brokenLinks(path.join(root, "README.md"), readme), []);
        assert.deepEqual(brokenLinks(path.join(root, "docs", "policy-pack.md")), []);
    });
});
