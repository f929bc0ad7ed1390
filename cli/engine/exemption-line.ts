/**
 * The line a pack writes (to stderr, or to its policy environment in process) for each exemption it
 * applied: `perimeter-exemption {json}` (policypack/lib/exemptions.ts `exemptionLine`).
 */
import type { Exempted } from "./types";

const EXEMPTION_PREFIX = "perimeter-exemption ";

/** The exemption a line records, or undefined for any other line. */
export function exemptionOfLine(line: string): Exempted | undefined {
    return line.startsWith(EXEMPTION_PREFIX)
        ? parseExemption(line.slice(EXEMPTION_PREFIX.length))
        : undefined;
}

function parseExemption(json: string): Exempted | undefined {
    let value: unknown;
    try {
        value = JSON.parse(json);
    } catch {
        return undefined;
    }
    if (typeof value !== "object" || value === null) {
        return undefined;
    }
    const r = value as Record<string, unknown>;
    if (typeof r.policy !== "string" || typeof r.reason !== "string") {
        return undefined;
    }
    const optional = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
    return {
        policy: r.policy,
        urn: optional(r.urn),
        findingKey: typeof r.findingKey === "string" ? r.findingKey : r.policy,
        reason: r.reason,
        expires: optional(r.expires),
    };
}
