/**
 * Reading a value that may be unknown during preview, for the few reads that have a fallback.
 *
 * Rules leave unknown values to the SDK's proxy (node_modules/@pulumi/policy/proxy.js): reading one
 * throws `UnknownValueError`, and the server turns that into "can't run during preview". A stack rule
 * that links a grant to a function by its service account email has a better answer than giving up:
 * when `member` is `serviceAccount:${account.email}` and the email is not known yet, the resource's
 * property dependencies still name the account. So this helper catches exactly the SDK's
 * `UnknownValueError` of one read, and lets every other error through.
 */
import { UnknownValueError } from "@pulumi/policy";

export type Known<T> = { readonly known: true; readonly value: T } | { readonly known: false };

export function readKnown<T>(read: () => T): Known<T> {
    try {
        return { known: true, value: read() };
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return { known: false };
        }
        throw error;
    }
}

/** The non-empty string a read returns, or undefined when it is unknown, absent, empty or not a string. */
export function knownText(read: () => unknown): string | undefined {
    const value = readKnown(read);
    return value.known && typeof value.value === "string" && value.value !== ""
        ? value.value
        : undefined;
}
