/**
 * Granted against used, per function, on every cloud: what the right-sizing report says of each
 * function's identity (./granted.ts from the stack model, ./usage.ts from the logs).
 *
 * A granted permission nobody saw the function use is **unused** only when the logs prove they record
 * its checks (./evidence.ts); otherwise it is **unobservable**, never unused. When the principal's name
 * is unknown (a preview), nothing is unused: its calls cannot be found.
 *
 * Each grant gets a verdict on the same evidence: `keep` (used, nothing provably unused), `narrow`
 * (used, and some of its permissions provably unused: drop those), `remove` (nothing used and every
 * permission provably unused) or `unseen` (nothing used, and some permission the logs cannot show).
 * Nothing here ever widens a grant.
 */
import { globMatch } from "../../policypack/lib/glob";
import type { Cloud } from "../../policypack/lib/graph/model";
import type { RecordedPermissions } from "./evidence";
import type { FunctionGrants, Grant } from "./granted";
import { commonPrefix, coversResource, loggingScopeOf } from "./resources";
import type { ActionUse, PrincipalUsage, UsageByPrincipal } from "./usage";

export interface UnobservedAction {
    readonly action: string;
    readonly resources: readonly string[];
}

export type GrantVerdict = "keep" | "narrow" | "remove" | "unseen";

/** One grant (as ./granted.ts reads it, less its permissions) judged against the function's uses of it. */
export interface GrantJudgement extends Pick<
    Grant,
    "via" | "access" | "target" | "conditions" | "partial"
> {
    /** The resources its permissions are on, as the grant writes them (ARN patterns, scopes). */
    readonly resources: readonly string[];
    readonly verdict: GrantVerdict;
    /** Its permissions (as granted: an Azure wildcard stays one) that some use needed. */
    readonly used: readonly string[];
    /** The uses it covered, by the exact action or permission each checked. */
    readonly uses: readonly string[];
    readonly unused: readonly string[];
    readonly unobservable: readonly string[];
    /** Resources its used permissions were used on (at most 5 listed), and where they all lay. */
    readonly touched: readonly string[];
    /**
     * Where every use under a wildcard resource of the grant lay: granted `arn:aws:s3:::b/*`, used only
     * under `arn:aws:s3:::b/incoming/`. Absent when they share nothing deeper than the grant.
     */
    readonly touchedUnder?: string;
}

/** A function's identity as ./granted.ts reads it (how the logs name it, how a person does). */
export interface FunctionComparison extends Pick<
    FunctionGrants,
    "cloud" | "principals" | "identities" | "identityUrns"
> {
    /** The functions' names. */
    readonly functions: readonly string[];
    /** AWS: the role's ARN, the first principal (the field the first cut of the contract had). */
    readonly roleArn?: string;
    readonly used: readonly (ActionUse & { readonly granted: boolean })[];
    /** Granted, recorded when used, and not used in the window. */
    readonly unused: readonly UnobservedAction[];
    /** Granted and not seen, where the logs could not have shown a use. */
    readonly unobservable: readonly UnobservedAction[];
    /** Why these logs may not show a use on this cloud, and the setting that would show it. */
    readonly howToObserve: string;
    /** Checks refused for want of a permission: what the function needs and lacks. */
    readonly denied: readonly ActionUse[];
    /** Events no permission is known for, with their counts. */
    readonly unmapped: readonly { readonly event: string; readonly count: number }[];
    readonly grants: readonly GrantJudgement[];
    /** Why what is granted may be more than this, or why uses may be missing. */
    readonly incomplete: readonly string[];
    readonly summary: {
        readonly granted: number;
        readonly used: number;
        readonly unused: number;
        readonly unobservable: number;
        readonly denied: number;
    };
}

/** Why a cloud's logs may not show a use, and the setting that makes them show it. */
const HOW_TO_OBSERVE: Readonly<Record<Cloud, string>> = {
    aws: "these logs cannot show whether these were used, as no management event of them is recorded: log their data events (S3 objects, Lambda invocations, DynamoDB items...), or their read or write management events, to judge them (AwsAuditTrail logs the functions' invocations, and the objects and items of the buckets and tables it is given)",
    gcp: "these logs show no check of these permissions: turn on Data Access audit logs (DATA_READ, DATA_WRITE) for their services to judge them; GcpAuditLogs turns them on",
    azure: "these logs show no check of these actions: the activity log has control-plane writes only; send the storage resource logs (StorageRead, StorageWrite, StorageDelete) to a workspace or storage account with a diagnostic setting to judge them; AzureAuditLogs with auditGrantedStorage does (Key Vault logs are not read yet)",
};

const byAction = <T extends { readonly action: string }>(a: T, b: T): number =>
    a.action.localeCompare(b.action);

const isPattern = (action: string): boolean => action.includes("*") || action.includes("?");

/** The uses of several principals (a function may run as more than one identity) merged by action. */
function mergedUses(
    usages: readonly PrincipalUsage[],
    pick: (u: PrincipalUsage) => Map<string, ActionUse>,
): Map<string, ActionUse> {
    if (usages.length === 1 && usages[0] !== undefined) return pick(usages[0]);
    const merged = new Map<string, ActionUse>();
    for (const usage of usages) {
        for (const [key, use] of pick(usage)) {
            const known = merged.get(key);
            if (known === undefined) {
                merged.set(key, {
                    ...use,
                    resources: new Set(use.resources),
                    onBehalfOf: new Set(use.onBehalfOf),
                });
                continue;
            }
            known.count += use.count;
            known.first = Math.min(known.first, use.first);
            known.last = Math.max(known.last, use.last);
            use.resources.forEach((r) => known.resources.add(r));
            known.moreResources += use.moreResources;
            use.onBehalfOf.forEach((s) => known.onBehalfOf.add(s));
        }
    }
    return merged;
}

/** The uses an action (or an Azure wildcard) of a grant covers. */
function usesOf(action: string, used: ReadonlyMap<string, ActionUse>): ActionUse[] {
    if (!isPattern(action)) {
        const use = used.get(action.toLowerCase());
        return use === undefined ? [] : [use];
    }
    return [...used.values()].filter((use) => globMatch(action, use.action, true));
}

function judgeGrant(
    cloud: Cloud,
    grant: Grant,
    used: ReadonlyMap<string, ActionUse>,
    provablyUnused: (action: string, resources: Iterable<string>) => boolean,
): GrantJudgement {
    const usedHere = new Set<string>();
    const usesHere = new Set<string>();
    const unused = new Set<string>();
    const unobservable = new Set<string>();
    const touched = new Set<string>();
    // Uses on resources a wildcard of the grant covers (objects of `b/*`, not the bucket `b` itself).
    const underWildcards = new Set<string>();
    // What a wildcard resource fixes before its `*` (`arn:aws:s3:::b/incoming/`): only a deeper
    // common prefix says something the grant does not.
    // A GCP condition `resource.name.startsWith("projects/_/buckets/b/objects/incoming/")` fixes as much.
    let grantedUnder = Math.max(
        0,
        ...grant.conditions.map((c) => /startsWith\("([^"]*)"\)/.exec(c)?.[1]?.length ?? 0),
    );
    for (const permission of grant.permissions) {
        let hit = false;
        for (const use of usesOf(permission.action, used)) {
            const within =
                use.resources.size === 0
                    ? []
                    : [...use.resources].filter((r) =>
                          coversResource(cloud, permission, grant.targetResource, r),
                      );
            if (use.resources.size > 0 && within.length === 0 && use.moreResources === 0) continue;
            hit = true;
            usesHere.add(use.action);
            within.forEach((r) => touched.add(r));
            // A GCP bucket grant covers its objects (`projects/_/buckets/b/objects/...`) as `b/*` does.
            const star = permission.resource.indexOf("*");
            if (star < 0 && cloud !== "gcp") continue;
            for (const r of within) {
                if (star >= 0 || r.includes("/objects/")) underWildcards.add(r);
            }
            if (star >= 0) grantedUnder = Math.max(grantedUnder, star);
        }
        if (hit) usedHere.add(permission.action);
        else if (provablyUnused(permission.action, [permission.resource]))
            unused.add(permission.action);
        else unobservable.add(permission.action);
    }
    for (const action of usedHere) {
        unused.delete(action);
        unobservable.delete(action);
    }
    // A grant known only in part, or with no permission known, may give what the logs show used.
    const whole = grant.partial !== true && grant.permissions.length > 0;
    const verdict: GrantVerdict =
        usedHere.size > 0
            ? unused.size > 0
                ? "narrow"
                : "keep"
            : unobservable.size === 0 && whole
              ? "remove"
              : "unseen";
    const touchedList = [...touched].sort();
    const common = commonPrefix([...underWildcards]);
    const under = common !== undefined && common.length > grantedUnder ? common : undefined;
    return {
        ...(grant.via === undefined ? {} : { via: grant.via }),
        access: grant.access,
        target: grant.target,
        ...(grant.partial === true ? { partial: true as const } : {}),
        resources: [...new Set(grant.permissions.map((p) => p.resource))].sort(),
        conditions: grant.conditions,
        verdict,
        used: [...usedHere].sort(),
        uses: [...usesHere].sort(),
        unused: [...unused].sort(),
        unobservable: [...unobservable].sort(),
        touched: touchedList.slice(0, 5),
        ...(under === undefined ? {} : { touchedUnder: under }),
    };
}

export function compareFunction(
    grants: FunctionGrants,
    usage: UsageByPrincipal,
    evidence: RecordedPermissions,
): FunctionComparison {
    const usages = grants.principals.flatMap((p) => {
        const u = usage.of(p);
        return u === undefined ? [] : [u];
    });
    const usedByKey = mergedUses(usages, (u) => u.used);
    const deniedByKey = mergedUses(usages, (u) => u.denied);
    // Without the principal's name (unknown in a preview) no use of it can be found, and a principal
    // exempted from the logs leaves none: then nothing is unused.
    const findable = grants.findable && grants.principals.length > 0;
    // Unused only where the logs prove they record the permission for every resource it is granted on.
    const provablyUnused = (action: string, resources: Iterable<string>): boolean => {
        if (!findable) return false;
        for (const resource of resources) {
            if (!evidence.records(action, loggingScopeOf(grants.cloud, resource))) return false;
        }
        return true;
    };

    const granted = new Map<string, { action: string; resources: Set<string> }>();
    for (const grant of grants.grants) {
        for (const permission of grant.permissions) {
            const key = permission.action.toLowerCase();
            const entry = granted.get(key) ?? { action: permission.action, resources: new Set() };
            entry.resources.add(permission.resource);
            granted.set(key, entry);
        }
    }
    const patterns = [...granted.values()].filter((g) => isPattern(g.action));
    const isGranted = (action: string): boolean =>
        granted.has(action.toLowerCase()) ||
        patterns.some((p) => globMatch(p.action, action, true));

    const used = [...usedByKey.values()]
        .map((use) => ({ ...use, granted: isGranted(use.action) }))
        .sort(byAction);
    const unused: UnobservedAction[] = [];
    const unobservable: UnobservedAction[] = [];
    for (const entry of granted.values()) {
        if (usesOf(entry.action, usedByKey).length > 0) continue;
        const unseen = { action: entry.action, resources: [...entry.resources] };
        (provablyUnused(entry.action, entry.resources) ? unused : unobservable).push(unseen);
    }
    const denied = [...deniedByKey.values()].sort(byAction);
    const unmapped = new Map<string, number>();
    for (const u of usages) {
        for (const [event, count] of u.unmapped)
            unmapped.set(event, (unmapped.get(event) ?? 0) + count);
    }
    return {
        cloud: grants.cloud,
        functions: grants.functions.map((f) => f.name),
        principals: grants.principals,
        ...(grants.cloud === "aws" && grants.principals[0] !== undefined
            ? { roleArn: grants.principals[0] }
            : {}),
        identities: grants.identities,
        identityUrns: grants.identityUrns,
        used,
        unused: unused.sort(byAction),
        unobservable: unobservable.sort(byAction),
        howToObserve: HOW_TO_OBSERVE[grants.cloud],
        denied,
        unmapped: [...unmapped]
            .map(([event, count]) => ({ event, count }))
            .sort((a, b) => b.count - a.count || a.event.localeCompare(b.event)),
        grants: grants.grants.map((g) => judgeGrant(grants.cloud, g, usedByKey, provablyUnused)),
        incomplete: grants.incomplete,
        summary: {
            granted: granted.size,
            used: used.filter((u) => u.granted).length,
            unused: unused.length,
            unobservable: unobservable.length,
            denied: denied.length,
        },
    };
}
