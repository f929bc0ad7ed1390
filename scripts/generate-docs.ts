/**
 * Writes docs/rules.md, docs/grants.md and docs/compliance.md from the code: the policy list in
 * policypack/policies.ts and the access tables of the components. Deterministic (sorted, no dates) and
 * formatted with the repository's prettier options, so test/docs/generated.test.ts can regenerate
 * them in memory and fail when a checked-in file is stale.
 *
 *   npm run docs        # builds, then runs dist/scripts/generate-docs.js
 */
import * as fs from "fs";
import * as path from "path";
import { policies } from "../policypack/policies";
import { complianceDocument } from "./docs/compliance";
import { grantsDocument } from "./docs/grants";
import { formatMarkdown } from "./docs/markdown";
import { policyInfo } from "./docs/policy-info";
import { rulesDocument } from "./docs/rules";
import { repositoryRoot } from "./repository";

/** Paths relative to the repository root. */
export const GENERATED_DOCS = ["docs/rules.md", "docs/grants.md", "docs/compliance.md"] as const;
export type GeneratedDoc = (typeof GENERATED_DOCS)[number];

/** Every generated document's text, formatted, keyed by its path. */
export async function generateDocs(
    root: string = repositoryRoot(),
): Promise<Map<GeneratedDoc, string>> {
    const infos = policies.map(policyInfo);
    const texts: Record<GeneratedDoc, string> = {
        "docs/rules.md": rulesDocument(infos),
        "docs/grants.md": await grantsDocument(),
        "docs/compliance.md": complianceDocument(infos),
    };
    const result = new Map<GeneratedDoc, string>();
    for (const doc of GENERATED_DOCS) {
        result.set(doc, await formatMarkdown(texts[doc], path.join(root, doc)));
    }
    return result;
}

async function main(): Promise<void> {
    const root = repositoryRoot();
    for (const [doc, text] of await generateDocs(root)) {
        const file = path.join(root, doc);
        const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
        if (before !== text) {
            fs.writeFileSync(file, text);
        }
        process.stdout.write(`${before === text ? "unchanged" : "wrote"} ${doc}\n`);
    }
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(
            `generate-docs: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = 1;
    });
}
