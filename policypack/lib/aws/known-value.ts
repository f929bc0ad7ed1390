/**
 * Reading one value that may be unknown during preview, without giving up on the whole policy.
 *
 * The SDK wraps every property bag in a proxy (node_modules/@pulumi/policy/proxy.js) that throws
 * `UnknownValueError` when a read reaches a value the engine cannot know yet; the server turns that
 * error into "can't run during preview". That is right for the values a rule judges. A stack policy
 * that links resources (which role does this attachment target?) has a second way to answer, the
 * property dependencies, so for those reads only it catches exactly that error for exactly one read.
 * Everything else (other errors, unknown documents) still reaches the SDK unchanged. The one place
 * that catches the error is ../known-value.ts; this module gives AWS rules a symbol form of it.
 */
import { readKnown as readKnownResult } from "../known-value";

/** Marks a value that is unknown during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

/** The value `read` returns, or {@link UNKNOWN} when the SDK's proxy says it is unknown. */
export function readKnown<T>(read: () => T): T | Unknown {
    const result = readKnownResult(read);
    return result.known ? result.value : UNKNOWN;
}

/** A string property, UNKNOWN in preview, undefined when absent or not a string. */
export function knownString(
    props: Readonly<Record<string, unknown>>,
    key: string,
): string | Unknown | undefined {
    const value = readKnown(() => props[key]);
    return value === UNKNOWN || typeof value === "string" ? value : undefined;
}

/**
 * A string-or-list property as a list whose items may each be unknown; UNKNOWN when the list itself is.
 * Non-string items are dropped: they name nothing.
 */
export function knownStrings(
    props: Readonly<Record<string, unknown>>,
    key: string,
): readonly (string | Unknown)[] | Unknown {
    const value = readKnown(() => props[key]);
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof value === "string") {
        return [value];
    }
    if (!Array.isArray(value)) {
        return [];
    }
    const list = value as readonly unknown[];
    const items: (string | Unknown)[] = [];
    for (let i = 0; i < list.length; i += 1) {
        const item = readKnown(() => list[i]);
        if (item === UNKNOWN || typeof item === "string") {
            items.push(item);
        }
    }
    return items;
}
