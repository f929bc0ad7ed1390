/**
 * Exemptions from pack config, the same for every policy:
 *
 *     exemptions: [{ resource: "legacy-*", reason: "Migrated by TICKET-123", expires: "2025-06-30",
 *                    finding: "Action::s3:*" }]
 *
 * `resource` is a glob over the resource's URN or name. `finding` narrows the exemption to one finding
 * key. An exemption past its `expires` date no longer applies; the finding comes back and says so.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { globMatch } from "./glob";

export const MIN_REASON_LENGTH = 10;

export interface Exemption {
    /** Glob (`*`, `?`) over the resource URN or name. */
    readonly resource: string;
    readonly reason: string;
    /** As written: `YYYY-MM-DD` (valid through that day, UTC) or an ISO date-time. */
    readonly expires?: string;
    /** `Kind::value`; when set, only the finding with that key is exempted. */
    readonly finding?: string;
}

export const EXEMPTIONS_CONFIG_PROPERTY: PolicyConfigJSONSchema = {
    type: "array",
    description:
        "Findings to accept: each item names a resource (URN or name, glob with * and ?), a reason of " +
        "at least 10 characters, optionally an expiry date (YYYY-MM-DD) after which the finding is " +
        "reported again, and optionally one finding key (e.g. 'Action::s3:*') to exempt only that finding.",
    default: [],
    items: {
        type: "object",
        required: ["resource", "reason"],
        additionalProperties: false,
        properties: {
            resource: {
                type: "string",
                minLength: 1,
                description: "URN or resource name; * and ? are wildcards.",
            },
            reason: {
                type: "string",
                minLength: MIN_REASON_LENGTH,
                description: "Why the finding is accepted (at least 10 characters).",
            },
            expires: {
                type: "string",
                pattern: "^\\d{4}-\\d{2}-\\d{2}",
                description: "Date (YYYY-MM-DD, valid through that day in UTC) or ISO date-time.",
            },
            finding: {
                type: "string",
                description:
                    "Finding key 'Kind::value' from the end of a message, e.g. 'Action::s3:*'.",
            },
        },
    },
};

export interface ExemptionsRead {
    readonly exemptions: readonly Exemption[];
    /** One sentence per ignored item, naming it and the fix. */
    readonly problems: readonly string[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The first instant at which the exemption no longer applies; undefined when the text is no date. */
export function expiryInstant(expires: string): Date | undefined {
    if (DATE_ONLY.test(expires)) {
        const start = Date.parse(`${expires}T00:00:00Z`);
        // Date.parse rolls 2025-02-30 over to March; a date that does not round-trip is a typo.
        if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== expires) {
            return undefined;
        }
        return new Date(start + DAY_MS);
    }
    if (DATE_TIME.test(expires)) {
        const instant = Date.parse(expires);
        return Number.isNaN(instant) ? undefined : new Date(instant);
    }
    return undefined;
}

/** Reads one config item; a string names why it is ignored. `position` counts from 1. */
export function readExemption(item: unknown, position: number): Exemption | string {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
        return `exemption ${position} is ignored: it must be an object with 'resource' and 'reason'`;
    }
    const { resource, reason, expires, finding } = item as Record<string, unknown>;
    if (typeof resource !== "string" || resource.length === 0) {
        return `exemption ${position} is ignored: 'resource' must be a URN or resource name (glob)`;
    }
    const named = `exemption ${position} for '${resource}' is ignored`;
    if (typeof reason !== "string" || reason.trim().length < MIN_REASON_LENGTH) {
        return `${named}: 'reason' must explain the exemption in at least ${MIN_REASON_LENGTH} characters`;
    }
    if (expires !== undefined && (typeof expires !== "string" || !expiryInstant(expires))) {
        return `${named}: 'expires' must be a date such as 2025-06-30 or an ISO date-time`;
    }
    if (finding !== undefined && (typeof finding !== "string" || !finding.includes("::"))) {
        return `${named}: 'finding' must be a finding key such as 'Action::s3:*'`;
    }
    return { resource, reason: reason.trim(), expires, finding };
}

/** Reads the `exemptions` config value; never throws, whatever the config holds. */
export function readExemptions(raw: unknown): ExemptionsRead {
    if (raw === undefined || raw === null) {
        return { exemptions: [], problems: [] };
    }
    if (!Array.isArray(raw)) {
        return { exemptions: [], problems: ["'exemptions' is ignored: it must be a list"] };
    }
    const exemptions: Exemption[] = [];
    const problems: string[] = [];
    (raw as unknown[]).forEach((item, i) => {
        const read = readExemption(item, i + 1);
        if (typeof read === "string") {
            problems.push(read);
        } else {
            exemptions.push(read);
        }
    });
    return { exemptions, problems };
}

export interface ExemptionTarget {
    readonly policy: string;
    readonly urn: string | undefined;
    readonly name: string | undefined;
    /** `Kind::value` of the finding. */
    readonly findingKey: string;
}

export type ExemptionVerdict =
    | { readonly kind: "exempt"; readonly exemption: Exemption }
    | { readonly kind: "expired"; readonly exemption: Exemption & { readonly expires: string } }
    | { readonly kind: "none" };

function coversResource(exemption: Exemption, target: ExemptionTarget): boolean {
    const candidates = [target.urn, target.name].filter((v): v is string => v !== undefined);
    if (candidates.length === 0) {
        // A stack-level finding has no resource; only a catch-all pattern can name it.
        return globMatch(exemption.resource, "");
    }
    return candidates.some((c) => globMatch(exemption.resource, c));
}

function coversFinding(exemption: Exemption, target: ExemptionTarget): boolean {
    const finding = exemption.finding;
    return (
        finding === undefined ||
        finding === target.findingKey ||
        finding === `${target.policy}[${target.findingKey}]`
    );
}

/** Whether an exemption covers a finding at `now`; a live exemption wins over an expired one. */
export function judgeExemption(
    exemptions: readonly Exemption[],
    target: ExemptionTarget,
    now: Date,
): ExemptionVerdict {
    let expired: ExemptionVerdict = { kind: "none" };
    for (const exemption of exemptions) {
        if (!coversResource(exemption, target) || !coversFinding(exemption, target)) {
            continue;
        }
        const expires = exemption.expires;
        if (expires === undefined) {
            return { kind: "exempt", exemption };
        }
        const until = expiryInstant(expires);
        if (until === undefined) {
            continue;
        }
        if (now < until) {
            return { kind: "exempt", exemption };
        }
        expired = { kind: "expired", exemption: { ...exemption, expires } };
    }
    return expired;
}

/** Prefix of the stderr line that records an applied exemption; the CLI collects these for its report. */
export const EXEMPTION_LINE_PREFIX = "perimeter-exemption ";
/** Prefix of the stderr line that names an exemption the pack ignored because it is malformed. */
export const INVALID_EXEMPTION_LINE_PREFIX = "perimeter-exemption-invalid ";

export interface ExemptionRecord {
    readonly policy: string;
    readonly urn: string | null;
    /** `<policy>[Kind::value]` */
    readonly findingKey: string;
    readonly reason: string;
    readonly expires: string | null;
}

export function exemptionLine(record: ExemptionRecord): string {
    const { policy, urn, findingKey, reason, expires } = record;
    return EXEMPTION_LINE_PREFIX + JSON.stringify({ policy, urn, findingKey, reason, expires });
}

export function invalidExemptionLine(policy: string, problem: string): string {
    return INVALID_EXEMPTION_LINE_PREFIX + JSON.stringify({ policy, problem });
}

/**
 * The `exemptions` config of each policy, as the policy last read it in this process. A stack policy's
 * `getConfig` sees only its own config, so the pack records what every policy reads and
 * `stack-exemptions-valid` (the last policy of the pack) judges the record. Only policies that ran
 * are recorded: see that policy for the limits.
 */
const exemptionConfigs = new Map<string, unknown>();

export function recordExemptionConfig(policy: string, raw: unknown): void {
    exemptionConfigs.set(policy, raw);
}

/** The recorded configs by policy, in the order the policies first ran; the record starts over. */
export function takeExemptionConfigs(): ReadonlyMap<string, unknown> {
    const taken = new Map(exemptionConfigs);
    exemptionConfigs.clear();
    return taken;
}
