import type * as pulumi from "@pulumi/pulumi";
import { GRANT_NAME_PATTERN } from "./naming";
import { type ArgumentProblems, shown } from "./problems";

/** What every cloud's grant has in common: a stable name, an access level and the target. */
export interface GrantBase {
    /** Stable key of the grant; child resource names derive from it (lower case, digits, hyphens). */
    readonly name: string;
    /** `<service>:<level>`, e.g. `s3:read`; one entry of the cloud's access table. */
    readonly access: string;
    /** The target: an ARN, a resource ID or a name, depending on the cloud and service. */
    readonly resource: pulumi.Input<string>;
}

/**
 * Checks the parts of a grant list every cloud shares: the list itself, unique well-formed names,
 * known access levels and a target for each grant. Cloud-specific checks (prefixes, conditions) come
 * after, on the grants this accepts.
 */
export function validateGrantBasics(
    grants: unknown,
    accessLevels: readonly string[],
    problems: ArgumentProblems,
    argument = "grants",
): GrantBase[] {
    if (grants === undefined) {
        return [];
    }
    if (!Array.isArray(grants)) {
        problems.add(argument, `must be a list of grants, not ${shown(grants)}`);
        return [];
    }
    const seen = new Set<string>();
    const valid: GrantBase[] = [];
    grants.forEach((grant: unknown, index) => {
        const at = `${argument}[${index}]`;
        if (typeof grant !== "object" || grant === null) {
            problems.add(
                at,
                `must be a grant object { name, access, resource }, not ${shown(grant)}`,
            );
            return;
        }
        const { name, access, resource } = grant as Record<string, unknown>;
        let ok = true;
        if (typeof name !== "string" || !GRANT_NAME_PATTERN.test(name)) {
            problems.add(
                `${at}.name`,
                `${shown(name)} is not a grant name; use 1-40 lower-case letters, digits and hyphens, e.g. "uploads"`,
            );
            ok = false;
        } else if (seen.has(name)) {
            problems.add(
                `${at}.name`,
                `${shown(name)} is used by another grant; grant names must be unique`,
            );
            ok = false;
        } else {
            seen.add(name);
        }
        if (typeof access !== "string" || !accessLevels.includes(access)) {
            const hint = typeof access === "string" ? closest(access, accessLevels) : undefined;
            problems.add(
                `${at}.access`,
                `${shown(access)} is not an access level` +
                    (hint ? `; did you mean '${hint}'?` : "") +
                    ` Known levels: ${accessLevels.join(", ")}`,
            );
            ok = false;
        }
        if (resource === undefined || resource === null || resource === "") {
            problems.add(
                `${at}.resource`,
                `is missing; name the resource this grant gives access to`,
            );
            ok = false;
        }
        if (ok) {
            valid.push(grant as GrantBase);
        }
    });
    return valid;
}

/** The candidate nearest to `value` by edit distance, when it is near enough to be a typo. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(value.length / 3)) + 1;
    for (const candidate of candidates) {
        const d = editDistance(value.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
