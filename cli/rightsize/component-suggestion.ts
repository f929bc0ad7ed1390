/**
 * The suggestion for a function built with one of our components (its `perimeter:index:*Function`
 * parent is in the stack): its `grants: [...]` back, each grant removed, given a narrower level of the
 * same service (components/<cloud>/grants, the reviewed access tables) or a prefix where the logs
 * prove it, and the grants its identity holds outside the component named. See ./suggest.ts.
 */
import { AWS_ACCESS_TABLE, grantedActions } from "../../components/aws/grants";
import { AZURE_ACCESS_TABLE } from "../../components/azure/grants";
import { GCP_ACCESS_TABLE } from "../../components/gcp/grants";
import { roleWithGuid } from "../../policypack/lib/graph/azure/roles";
import type { Cloud } from "../../policypack/lib/graph/model";
import { knownValue } from "../../policypack/lib/known-value";
import type { StackResource } from "../../policypack/lib/stack/resource";
import { textOf } from "../../policypack/lib/values";
import type { FunctionComparison, GrantJudgement } from "./compare";
import type { SuggestedGrant, Suggestion } from "./suggest";

const COMPONENT_TYPES: Readonly<Record<Cloud, string>> = {
    aws: "perimeter:index:AwsFunction",
    azure: "perimeter:index:AzureFunction",
    gcp: "perimeter:index:GcpFunction",
};

/** A grant the component declared: its argument, and the URNs of the resources that carry it. */
interface DeclaredGrant extends SuggestedGrant {
    /** The judgements of the graph's grants this one is made of. */
    readonly parts: GrantJudgement[];
}

function entries(component: StackResource, output: string): Record<string, unknown>[] {
    const list = knownValue(() => component.props[output]);
    return Array.isArray(list)
        ? (list as unknown[]).filter(
              (e): e is Record<string, unknown> => typeof e === "object" && e !== null,
          )
        : [];
}

/** The name part of a URN. */
export const nameOf = (urn: string | undefined): string | undefined => urn?.split("::").pop();

/** The access levels a cloud's table offers, with each level's permissions (as the graph spells them). */
function levelPermissions(cloud: Cloud, access: string): readonly string[] | undefined {
    if (cloud === "aws") {
        const entry = AWS_ACCESS_TABLE.find((e) => e.access === access);
        return entry === undefined ? undefined : grantedActions(entry);
    }
    if (cloud === "gcp") return GCP_ACCESS_TABLE.find((e) => e.access === access)?.permissions;
    const entry = AZURE_ACCESS_TABLE.find((e) => e.access === access);
    if (entry === undefined || entry.plane !== "rbac") return undefined;
    if (entry.customRole !== undefined) return entry.customRole.dataActions;
    const roles = [entry.role, ...(entry.extraRoles ?? [])].flatMap((r) =>
        r === undefined ? [] : [r],
    );
    return roles.flatMap((role) =>
        roleWithGuid(role.guid).blocks.flatMap((b) => [...b.actions, ...b.dataActions]),
    );
}

function levelsOf(cloud: Cloud): readonly string[] {
    return (
        cloud === "aws" ? AWS_ACCESS_TABLE : cloud === "gcp" ? GCP_ACCESS_TABLE : AZURE_ACCESS_TABLE
    ).map((e) => e.access);
}

/** The component grants of a function, each with the graph's judgements of the resources carrying it. */
function declaredGrants(
    cloud: Cloud,
    component: StackResource,
    judgements: readonly GrantJudgement[],
): DeclaredGrant[] {
    if (cloud === "aws") {
        const byName = new Map<
            string,
            { access: string; actions: Set<string>; resources: Set<string> }
        >();
        for (const entry of entries(component, "permissions")) {
            const name = textOf(entry["grant"]);
            const access = textOf(entry["access"]);
            if (name === undefined || access === undefined) continue;
            const grant = byName.get(name) ?? { access, actions: new Set(), resources: new Set() };
            for (const a of Array.isArray(entry["actions"]) ? entry["actions"] : [])
                if (typeof a === "string") grant.actions.add(a);
            for (const r of Array.isArray(entry["resources"]) ? entry["resources"] : [])
                if (typeof r === "string") grant.resources.add(r);
            byName.set(name, grant);
        }
        return [...byName]
            .map(([name, g]) => {
                const resources = [...g.resources]
                    .filter((r) => r !== "*")
                    .sort((a, b) => a.length - b.length);
                const resource = resources[0] ?? "*";
                const prefixed = resources.find(
                    (r) => r.startsWith(`${resource}/`) && r.endsWith("*"),
                );
                const prefix = prefixed?.slice(resource.length + 1, -1);
                const entry = AWS_ACCESS_TABLE.find((e) => e.access === g.access);
                return {
                    name,
                    access: g.access,
                    resource,
                    ...(entry?.acceptsPrefix === true && prefix !== undefined && prefix !== ""
                        ? { prefix }
                        : {}),
                    // One role policy carries every grant: a judgement of it on one of this
                    // grant's resources belongs to this grant, kept to its actions.
                    parts: judgements
                        .filter(
                            (j) =>
                                isChildOf(j.via, cloud, component) &&
                                j.resources.some((r) => g.resources.has(r)),
                        )
                        .map((j) => restrictTo(j, g.actions)),
                };
            })
            .map((g) => ({
                ...g,
                parts: g.parts.filter(
                    (p) => p.used.length + p.unused.length + p.unobservable.length > 0,
                ),
            }));
    }
    const output = cloud === "gcp" ? "iamMembers" : "declaredAccess";
    const viaName = (grant: string): string =>
        cloud === "gcp" ? `${component.name}-grant-${grant}` : `${component.name}-${grant}`;
    // A level of more than one role makes more than one entry and resource (`worker-jobs`, `worker-jobs-2`).
    const carries = (grant: string, via: string | undefined): boolean => {
        const name = nameOf(via) ?? "";
        const base = viaName(grant);
        return (
            name === base ||
            (name.startsWith(`${base}-`) && /^\d+$/.test(name.slice(base.length + 1)))
        );
    };
    const byName = new Map<string, DeclaredGrant>();
    for (const entry of entries(component, output)) {
        const name = textOf(entry["grant"]);
        const access = textOf(entry["access"]);
        if (name === undefined || access === undefined || byName.has(name)) continue;
        if (cloud === "gcp" && entry["purpose"] !== "grant") continue;
        // The host's own storage roles are the component's, not a grant of the user's.
        if (!levelsOf(cloud).includes(access)) continue;
        const resource = textOf(entry["resource"]) ?? textOf(entry["scope"]) ?? "";
        const condition = knownValue(
            () => (entry["condition"] as Record<string, unknown> | undefined)?.["expression"],
        );
        const prefix =
            typeof condition === "string"
                ? /\/objects\/([^"]+)"\)/.exec(condition)?.[1]
                : undefined;
        byName.set(name, {
            name,
            access,
            resource,
            ...(prefix === undefined ? {} : { prefix }),
            parts: judgements.filter((j) => carries(name, j.via)),
        });
    }
    return [...byName.values()];
}

/** Whether a resource (by URN) is one the component created for this function. */
function isChildOf(urn: string | undefined, cloud: Cloud, component: StackResource): boolean {
    return (
        urn !== undefined &&
        urn.includes(`${COMPONENT_TYPES[cloud]}$`) &&
        (nameOf(urn) ?? "").startsWith(`${component.name}-`)
    );
}

/** A judgement of the role policy's statements on one target, kept to the actions of one grant. */
function restrictTo(j: GrantJudgement, actions: ReadonlySet<string>): GrantJudgement {
    const keep = (list: readonly string[]) => list.filter((a) => actions.has(a));
    return {
        ...j,
        used: keep(j.used),
        uses: keep(j.uses),
        unused: keep(j.unused),
        unobservable: keep(j.unobservable),
    };
}

/** The narrowest level of the same service that keeps every used and unobservable permission. */
function narrowerLevel(
    cloud: Cloud,
    access: string,
    used: Set<string>,
    unused: Set<string>,
): string | undefined {
    const current = levelPermissions(cloud, access);
    if (current === undefined) return undefined;
    const service = access.split(":")[0];
    let best: { access: string; size: number } | undefined;
    for (const level of levelsOf(cloud)) {
        if (level === access || level.split(":")[0] !== service) continue;
        const permissions = new Set(levelPermissions(cloud, level) ?? []);
        if (permissions.size === 0 || permissions.size >= current.length) continue;
        const inside = [...permissions].every((p) => current.includes(p));
        const keepsUsed = [...used].every((p) => permissions.has(p));
        const dropsOnlyUnused = current.every((p) => permissions.has(p) || unused.has(p));
        if (
            inside &&
            keepsUsed &&
            dropsOnlyUnused &&
            (best === undefined || permissions.size < best.size)
        ) {
            best = { access: level, size: permissions.size };
        }
    }
    return best?.access;
}

/** The object prefix every use lay under, beyond the grant's own, for S3 and Cloud Storage. */
function deeperPrefix(cloud: Cloud, grant: DeclaredGrant): string | undefined {
    if (grant.prefix !== undefined) return undefined;
    const touched = grant.parts.filter((p) => p.touched.length > 0);
    const under = touched[0]?.touchedUnder;
    if (under === undefined || touched.some((p) => p.touchedUnder !== under)) return undefined;
    const objects =
        cloud === "aws" && grant.access.startsWith("s3:")
            ? `${grant.resource}/`
            : cloud === "gcp" && grant.access.startsWith("storage:")
              ? `projects/_/buckets/${grant.resource.split("/").pop() ?? ""}/objects/`
              : undefined;
    if (objects === undefined || !under.startsWith(objects)) return undefined;
    // The first folder only: keys under `incoming/2026/11/` a week long say `incoming/`, not a date.
    const folder = under.slice(objects.length).split("/")[0];
    return folder === undefined || folder === "" ? undefined : `${folder}/`;
}

/** The component that made the function, when it is its parent in the stack. */
export function componentOf(
    cloud: Cloud,
    fn: StackResource | undefined,
    resources: readonly StackResource[],
): StackResource | undefined {
    if (fn?.parent?.type === COMPONENT_TYPES[cloud]) {
        return resources.find((r) => r.urn === fn.parent?.urn);
    }
    return undefined;
}

/** The component's `grants: [...]` as the logs say they should be, and what else the identity holds. */
export function componentSuggestion(
    cloud: Cloud,
    component: StackResource,
    comparison: FunctionComparison,
): Suggestion {
    const declared = declaredGrants(cloud, component, comparison.grants);
    const changes: string[] = [];
    const notes: string[] = [];
    const grants: SuggestedGrant[] = [];
    for (const grant of declared) {
        const used = new Set(grant.parts.flatMap((p) => p.used));
        const unused = new Set(grant.parts.flatMap((p) => p.unused).filter((a) => !used.has(a)));
        const unobservable = new Set(
            grant.parts.flatMap((p) => p.unobservable).filter((a) => !used.has(a)),
        );
        const list = (set: ReadonlySet<string>) => [...set].sort().join(", ");
        // Known only in part (model.ts `partial`): neither removed nor narrowed on what is known.
        if (grant.parts.some((p) => p.partial === true)) {
            notes.push(
                `grant '${grant.name}' (${grant.access}): the pack knows only part of what it gives, so it is kept as it is`,
            );
            grants.push({
                name: grant.name,
                access: grant.access,
                resource: grant.resource,
                ...(grant.prefix === undefined ? {} : { prefix: grant.prefix }),
            });
            continue;
        }
        if (used.size === 0 && unobservable.size === 0 && unused.size > 0) {
            changes.push(
                `remove grant '${grant.name}' (${grant.access}): the logs record ${list(unused)} and show none used`,
            );
            continue;
        }
        const level =
            unused.size > 0 ? narrowerLevel(cloud, grant.access, used, unused) : undefined;
        const prefix = deeperPrefix(cloud, grant);
        if (level !== undefined) {
            changes.push(
                `grant '${grant.name}': ${grant.access} → ${level} (${list(unused)} provably unused)`,
            );
        } else if (unused.size > 0) {
            notes.push(
                `grant '${grant.name}' (${grant.access}): ${list(unused)} provably unused, and no narrower level leaves out only those`,
            );
        }
        if (prefix !== undefined) {
            changes.push(
                `grant '${grant.name}': prefix "${prefix}" (every object it was used on lies under it, as far as the logs' data events show)`,
            );
        }
        if (used.size === 0 && unobservable.size > 0) {
            notes.push(
                `grant '${grant.name}' (${grant.access}): no use in the logs, which cannot show ${list(unobservable)}: log them to judge it`,
            );
        }
        grants.push({
            name: grant.name,
            access: level ?? grant.access,
            resource: grant.resource,
            ...(prefix !== undefined
                ? { prefix }
                : grant.prefix === undefined
                  ? {}
                  : { prefix: grant.prefix }),
        });
    }
    const own = new Set(declared.flatMap((g) => g.parts.map((p) => p.via)));
    // What the component's grants and its own runtime grants (log streams, host storage) cover.
    const covered = new Set(
        comparison.grants
            .filter((j) => own.has(j.via) || isChildOf(j.via, cloud, component))
            .flatMap((j) => j.uses),
    );
    for (const j of comparison.grants) {
        // What the component adds for its own runtime (log streams, host storage) is not the user's to change.
        if (j.via === undefined || own.has(j.via) || isChildOf(j.via, cloud, component)) continue;
        const name = nameOf(j.via) ?? j.via;
        const needed = j.uses.filter((action) => !covered.has(action));
        // Known only in part, it may give uses no grant is known to give.
        const maybe = j.partial
            ? comparison.used
                  .filter((u) => !u.granted && !covered.has(u.action))
                  .map((u) => u.action)
            : [];
        if (needed.length === 0 && maybe.length > 0) {
            notes.push(
                `'${name}' (${j.access}) is outside the component's grants, and the pack knows only part of what it gives: check whether it gives ${maybe.slice(0, 5).join(", ")}${maybe.length > 5 ? ` and ${maybe.length - 5} more` : ""} (used, and given by no grant known) before removing it`,
            );
            continue;
        }
        changes.push(
            needed.length > 0
                ? `'${name}' (${j.access}) is outside the component's grants and was used for ${needed.slice(0, 5).join(", ")}${needed.length > 5 ? ` and ${needed.length - 5} more` : ""}: declare a grant for that use, then remove it`
                : `remove '${name}' (${j.access}): it is outside the component's grants, and no call in the logs needed it${j.unobservable.length > 0 ? ` (the logs cannot show ${j.unobservable.length} of its permissions either way)` : ""}`,
        );
    }
    return { kind: "grants", component: component.name, grants, changes, notes };
}
