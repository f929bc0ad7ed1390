/**
 * Writes policypack/data/gcp-role-risks.json: what the GCP rules need to know about predefined roles,
 * derived from two reference files in ../shared/data (see its README):
 *
 * - gcp-predefined-roles.json (iann0036/iam-dataset, MIT): the permissions of every predefined role;
 * - gcp-privesc-permissions.json (RhinoSecurityLabs/GCP-IAM-Privilege-Escalation, BSD-3-Clause, and
 *   bridgecrewio/checkov, Apache-2.0): the escalation methods and Checkov's impersonation roles.
 *
 * Only risky roles are listed (basic, impersonation, escalation, invoker), so the pack ships a few
 * kilobytes instead of 6.8 MB. Custom roles are judged at run time against the same `methods`.
 *
 * For the identity graph, every predefined role's permissions that are risky on their own
 * (permissions management, credentials exposure, data exfiltration, as
 * policypack/lib/graph/gcp/permissions.ts decides) are kept too: `riskyPermissions` lists each such
 * permission once, sorted, and `riskyPermissionsByRole` names them by index (about half the size of
 * naming them in full).
 *
 * The read and write counts and the declared-access ratio of the graph need a role's whole
 * permission list, so the roles functions are commonly granted ({@link FULLY_LISTED_ROLES}) are
 * kept in full, as `fullPermissionsByRole`.
 *
 * Run after updating ../shared/data:
 *   npx ts-node --transpile-only scripts/generate-gcp-role-risks.ts
 */
import * as fs from "fs";
import * as path from "path";
import { isRiskyAlone } from "../policypack/lib/graph/gcp/permissions";
import { gcpRoleDataset } from "./gcp-predefined-roles";
import { packDataPath, sharedDataDir } from "./repository";

interface SourceRef {
    readonly repo: string;
    readonly path: string;
    readonly commit?: string;
    readonly license: string;
}

interface PrivescItem {
    readonly method?: string;
    readonly source?: string;
    readonly permissions?: readonly string[];
    readonly scopes?: readonly string[];
    readonly reference?: string;
    readonly sameAsRhinoMethod?: string;
    readonly group?: string;
    readonly roles?: readonly string[];
}

interface DataFile<T> {
    readonly source: SourceRef;
    readonly additionalSources?: readonly (SourceRef & { readonly note?: string })[];
    readonly items: readonly T[];
}

export const BASIC_ROLES = ["roles/editor", "roles/owner", "roles/viewer"];

/** Permissions that let a holder act as, or mint credentials of, a service account. */
export const IMPERSONATION_PERMISSIONS = [
    "iam.serviceAccountKeys.create",
    "iam.serviceAccounts.actAs",
    "iam.serviceAccounts.getAccessToken",
    "iam.serviceAccounts.getOpenIdToken",
    "iam.serviceAccounts.implicitDelegation",
    "iam.serviceAccounts.signBlob",
    "iam.serviceAccounts.signJwt",
];

/** Permissions that let a member call a function or Cloud Run service. */
export const INVOKER_PERMISSIONS = ["cloudfunctions.functions.invoke", "run.routes.invoke"];

/**
 * Roles whose every permission the pack keeps: every role of the GcpFunction access table
 * (components/gcp/grants), its baseline, and the invoker and impersonation roles.
 */
export const FULLY_LISTED_ROLES = [
    "roles/cloudfunctions.invoker",
    "roles/cloudkms.cryptoKeyDecrypter",
    "roles/cloudkms.cryptoKeyEncrypter",
    "roles/datastore.user",
    "roles/datastore.viewer",
    "roles/eventarc.eventReceiver",
    "roles/iam.serviceAccountTokenCreator",
    "roles/iam.serviceAccountUser",
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/pubsub.publisher",
    "roles/pubsub.subscriber",
    "roles/run.invoker",
    "roles/run.servicesInvoker",
    "roles/secretmanager.secretAccessor",
    "roles/storage.legacyObjectReader",
    "roles/storage.objectCreator",
    "roles/storage.objectUser",
    "roles/storage.objectViewer",
];

/** The Checkov list that CKV_GCP_44/45/49 use; its group name in gcp-privesc-permissions.json. */
const CHECKOV_GROUP = "impersonation-roles";
const CHECKOV_MARK = "checkov:IMPERSONATION_ROLES";

export { repositoryRoot, sharedDataDir } from "./repository";

export function gcpRoleRisksPath(): string {
    return packDataPath("gcp-role-risks.json");
}

function read<T>(dir: string, file: string): DataFile<T> {
    return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as DataFile<T>;
}

function byCodePoint(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function sorted(values: Iterable<string>): string[] {
    return [...new Set(values)].sort(byCodePoint);
}

/** One JSON value per line for the long maps, so a data update reviews as a readable diff. */
function objectLines(entries: readonly (readonly [string, unknown])[], indent: string): string {
    return entries
        .map(([k, v]) => `${indent}${JSON.stringify(k)}: ${JSON.stringify(v)}`)
        .join(",\n");
}

export function buildGcpRoleRisks(dataDir: string = sharedDataDir()): string {
    const roles = gcpRoleDataset(dataDir);
    const privesc = read<PrivescItem>(dataDir, "gcp-privesc-permissions.json");

    // pathfinding.cloud's one GCP path repeats a Rhino method; keeping one avoids double findings.
    const methods = privesc.items
        .filter((item) => item.method !== undefined && item.sameAsRhinoMethod === undefined)
        .map((item) => ({
            method: item.method ?? "",
            source: item.source ?? privesc.source.repo,
            permissions: sorted(item.permissions ?? []),
            scopes: [...(item.scopes ?? [])],
            ...(item.reference !== undefined ? { reference: item.reference } : {}),
        }))
        .sort((a, b) => byCodePoint(a.method, b.method));
    const checkov = privesc.items.find((item) => item.group === CHECKOV_GROUP)?.roles ?? [];
    if (checkov.length === 0) {
        throw new Error(`gcp-privesc-permissions.json has no '${CHECKOV_GROUP}' group`);
    }

    const impersonation = new Map<string, string[]>();
    for (const role of checkov) {
        impersonation.set(role, [CHECKOV_MARK]);
    }
    // Per role, only the permissions that take part in some method: enough to judge a function's
    // roles together (one role may hold actAs, another functions.update), at a fraction of the size.
    const methodPermissions = new Set(methods.flatMap((m) => m.permissions));
    const escalation = new Map<string, string[]>();
    const invokers: string[] = [];
    const risky = new Map<string, string[]>();
    const unjudged: string[] = [];
    for (const role of roles.items) {
        if (role.permissionsUnavailable === true || role.permissions.length === 0) {
            unjudged.push(role.name);
            continue;
        }
        const held = new Set(role.permissions);
        const reasons = IMPERSONATION_PERMISSIONS.filter((p) => held.has(p));
        if (reasons.length > 0) {
            impersonation.set(role.name, [...(impersonation.get(role.name) ?? []), ...reasons]);
        }
        const relevant = role.permissions.filter((p) => methodPermissions.has(p));
        if (relevant.length > 0) {
            escalation.set(role.name, sorted(relevant));
        }
        if (INVOKER_PERMISSIONS.some((p) => held.has(p))) {
            invokers.push(role.name);
        }
        const riskyAlone = role.permissions.filter(isRiskyAlone);
        if (riskyAlone.length > 0) {
            risky.set(role.name, sorted(riskyAlone));
        }
    }
    const riskyPermissions = sorted([...risky.values()].flat());
    const riskyIndex = new Map(riskyPermissions.map((p, index) => [p, index]));
    const riskyByRole = [...risky.entries()]
        .sort((a, b) => byCodePoint(a[0], b[0]))
        .map(([role, permissions]) => [role, permissions.map((p) => riskyIndex.get(p))] as const);

    const fullyListed = FULLY_LISTED_ROLES.map((name) => {
        const role = roles.items.find((r) => r.name === name);
        if (role === undefined || role.permissionsUnavailable === true) {
            throw new Error(`gcp-predefined-roles.json has no permissions for ${name}`);
        }
        return [name, sorted(role.permissions)] as const;
    }).sort((a, b) => byCodePoint(a[0], b[0]));

    const sources = [
        { ...roles.source, use: "permissions of predefined roles" },
        { ...privesc.source, use: "escalation methods (permission sets and scopes)" },
        ...(privesc.additionalSources ?? [])
            .filter((s) => s.repo === "bridgecrewio/checkov")
            .map((s) => ({ ...s, use: "IMPERSONATION_ROLES (CKV_GCP_44/45/49)" })),
    ];
    const sortedEntries = (map: Map<string, string[]>) =>
        [...map.entries()].sort((a, b) => byCodePoint(a[0], b[0]));
    const header = {
        sources,
        basicRoles: BASIC_ROLES,
        impersonationPermissions: IMPERSONATION_PERMISSIONS,
        invokerPermissions: INVOKER_PERMISSIONS,
        checkovMark: CHECKOV_MARK,
    };
    return [
        "{",
        ...Object.entries(header).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
        '  "methods": [',
        methods.map((m) => `    ${JSON.stringify(m)}`).join(",\n"),
        "  ],",
        '  "impersonationRoles": {',
        objectLines(sortedEntries(impersonation), "    "),
        "  },",
        '  "escalationPermissionsByRole": {',
        objectLines(sortedEntries(escalation), "    "),
        "  },",
        `  "invokerRoles": ${JSON.stringify(sorted(invokers))},`,
        `  "riskyPermissions": ${JSON.stringify(riskyPermissions)},`,
        '  "riskyPermissionsByRole": {',
        objectLines(riskyByRole, "    "),
        "  },",
        '  "fullPermissionsByRole": {',
        objectLines(fullyListed, "    "),
        "  },",
        `  "rolesWithoutPermissions": ${JSON.stringify(sorted(unjudged))}`,
        "}",
        "",
    ].join("\n");
}

if (require.main === module) {
    const target = gcpRoleRisksPath();
    fs.writeFileSync(target, buildGcpRoleRisks());
    console.log(
        `wrote ${path.relative(process.cwd(), target)} (${fs.statSync(target).size} bytes)`,
    );
}
