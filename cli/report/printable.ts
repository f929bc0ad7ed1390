/**
 * Names, URNs and messages come from the stack, so a hostile or damaged export can carry control
 * characters (an escape sequence that rewrites the terminal, a carriage return that hides a line, bytes
 * XML 1.0 forbids). Reports people read (text, Markdown, HTML) and JUnit show each such character as a
 * visible `\uXXXX` instead; JSON and SARIF escape them by their own rules and keep the values as they
 * are. Tabs and newlines stay.
 */
import type { ReportFormat, ReportInput } from "./input";

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
    return text.replace(
        CONTROL,
        (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
    );
}

/**
 * Every string of a plain-data value (keys too) made printable; other values unchanged. A value with
 * nothing to show differently is returned itself, so what is known about it (the identity graph the
 * pack built for an evaluation, ../graph/stack-graph.ts) still applies.
 */
function printableDeep(value: unknown): unknown {
    if (typeof value === "string") {
        return printable(value);
    }
    if (Array.isArray(value)) {
        const items = value.map(printableDeep);
        return items.some((item, index) => item !== value[index]) ? items : value;
    }
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value);
        const shown = entries.map(([key, item]) => [printable(key), printableDeep(item)] as const);
        const changed = shown.some(
            ([key, item], index) => key !== entries[index]?.[0] || item !== entries[index]?.[1],
        );
        return changed ? Object.fromEntries(shown) : value;
    }
    return value;
}

const SHOWN_AS_TEXT: ReadonlySet<ReportFormat> = new Set(["text", "markdown", "html", "junit"]);

/** The report input as `format` may show it. */
export function forDisplay(format: ReportFormat, input: ReportInput): ReportInput {
    return SHOWN_AS_TEXT.has(format)
        ? { ...input, evaluations: input.evaluations.map((e) => printableDeep(e) as typeof e) }
        : input;
}
