/**
 * What the stack policies of one AnalyzeStack request derive from its resources (function identities,
 * effective permissions, grants), derived once for all of them: the stack model the rules and the
 * identity graph share.
 *
 * A request is recognised by its resource objects. Our handlers (../serve/read-once.ts, used by
 * `perimeter` in process and by the pack over the protocol, ../serve/serve.ts) give every stack policy
 * of a request the same objects, so each derivation runs once per request. Under the SDK's own
 * handlers (`PERIMETER_SDK_HANDLERS=1`) the stack is deserialized again for every stack policy
 * (node_modules/@pulumi/policy/server.js, makeAnalyzeStackRpcFun), so there each policy derives its
 * own, as it would without this memo. A derivation must depend on nothing but the resources: they are
 * frozen by our handlers, and a policy never writes to them.
 */
import type { StackResource } from "./resource";

type Derive<T> = (resources: readonly StackResource[]) => T;

interface Derived {
    readonly resources: readonly StackResource[];
    readonly values: Map<Derive<unknown>, unknown>;
}

/**
 * Keyed by the first resource; each entry holds its whole list to compare, and lives as long as that
 * resource. A few lists may share a first resource (the graph reads the stack with unknown documents
 * hidden, ../graph/aws/readable-documents.ts): the latest few are kept.
 */
const byFirstResource = new WeakMap<StackResource, Derived[]>();
const LISTS_PER_FIRST_RESOURCE = 4;

function sameList(a: readonly StackResource[], b: readonly StackResource[]): boolean {
    if (a.length !== b.length) {
        return false;
    }
    for (let i = 0; i < a.length; i += 1) {
        if (a[i] !== b[i]) {
            return false;
        }
    }
    return true;
}

/** `derive(resources)`, computed once per list of resource objects. */
export function perRequest<T>(resources: readonly StackResource[], derive: Derive<T>): T {
    const first = resources[0];
    if (first === undefined) {
        return derive(resources);
    }
    let lists = byFirstResource.get(first);
    if (lists === undefined) {
        lists = [];
        byFirstResource.set(first, lists);
    }
    let derived = lists.find((entry) => sameList(entry.resources, resources));
    if (derived === undefined) {
        derived = { resources: [...resources], values: new Map() };
        lists.unshift(derived);
        lists.length = Math.min(lists.length, LISTS_PER_FIRST_RESOURCE);
    }
    if (derived.values.has(derive)) {
        return derived.values.get(derive) as T;
    }
    const value = derive(resources);
    derived.values.set(derive, value);
    return value;
}

/** `derive` memoised per request: call the result wherever `derive` was called. */
export function oncePerRequest<T>(derive: Derive<T>): Derive<T> {
    return (resources) => perRequest(resources, derive);
}
