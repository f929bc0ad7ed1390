/**
 * Call chains: which function can reach which other function through `can-invoke` edges, and which
 * risky permissions it borrows on the way (the `stack-call-chain-escalation` rule).
 *
 * A function reaches another when one of its identities has a `can-invoke` edge to it; reach is
 * transitive. From each function, and from the public node (anyone, holding nothing), a breadth-first
 * walk finds every reachable function by its shortest path, visiting each function once, so cycles end
 * and the work per caller is linear in the `can-invoke` edges. For each function reached, the borrowed
 * permissions are its permissions in the chosen risk categories that the caller does not hold: no
 * permission of the caller has the same action on the same or a containing resource (`*`, an ARN
 * pattern, a parent Azure scope, the GCP project; ./coverage.ts).
 */
import { createHash } from "crypto";
import type { RuleFinding } from "../finding";
import { HeldPermissions } from "./coverage";
import {
    type FunctionProfile,
    type IdentityGraph,
    invokesOf,
    type Permission,
    permissionKey,
    PUBLIC_NODE_ID,
    RISK_CATEGORIES,
    RISK_CATEGORY_LABELS,
    type RiskCategory,
} from "./model";

/** The risk categories a chain is judged on unless configured otherwise. */
export const DEFAULT_CHAIN_CATEGORIES: readonly RiskCategory[] = [
    "privilegeEscalation",
    "permissionsManagement",
    "credentialsExposure",
    "dataExfiltration",
];

/** How a path and a message name the public node as a caller. */
export const ANYONE = "anyone";

export interface CallChain {
    /** The calling function's node id, or PUBLIC_NODE_ID when anyone may start the chain. */
    readonly callerId: string;
    /** The function reached. */
    readonly targetId: string;
    /** Node ids from the caller to the target, both included (the shortest path). */
    readonly path: readonly string[];
    /** The target's permissions in the chosen categories that no permission of the caller covers. */
    readonly borrowed: readonly Permission[];
    /** The chosen categories, the ones messages count the borrowed permissions in. */
    readonly categories: readonly RiskCategory[];
    /** The function the finding is about: the caller, or the first function of a public path. */
    readonly reportOnId: string;
    /** false when some grant of the caller or the target could not be read (preview). */
    readonly complete: boolean;
}

/** The functions each function (and the public node) may invoke directly, without duplicates. */
function directCallees(
    graph: IdentityGraph,
    profiles: ReadonlyMap<string, FunctionProfile>,
): Map<string, readonly string[]> {
    const invokes = graph.invokes ?? invokesOf(graph.edges);
    const callees = new Map<string, readonly string[]>();
    for (const profile of profiles.values()) {
        // One identity: its list itself (often shared by every function that may invoke all).
        if (profile.identityIds.length === 1) {
            const id = profile.identityIds[0] ?? "";
            callees.set(profile.functionId, invokes.byIdentity.get(id) ?? []);
            continue;
        }
        const own = new Set<string>();
        for (const identityId of profile.identityIds) {
            for (const callee of invokes.byIdentity.get(identityId) ?? []) {
                own.add(callee);
            }
        }
        callees.set(profile.functionId, [...own]);
    }
    callees.set(PUBLIC_NODE_ID, invokes.publicCallees);
    return callees;
}

/** Where every walk starts: callers with the same direct callees share one walk. */
const CALLER = "\u0000caller";

/**
 * Every function reachable from a caller whose direct callees are `first`, nearest first, with the
 * node each was reached from (CALLER for the direct callees). The caller itself may be in the list
 * (reached back through a cycle); its own direct callees are all at the first level, so no shortest
 * path runs through it.
 */
function reachableFrom(
    first: readonly string[],
    callees: ReadonlyMap<string, readonly string[]>,
    profiles: ReadonlyMap<string, FunctionProfile>,
): { order: string[]; cameFrom: Map<string, string> } {
    const cameFrom = new Map<string, string>([[CALLER, CALLER]]);
    const order: string[] = [];
    const visit = (next: string, from: string) => {
        if (!cameFrom.has(next) && profiles.has(next)) {
            cameFrom.set(next, from);
            order.push(next);
        }
    };
    for (const next of first) {
        visit(next, CALLER);
    }
    for (let head = 0; head < order.length; head++) {
        const current = order[head] as string;
        for (const next of callees.get(current) ?? []) {
            visit(next, current);
        }
    }
    return { order, cameFrom };
}

function pathTo(target: string, source: string, cameFrom: ReadonlyMap<string, string>): string[] {
    const path = [target];
    for (let at = target; at !== source;) {
        at = cameFrom.get(at) as string;
        path.push(at);
    }
    return path.reverse();
}

/**
 * Every (caller, reachable function) pair where the reachable function holds permissions in the given
 * categories that the caller does not; functions in the order of the graph, then the public node.
 */
export function callChains(graph: IdentityGraph, categories: readonly RiskCategory[]): CallChain[] {
    const chosen = new Set(categories);
    const profiles = new Map(graph.functions.map((f) => [f.functionId, f]));
    // Profiles often share one permission list (roles with the same statements): judge it once.
    const fingerprints = new Map<readonly Permission[], string>();
    const fingerprintOfList = (permissions: readonly Permission[]): string => {
        let fingerprint = fingerprints.get(permissions);
        if (fingerprint === undefined) {
            fingerprint = fingerprintOf(permissions);
            fingerprints.set(permissions, fingerprint);
        }
        return fingerprint;
    };
    type Risky = { permissions: Permission[]; fingerprint: string };
    const riskyOfList = new Map<readonly Permission[], Risky>();
    const risky = new Map<string, Risky>();
    for (const profile of profiles.values()) {
        let inCategories = riskyOfList.get(profile.permissions);
        if (inCategories === undefined) {
            const permissions = profile.permissions.filter((p) =>
                p.categories.some((c) => chosen.has(c)),
            );
            inCategories = { permissions, fingerprint: fingerprintOf(permissions) };
            riskyOfList.set(profile.permissions, inCategories);
        }
        risky.set(profile.functionId, inCategories);
    }
    const callees = directCallees(graph, profiles);
    const chains: CallChain[] = [];
    const callers = [...profiles.values(), undefined];
    // Functions with the same permissions (e.g. every role allowed `*`) share one index and one
    // answer per callee, so a stack with many such functions costs what one of them costs.
    const heldByFingerprint = new Map<string, HeldPermissions>();
    // What a caller borrows from a target, by caller fingerprint, then target fingerprint.
    const borrowedMemo = new Map<string, Map<string, Permission[]>>();
    const walks = new WalksByStart();
    const lendersOfWalk = new Map<
        Walk,
        Map<string, { targetId: string; borrowed: Permission[] }[]>
    >();
    for (const caller of callers) {
        const callerId = caller?.functionId ?? PUBLIC_NODE_ID;
        const first = callees.get(callerId) ?? [];
        if (first.length === 0) {
            continue;
        }
        // The caller itself joins its first level: what it reaches is unchanged (its callees are that
        // level), and callers that may invoke every function, themselves aside, share one walk.
        const start = new Set(first).add(callerId);
        const walk = walks.find(start, () => reachableFrom([...start].sort(), callees, profiles));
        const { order, cameFrom } = walk;
        const callerPermissions = caller?.permissions ?? [];
        const callerFingerprint = fingerprintOfList(callerPermissions);
        let held = heldByFingerprint.get(callerFingerprint);
        if (held === undefined) {
            held = new HeldPermissions(callerPermissions);
            heldByFingerprint.set(callerFingerprint, held);
        }
        let borrowedFrom = borrowedMemo.get(callerFingerprint);
        if (borrowedFrom === undefined) {
            borrowedFrom = new Map();
            borrowedMemo.set(callerFingerprint, borrowedFrom);
        }
        // Callers with the same permissions and the same walk borrow the same: found once.
        let byFingerprint = lendersOfWalk.get(walk);
        if (byFingerprint === undefined) {
            byFingerprint = new Map();
            lendersOfWalk.set(walk, byFingerprint);
        }
        let lenders = byFingerprint.get(callerFingerprint);
        if (lenders === undefined) {
            lenders = [];
            for (const targetId of order) {
                const target = risky.get(targetId);
                if (target === undefined || target.permissions.length === 0) {
                    continue;
                }
                let borrowed = borrowedFrom.get(target.fingerprint);
                if (borrowed === undefined) {
                    const index = held;
                    borrowed = target.permissions.filter((p) => !index.covers(p));
                    borrowedFrom.set(target.fingerprint, borrowed);
                }
                if (borrowed.length > 0) lenders.push({ targetId, borrowed });
            }
            byFingerprint.set(callerFingerprint, lenders);
        }
        for (const { targetId, borrowed } of lenders) {
            if (targetId === callerId) {
                continue;
            }
            const path = [callerId, ...pathTo(targetId, CALLER, cameFrom).slice(1)];
            chains.push({
                callerId,
                targetId,
                path,
                borrowed,
                categories,
                reportOnId: caller === undefined ? (path[1] as string) : callerId,
                complete: (caller?.complete ?? true) && profiles.get(targetId)?.complete !== false,
            });
        }
    }
    return chains;
}

type Walk = ReturnType<typeof reachableFrom>;

function containsAll(set: ReadonlySet<string>, items: Iterable<string>): boolean {
    for (const item of items) if (!set.has(item)) return false;
    return true;
}

/**
 * Walks by the set of functions they start from. A walk from the sorted set is the same for equal
 * sets, so it is computed once; sets are found by size and an order-free sum of their ids' hashes,
 * then compared, without sorting or hashing the whole list for every caller.
 */
class WalksByStart {
    private readonly hashes = new Map<string, number>();
    private readonly walks = new Map<string, { start: ReadonlySet<string>; walk: Walk }[]>();

    find(start: ReadonlySet<string>, compute: () => Walk): Walk {
        let sum = 0;
        for (const id of start) sum = (sum + this.hashOf(id)) % 0x1_0000_0000;
        const key = `${start.size}:${sum}`;
        const candidates = this.walks.get(key) ?? [];
        const same = candidates.find((c) => containsAll(c.start, start));
        if (same !== undefined) return same.walk;
        const walk = compute();
        candidates.push({ start, walk });
        this.walks.set(key, candidates);
        return walk;
    }

    /** FNV-1a of an id, once per id. */
    private hashOf(id: string): number {
        let hash = this.hashes.get(id);
        if (hash === undefined) {
            hash = 0x811c9dc5;
            for (let i = 0; i < id.length; i++) {
                hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
            }
            this.hashes.set(id, hash);
        }
        return hash;
    }
}

/** A digest of a set of permissions: equal for equal sets, whatever their order. */
function fingerprintOf(permissions: readonly Permission[]): string {
    const keys = permissions.map(permissionKey).sort();
    return createHash("sha1").update(keys.join("\n")).digest("base64");
}

/** How messages name a node: its label, and "anyone" for the public node. */
export function nodeLabel(graph: IdentityGraph, id: string): string {
    return id === PUBLIC_NODE_ID ? ANYONE : (graph.nodeById.get(id)?.label ?? id);
}

/** `privilege escalation 1 (iam:PassRole on *), data exfiltration 2 (s3:GetObject on b/*, ...)` */
function describeBorrowed(
    borrowed: readonly Permission[],
    categories: readonly RiskCategory[],
): string {
    const parts: string[] = [];
    for (const category of RISK_CATEGORIES.filter((c) => categories.includes(c))) {
        const inCategory = borrowed.filter((p) => p.categories.includes(category));
        const first = inCategory[0];
        if (first === undefined) {
            continue;
        }
        const more = inCategory.length > 1 ? ", ..." : "";
        parts.push(
            `${RISK_CATEGORY_LABELS[category]} ${inCategory.length} (${permissionKey(first)}${more})`,
        );
    }
    return parts.join(", ");
}

/**
 * The finding for one chain: `Function 'api' can reach 'admin' (path: api → worker → admin) and borrow
 * 3 permissions it does not hold: privilege escalation 1 (iam:PassRole on *), ...`, key `Path::api->admin`.
 */
export function describeCallChain(graph: IdentityGraph, chain: CallChain): RuleFinding {
    const caller = nodeLabel(graph, chain.callerId);
    const target = nodeLabel(graph, chain.targetId);
    const path = chain.path.map((id) => nodeLabel(graph, id)).join(" → ");
    const count = chain.borrowed.length;
    const permissions = `${count} permission${count === 1 ? "" : "s"}`;
    const borrow =
        chain.callerId === PUBLIC_NODE_ID
            ? `Anyone can reach '${target}' (path: ${path}) and borrow ${permissions}`
            : `Function '${caller}' can reach '${target}' (path: ${path}) and borrow ${permissions} it does not hold`;
    const unread = chain.complete
        ? ""
        : " (some grants are not known yet, so the borrowed permissions may change)";
    return {
        message: `${borrow}: ${describeBorrowed(chain.borrowed, chain.categories)}${unread}`,
        key: { kind: "Path", value: `${caller}->${target}` },
    };
}
