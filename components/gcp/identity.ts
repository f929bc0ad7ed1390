/**
 * Naming and checks for the service accounts a GcpFunction runs and builds as. Pure: no provider SDK.
 */
import { stableHash } from "../core";

/** GCP's rule for a service account ID: 6-30 characters, lower-case letter first, no trailing hyphen. */
export const ACCOUNT_ID_PATTERN = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;

const MAX_ACCOUNT_ID = 30;
const HASH_LENGTH = 6;

/**
 * A valid service account ID derived from a component name and a role suffix ("" for the runtime
 * account, "build", "trigger"). A short, clean runtime name is used as it is; anything else is cut
 * to fit and given a stable hash of the full key, so two long names that share a beginning still get
 * different IDs, and the same name always gets the same ID.
 */
export function deriveAccountId(name: string, suffix = ""): string {
    const key = suffix ? `${name}-${suffix}` : name;
    const cleaned = key
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/-+/g, "-")
        .replace(/^[^a-z]+/, "")
        .replace(/-+$/, "");
    // Build and trigger accounts always carry the hash: "api-build" may be another function's name.
    if (suffix === "" && cleaned === key && ACCOUNT_ID_PATTERN.test(cleaned)) {
        return cleaned;
    }
    const hash = stableHash(key, HASH_LENGTH);
    const room = MAX_ACCOUNT_ID - HASH_LENGTH - 1;
    const stem = (cleaned || "fn").slice(0, room).replace(/-+$/, "");
    return `${/^[a-z]/.test(stem) ? stem : `fn-${stem}`}-${hash}`.slice(0, MAX_ACCOUNT_ID);
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
