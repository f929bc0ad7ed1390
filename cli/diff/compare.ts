/**
 * `perimeter diff`: per function, what changed between two readings of a stack (two exports, two
 * program runs, an export before and after `pulumi refresh`): permissions added and removed,
 * identities replaced or newly shared, invokers added and removed; for the stack, the findings of the
 * policy packs that are new and those that are resolved.
 */
import {
    RISK_CATEGORIES,
    RISK_CATEGORY_LABELS,
    type Cloud,
    type RiskCategory,
} from "../../policypack/lib/graph/model";
import type { Finding } from "../engine/types";
import type { FunctionAccess, Invoker, PermissionLine } from "./access";

export interface FunctionDiff {
    readonly id: string;
    readonly label: string;
    readonly cloud: Cloud | null;
    readonly type?: string;
    /** added: only in the new stack; removed: only in the old one. */
    readonly change: "added" | "removed" | "changed";
    /** Labels of the identities it ran as and runs as, when they differ (an identity replaced). */
    readonly identities?: { readonly before: readonly string[]; readonly after: readonly string[] };
    /** Functions it now shares an identity with, that it did not before. */
    readonly nowSharesIdentityWith: readonly string[];
    readonly permissionsAdded: readonly PermissionLine[];
    readonly permissionsRemoved: readonly PermissionLine[];
    readonly invokersAdded: readonly Invoker[];
    readonly invokersRemoved: readonly Invoker[];
    /**
     * Grants whose content could not be read that are new (a customer-managed policy outside the stack
     * attached in the console): what they add is unknown, so they count as dangerous.
     */
    readonly unreadableAdded: readonly string[];
    readonly unreadableRemoved: readonly string[];
    /** false when a grant of the new stack could not be read: the added list may be short. */
    readonly complete: boolean;
}

export interface StackDiff {
    readonly functions: readonly FunctionDiff[];
    readonly findings: {
        readonly added: readonly Finding[];
        readonly resolved: readonly Finding[];
    };
    readonly summary: DiffSummary;
}

export interface DiffSummary {
    readonly functionsChanged: number;
    readonly permissionsAdded: number;
    readonly permissionsRemoved: number;
    /** Added permissions per risk category (a permission counts in each of its categories). */
    readonly addedByCategory: Readonly<Record<RiskCategory, number>>;
    readonly publicInvokersAdded: number;
    readonly invokersAdded: number;
    /** New grants whose content could not be read. */
    readonly unreadableAdded: number;
    readonly findingsAdded: number;
    readonly findingsResolved: number;
    /** Nothing was added: permissions, invokers, shared identities or findings. */
    readonly narrowingOnly: boolean;
}

export function diffStacks(
    before: ReadonlyMap<string, FunctionAccess>,
    after: ReadonlyMap<string, FunctionAccess>,
    findings: { readonly before: readonly Finding[]; readonly after: readonly Finding[] },
): StackDiff {
    const ids = [...new Set([...before.keys(), ...after.keys()])];
    const functions = ids
        .map((id) => diffFunction(before.get(id), after.get(id), (f) => after.get(f)?.label ?? f))
        .filter((d): d is FunctionDiff => d !== undefined)
        .sort(
            (a, b) =>
                a.label.localeCompare(b.label, "en", { numeric: true }) || a.id.localeCompare(b.id),
        );
    const beforeKeys = new Set(findings.before.map(findingIdentity));
    const afterKeys = new Set(findings.after.map(findingIdentity));
    const added = findings.after.filter((f) => !beforeKeys.has(findingIdentity(f)));
    const resolved = findings.before.filter((f) => !afterKeys.has(findingIdentity(f)));
    return {
        functions,
        findings: { added, resolved },
        summary: summarize(functions, added, resolved),
    };
}

function diffFunction(
    before: FunctionAccess | undefined,
    after: FunctionAccess | undefined,
    labelOf: (functionId: string) => string,
): FunctionDiff | undefined {
    const current = after ?? before;
    if (current === undefined) return undefined;
    const change = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    // Equal digests, equal permissions: a role holding `*` is not expanded when it did not change.
    const same =
        before !== undefined && after !== undefined && before.grantDigest === after.grantDigest;
    const permissionsAdded = same ? [] : missingFrom(after?.permissions, before?.permissions);
    const permissionsRemoved = same ? [] : missingFrom(before?.permissions, after?.permissions);
    const invokersAdded = missingFrom(after?.invokers, before?.invokers);
    const invokersRemoved = missingFrom(before?.invokers, after?.invokers);
    const unreadableAdded = [...(after?.unreadable ?? [])].filter(
        (u) => before?.unreadable.has(u) !== true,
    );
    const unreadableRemoved = [...(before?.unreadable ?? [])].filter(
        (u) => after?.unreadable.has(u) !== true,
    );
    const labels = (f: FunctionAccess | undefined): string[] =>
        (f?.identities ?? []).map((i) => i.label).sort();
    const ids = (f: FunctionAccess | undefined): string =>
        (f?.identities ?? [])
            .map((i) => i.id)
            .sort()
            .join("\n");
    const identitiesChanged = change === "changed" && ids(before) !== ids(after);
    const sharedBefore = new Set(before?.sharesIdentityWith ?? []);
    const nowSharesIdentityWith = (after?.sharesIdentityWith ?? []).filter(
        (f) => !sharedBefore.has(f),
    );
    const unchanged =
        change === "changed" &&
        !identitiesChanged &&
        permissionsAdded.length + permissionsRemoved.length === 0 &&
        invokersAdded.length + invokersRemoved.length === 0 &&
        unreadableAdded.length + unreadableRemoved.length === 0 &&
        nowSharesIdentityWith.length === 0;
    if (unchanged) return undefined;
    return {
        id: current.id,
        label: current.label,
        cloud: current.cloud,
        ...(current.type === undefined ? {} : { type: current.type }),
        change,
        ...(identitiesChanged
            ? { identities: { before: labels(before), after: labels(after) } }
            : {}),
        nowSharesIdentityWith: nowSharesIdentityWith.map(labelOf).sort(),
        permissionsAdded: sortLines(permissionsAdded),
        permissionsRemoved: sortLines(permissionsRemoved),
        invokersAdded: sortInvokers(invokersAdded),
        invokersRemoved: sortInvokers(invokersRemoved),
        unreadableAdded: unreadableAdded.sort(),
        unreadableRemoved: unreadableRemoved.sort(),
        complete: after?.complete ?? true,
    };
}

function missingFrom<T>(
    from: ReadonlyMap<string, T> | undefined,
    other: ReadonlyMap<string, T> | undefined,
): T[] {
    if (from === undefined) return [];
    return [...from].filter(([key]) => other?.has(key) !== true).map(([, value]) => value);
}

function sortLines(lines: PermissionLine[]): PermissionLine[] {
    const rank = (p: PermissionLine): number => {
        const first = p.categories[0];
        return first === undefined ? RISK_CATEGORIES.length : RISK_CATEGORIES.indexOf(first);
    };
    return lines.sort(
        (a, b) =>
            rank(a) - rank(b) ||
            a.resource.localeCompare(b.resource) ||
            a.action.localeCompare(b.action) ||
            a.conditions.join().localeCompare(b.conditions.join()),
    );
}

function sortInvokers(invokers: Invoker[]): Invoker[] {
    return invokers.sort(
        (a, b) => Number(b.public) - Number(a.public) || a.label.localeCompare(b.label),
    );
}

/** Two findings are the same finding when pack, policy, resource and finding key agree. */
function findingIdentity(f: Finding): string {
    return [f.policyPack, f.policy, f.urn ?? "", f.findingKey].join("\u0000");
}

function summarize(
    functions: readonly FunctionDiff[],
    findingsAdded: readonly Finding[],
    findingsResolved: readonly Finding[],
): DiffSummary {
    const added = functions.flatMap((f) => f.permissionsAdded);
    const addedByCategory = Object.fromEntries(
        RISK_CATEGORIES.map((c) => [c, added.filter((p) => p.categories.includes(c)).length]),
    ) as Record<RiskCategory, number>;
    const invokers = functions.flatMap((f) => f.invokersAdded);
    const widened = functions.some(
        (f) =>
            f.permissionsAdded.length > 0 ||
            f.invokersAdded.length > 0 ||
            f.nowSharesIdentityWith.length > 0 ||
            f.unreadableAdded.length > 0 ||
            f.identities !== undefined,
    );
    return {
        functionsChanged: functions.length,
        permissionsAdded: added.length,
        permissionsRemoved: functions.reduce((n, f) => n + f.permissionsRemoved.length, 0),
        addedByCategory,
        publicInvokersAdded: invokers.filter((i) => i.public).length,
        invokersAdded: invokers.length,
        unreadableAdded: functions.reduce((n, f) => n + f.unreadableAdded.length, 0),
        findingsAdded: findingsAdded.length,
        findingsResolved: findingsResolved.length,
        narrowingOnly: !widened && findingsAdded.length === 0,
    };
}

export const DIFF_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** What `--fail-on` accepts: a risk category (and everything more dangerous), `any` addition, or `none`. */
export const DIFF_FAIL_LEVELS = [
    "privilege-escalation",
    "permissions-management",
    "credentials-exposure",
    "data-exfiltration",
    "write",
    "read",
    "any",
    "none",
] as const;
export type DiffFailLevel = (typeof DIFF_FAIL_LEVELS)[number];
export const DEFAULT_DIFF_FAIL_LEVEL: DiffFailLevel = "data-exfiltration";

const CATEGORY_OF_LEVEL: Readonly<Record<string, RiskCategory>> = {
    "privilege-escalation": "privilegeEscalation",
    "permissions-management": "permissionsManagement",
    "credentials-exposure": "credentialsExposure",
    "data-exfiltration": "dataExfiltration",
    write: "write",
    read: "read",
};

/**
 * Why the diff fails at `level` (empty: it passes). At a category: a permission added in that category
 * or a more dangerous one, a new public invoker, or a new mandatory finding. At `any`: anything added.
 */
export function failureReasons(diff: StackDiff, level: DiffFailLevel): string[] {
    if (level === "none") return [];
    const reasons: string[] = [];
    const category = CATEGORY_OF_LEVEL[level];
    const dangerous =
        category === undefined
            ? RISK_CATEGORIES
            : RISK_CATEGORIES.slice(0, RISK_CATEGORIES.indexOf(category) + 1);
    for (const c of dangerous) {
        const n = diff.summary.addedByCategory[c];
        if (n > 0) {
            reasons.push(`${n} ${RISK_CATEGORY_LABELS[c]} permission${n === 1 ? "" : "s"} added`);
        }
    }
    if (diff.summary.unreadableAdded > 0) {
        const n = diff.summary.unreadableAdded;
        reasons.push(
            `${n} grant${n === 1 ? "" : "s"} whose content cannot be read added (what ${n === 1 ? "it grants" : "they grant"} is unknown)`,
        );
    }
    if (diff.summary.publicInvokersAdded > 0) {
        const n = diff.summary.publicInvokersAdded;
        reasons.push(`${n} function${n === 1 ? "" : "s"} newly public`);
    }
    const mandatory = diff.findings.added.filter((f) => f.enforcementLevel === "mandatory").length;
    if (mandatory > 0) {
        reasons.push(`${mandatory} new mandatory finding${mandatory === 1 ? "" : "s"}`);
    }
    if (level === "any" && !diff.summary.narrowingOnly && reasons.length === 0) {
        reasons.push("access was added");
    }
    return reasons;
}
