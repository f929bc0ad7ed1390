/**
 * The risk categories of a GCP permission (see CHAIN-SEMANTICS in model.ts's RISK_CATEGORIES):
 * permissions management for `*.setIamPolicy`; credentials exposure for permissions that mint or
 * reveal credentials of a service account or key; data exfiltration for reads of secrets, objects,
 * table data and decryption; read and write by the permission's verb (`get`, `access`, ... read; `list`,
 * `search` and tag bindings carry none; every other verb writes). Privilege escalation depends on the
 * other permissions of the identity and is added by ./escalation.ts.
 */
import type { RiskCategory } from "../model";

/** Permissions through which a member calls a function or Cloud Run service. */
export const INVOKE_PERMISSIONS: readonly string[] = [
    "cloudfunctions.functions.invoke",
    "run.routes.invoke",
];

const CREDENTIALS_EXPOSURE = new Set([
    "apikeys.keys.getKeyString",
    "iam.serviceAccountKeys.create",
    "iam.serviceAccounts.getAccessToken",
    "iam.serviceAccounts.getOpenIdToken",
    "iam.serviceAccounts.implicitDelegation",
    "iam.serviceAccounts.signBlob",
    "iam.serviceAccounts.signJwt",
    "storage.hmacKeys.create",
]);

const DATA_EXFILTRATION = new Set([
    "bigquery.tables.export",
    "bigquery.tables.getData",
    "cloudkms.cryptoKeyVersions.useToDecrypt",
    "cloudkms.cryptoKeyVersions.useToDecryptViaDelegation",
    "cloudsql.instances.export",
    "secretmanager.versions.access",
    "spanner.databases.read",
    "storage.objects.get",
]);

const READ_VERBS = new Set(["access", "download", "export", "fetch", "query", "read"]);
const TAGGING_VERBS = new Set(["createTagBinding", "deleteTagBinding", "setLabels", "updateTag"]);

function verbOf(permission: string): string {
    return permission.slice(permission.lastIndexOf(".") + 1);
}

function levelOf(permission: string): "read" | "write" | undefined {
    const verb = verbOf(permission);
    if (verb.startsWith("list") || verb.startsWith("search") || TAGGING_VERBS.has(verb)) {
        return undefined;
    }
    return verb.startsWith("get") || verb.startsWith("useReadOnly") || READ_VERBS.has(verb)
        ? "read"
        : "write";
}

/** The categories of one permission, without privilege escalation, most dangerous first. */
export function baseCategories(permission: string): RiskCategory[] {
    if (permission.endsWith(".setIamPolicy")) {
        return ["permissionsManagement"];
    }
    const categories: RiskCategory[] = [];
    if (CREDENTIALS_EXPOSURE.has(permission)) {
        categories.push("credentialsExposure");
    }
    if (DATA_EXFILTRATION.has(permission)) {
        categories.push("dataExfiltration");
    }
    const level = levelOf(permission);
    if (level !== undefined) {
        categories.push(level);
    }
    return categories;
}

/** The categories a permission is risky in on its own, whatever else the identity holds. */
const RISKY_ALONE: ReadonlySet<RiskCategory> = new Set([
    "permissionsManagement",
    "credentialsExposure",
    "dataExfiltration",
]);

/**
 * Whether a permission is risky on its own (permissions management, credentials exposure or data
 * exfiltration): the permissions the role data keeps for every predefined role.
 */
export function isRiskyAlone(permission: string): boolean {
    return baseCategories(permission).some((c) => RISKY_ALONE.has(c));
}
