/**
 * Every value from a stack, a pack or a program goes through `escapeHtml` before it reaches the page: a
 * message cannot open a tag, close an attribute or start a script. The `html` template escapes each
 * interpolated value unless it is markup built the same way (`Markup`), so forgetting is not possible.
 */
export function escapeHtml(text: string): string {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#39;");
}

/** Markup that is already safe: built by `html`, or trusted output such as the Graphviz SVG. */
export class Markup {
    constructor(readonly text: string) {}
    toString(): string {
        return this.text;
    }
}

export type HtmlValue = string | number | Markup | readonly Markup[];

/** Tagged template: the literal parts are trusted markup, the values are escaped (Markup is kept). */
export function html(parts: TemplateStringsArray, ...values: readonly HtmlValue[]): Markup {
    let out = parts[0] ?? "";
    values.forEach((value, i) => {
        out += valueText(value) + (parts[i + 1] ?? "");
    });
    return new Markup(out);
}

function valueText(value: HtmlValue): string {
    if (value instanceof Markup) return value.text;
    if (typeof value === "number") return String(value);
    if (typeof value === "string") return escapeHtml(value);
    return value.map((m) => m.text).join("");
}

/** Trusted markup as is (the SVG Graphviz drew from escaped labels). */
export function trusted(text: string): Markup {
    return new Markup(text);
}

/** "1 finding", "2 findings". */
export function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
