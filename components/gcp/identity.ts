/**
 * Naming and checks for the service accounts a GcpFunction runs and builds as, and the ID of the image
 * repository it creates. Pure: no provider SDK.
 */
import { stableHash } from "../core";

/** GCP's rule for a service account ID: 6-30 characters, lower-case letter first, no trailing hyphen. */
export const ACCOUNT_ID_PATTERN = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;

const MAX_ACCOUNT_ID = 30;
const HASH_LENGTH = 6;

/**
 * A valid service account ID derived from a component name, a role suffix ("" for the runtime
 * account, "build", "trigger") and the scope the component lives in (`<project>/<stack>`). Account
 * IDs are unique per Google Cloud project, which several stacks (dev, prod) and Pulumi projects may
 * share, so every ID carries a stable hash of scope, name and role: the same function in two stacks
 * gets two accounts instead of a 409 "already exists" on the second deploy. The readable part is the
 * name (and role), cut to fit GCP's 6-30 characters.
 */
export function deriveAccountId(name: string, suffix = "", scope = ""): string {
    const key = suffix ? `${name}-${suffix}` : name;
    const cleaned = key
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/-+/g, "-")
        .replace(/^[^a-z]+/, "")
        .replace(/-+$/, "");
    const hash = stableHash(`${scope}/${key}/${suffix}`, HASH_LENGTH);
    const room = MAX_ACCOUNT_ID - HASH_LENGTH - 1;
    const stem = (cleaned || "fn").slice(0, room).replace(/-+$/, "");
    return `${/^[a-z]/.test(stem) ? stem : `fn-${stem}`}-${hash}`.slice(0, MAX_ACCOUNT_ID);
}

/**
 * The strictest reading of Artifact Registry's repository IDs: lower-case letters, digits and hyphens,
 * a letter first, a letter or digit last, at most 63 characters.
 */
export const REPOSITORY_ID_PATTERN = /^[a-z][-a-z0-9]{0,61}[a-z0-9]$/;

/**
 * The ID of the repository that holds a function's images: the readable name, then a stable hash of
 * the scope (`<project>/<stack>`) and name, so two stacks sharing a Google Cloud project get two.
 */
export function deriveRepositoryId(name: string, scope: string): string {
    const stem = name
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, "-")
        .replace(/^[^a-z]+/, "");
    return `${(stem || "fn").slice(0, 50)}-${stableHash(`${scope}/${name}`)}`;
}

/**
 * The accounts Google creates per project that functions fall back to: the Compute Engine default
 * (`<number>-compute@developer.gserviceaccount.com`) and the App Engine default
 * (`<project>@appspot.gserviceaccount.com`). Both usually hold roles/editor.
 */
export function isDefaultServiceAccount(email: string): boolean {
    return (
        /^\d+-compute@developer\.gserviceaccount\.com$/i.test(email) ||
        /@appspot\.gserviceaccount\.com$/i.test(email)
    );
}

export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[a-z]+$/i;

/** `projects/<project>/serviceAccounts/<email>`: the form `buildConfig.serviceAccount` takes. */
export function serviceAccountResourceName(project: string, email: string): string {
    return `projects/${project}/serviceAccounts/${email}`;
}
