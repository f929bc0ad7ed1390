/**
 * IAM Conditions (CEL with a title and a description) for GCP grants: typed helpers for the common
 * cases and the raw form, and how several conditions on one grant become the single condition an IAM
 * member carries.
 */
import * as pulumi from "@pulumi/pulumi";

/** An IAM Condition: a CEL expression with the title and description IAM shows next to the grant. */
export interface GcpCondition {
    /** Shown in the IAM console; 1-100 characters. */
    readonly title: string;
    /** Why the condition exists; at most 256 characters. @default none */
    readonly description?: string;
    /** The CEL expression, e.g. `request.time < timestamp("2030-01-01T00:00:00Z")`. */
    readonly expression: pulumi.Input<string>;
}

/** The condition an IAM member resource takes (`condition: { title, description, expression }`). */
export interface RenderedCondition {
    readonly title: string;
    readonly description?: string;
    readonly expression: pulumi.Input<string>;
}

export const TITLE_LIMIT = 100;
export const DESCRIPTION_LIMIT = 256;

/** A CEL string literal: double-quoted, with backslashes and quotes escaped. */
export function celString(value: string): string {
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * Typed helpers that build {@link GcpCondition}s.
 *
 * @example
 * grants: [{
 *     name: "incoming",
 *     access: "storage:read",
 *     resource: uploads.name,
 *     conditions: [GcpConditions.objectPrefix(uploads.name, "incoming/"),
 *                  GcpConditions.expiresAt("2030-01-01T00:00:00Z")],
 * }]
 */
export const GcpConditions = {
    /**
     * Only objects whose name starts with `prefix` in `bucket`. Object reads are checked against
     * `projects/_/buckets/<bucket>/objects/<name>`; listing the bucket is checked against the bucket
     * itself, so a prefix condition allows reading named objects but not listing.
     */
    objectPrefix(bucket: pulumi.Input<string>, prefix: string): GcpCondition {
        return {
            title: truncate(`Objects under ${prefix}`, TITLE_LIMIT),
            description: truncate(
                `Limits the grant to objects whose name starts with '${prefix}'.`,
                DESCRIPTION_LIMIT,
            ),
            expression: pulumi
                .output(bucket)
                .apply(
                    (b) =>
                        `resource.name.startsWith(${celString(`projects/_/buckets/${b}/objects/${prefix}`)})`,
                ),
        };
    },

    /** The grant stops working at `time` (RFC 3339, e.g. "2030-01-01T00:00:00Z"). */
    expiresAt(time: string): GcpCondition {
        const parsed = new Date(time);
        // Normalised to UTC so the same instant always renders the same expression.
        const stamp = Number.isNaN(parsed.getTime()) ? time : parsed.toISOString();
        return {
            title: truncate(`Expires ${stamp}`, TITLE_LIMIT),
            description: `Access ends at ${stamp}.`,
            expression: `request.time < timestamp(${celString(stamp)})`,
        };
    },

    /** Any CEL expression IAM accepts on the target, with its title and description. */
    raw(title: string, expression: pulumi.Input<string>, description?: string): GcpCondition {
        return { title, expression, ...(description === undefined ? {} : { description }) };
    },
};

/**
 * One condition from several: the expressions joined with `&&` (each parenthesised), the titles
 * joined with " and ". Plain strings stay plain, so a condition is known even during a preview.
 */
export function combineConditions(
    conditions: readonly GcpCondition[],
): RenderedCondition | undefined {
    const [first, ...rest] = conditions;
    if (first === undefined) {
        return undefined;
    }
    if (rest.length === 0) {
        return first;
    }
    const title = truncate(conditions.map((c) => c.title).join(" and "), TITLE_LIMIT);
    const descriptions = conditions.flatMap((c) => (c.description ? [c.description] : []));
    const description =
        descriptions.length > 0 ? truncate(descriptions.join(" "), DESCRIPTION_LIMIT) : undefined;
    const expressions = conditions.map((c) => c.expression);
    const join = (list: readonly string[]): string => list.map((e) => `(${e})`).join(" && ");
    const expression = expressions.every((e): e is string => typeof e === "string")
        ? join(expressions)
        : pulumi.all(expressions).apply(join);
    return { title, expression, ...(description === undefined ? {} : { description }) };
}

/** The `timestamp("...")` literals of a CEL expression that do not parse as an instant. */
export function invalidTimestamps(expression: string): string[] {
    const bad: string[] = [];
    for (const match of expression.matchAll(/timestamp\(\s*["']([^"']*)["']\s*\)/g)) {
        const literal = match[1] ?? "";
        if (!/^\d{4}-\d{2}-\d{2}T/.test(literal) || Number.isNaN(new Date(literal).getTime())) {
            bad.push(literal);
        }
    }
    return bad;
}

function truncate(text: string, limit: number): string {
    return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
