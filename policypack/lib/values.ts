/** Plain-value checks every reader of a property bag shares. */

/** An object that is not an array or null: a property bag or a nested block of one. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value as a record, or undefined when it is not one. */
export function recordOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
    return isRecord(value) ? value : undefined;
}

/** The value when it is a non-empty string: a name, an ARN, a time read from a JSON record. */
export function textOf(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}
