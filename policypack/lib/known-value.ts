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

type Props = Readonly<Record<string, unknown>>;

/** The value a read returns, or undefined when it is unknown in preview. */
export function knownValue<T>(read: () => T): T | undefined {
    const value = readKnown(read);
    return value.known ? value.value : undefined;
}

/** `resource.props[property]` as {@link knownText} reads it. */
export function propertyText(
    resource: { readonly props: Props },
    property: string,
): string | undefined {
    return knownText(() => resource.props[property]);
}

/** A string property: unknown in preview; else the string, or undefined when absent or not a string. */
export function knownString(props: Props, key: string): Known<string | undefined> {
    const value = readKnown(() => props[key]);
    if (!value.known) {
        return value;
    }
    return { known: true, value: typeof value.value === "string" ? value.value : undefined };
}

/** Whether a string property is set: true when unknown in preview (it will be), or known and non-empty. */
export function isSetOrUnknown(props: Props, key: string): boolean {
    const value = knownString(props, key);
    return !value.known || (value.value !== undefined && value.value !== "");
}

/**
 * A string-or-list property as a list whose items may each be unknown; unknown when the list itself
 * is. Non-string items are dropped: they name nothing.
 */
export function knownStrings(props: Props, key: string): Known<readonly Known<string>[]> {
    const value = readKnown(() => props[key]);
    if (!value.known) {
        return value;
    }
    if (typeof value.value === "string") {
        return { known: true, value: [value] as Known<string>[] };
    }
    if (!Array.isArray(value.value)) {
        return { known: true, value: [] };
    }
    const list = value.value as readonly unknown[];
    const items: Known<string>[] = [];
    for (let i = 0; i < list.length; i += 1) {
        const item = readKnown(() => list[i]);
        if (!item.known) {
            items.push(item);
        } else if (typeof item.value === "string") {
            items.push({ known: true, value: item.value });
        }
    }
    return { known: true, value: items };
}
