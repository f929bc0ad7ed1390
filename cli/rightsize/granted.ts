/**
 * What each function of a stack is granted, on every cloud, read from the identity graph (the model
 * the rules, `perimeter graph` and the reports share: policypack/lib/graph): the principal its
 * identity appears as in the logs, and each grant (one `granted` edge: a role policy's statements on
 * one target, a role assignment, an IAM member) with its effective permissions after every Deny and
 * deny assignment. The right-sizing report compares these with what the logs show (./compare.ts).
 */
import { isRecord } from "../../policypack/lib/values";
import { exemptedMembers } from "../../policypack/lib/gcp/audit-configs";
import { knownText } from "../../policypack/lib/known-value";
import { serviceAccountEmailOf } from "../../policypack/lib/gcp/functions";
import type {
    Cloud,
    GrantedEdge,
    GraphNode,
    IdentityGraph,
    Permission,
} from "../../policypack/lib/graph/model";
import type { StackResource } from "../../policypack/lib/stack/resource";

/** One grant of a function's identity: what one resource of the stack gives it on one target. */
export interface Grant {
    /** URN of the resource that makes the grant (role policy, role assignment, IAM member). */
    readonly via?: string;
    /** How a person reads the grant: the actions, the role. */
    readonly access: string;
    /** The target, as the graph names it. */
    readonly target: string;
    /** The target's resource in the stack, when it is one. */
    readonly targetResource?: StackResource;
    readonly permissions: readonly Permission[];
    readonly conditions: readonly string[];
    /** The graph knows only part of what it gives (model.ts `partial`): `permissions` is a lower bound. */
    readonly partial?: true;
}

export interface FunctionGrants {
    readonly cloud: Cloud;
    readonly functions: readonly StackResource[];
    /** How the logs name the function's identities: role ARNs, object IDs, emails; known ones only. */
    readonly principals: readonly string[];
    /** The identities as a person reads them. */
    readonly identities: readonly string[];
    /** The URNs of the identities that are resources of the stack (roles, managed identities, accounts). */
    readonly identityUrns: readonly string[];
    readonly grants: readonly Grant[];
    /** Why what is granted may be more than this, or why the logs cannot find the identity. */
    readonly incomplete: readonly string[];
    /** Whether every use of the identity would be in the logs that record such uses: else nothing is unused. */
    readonly findable: boolean;
}

const SYSTEM_ASSIGNED = "azure:identity:system-assigned:";

/**
 * How the logs name an identity: an AWS role's ARN (CloudTrail's `sessionIssuer.arn`), an Azure
 * managed identity's principal (object) ID, a Google service account's email.
 */
export function principalOf(
    node: GraphNode,
    byUrn: ReadonlyMap<string, StackResource>,
): string | undefined {
    const resource = node.urn === undefined ? undefined : byUrn.get(node.urn);
    if (node.cloud === "aws") {
        return (
            knownText(() => resource?.props["arn"]) ??
            (node.id.startsWith("aws:identity:arn:")
                ? node.id.slice("aws:identity:".length)
                : undefined)
        );
    }
    if (node.cloud === "azure") {
        if (node.id.startsWith(SYSTEM_ASSIGNED)) {
            const app = byUrn.get(node.id.slice(SYSTEM_ASSIGNED.length));
            return knownText(() => {
                const identity = app?.props["identity"];
                return isRecord(identity) ? identity["principalId"] : undefined;
            });
        }
        return knownText(() => resource?.props["principalId"]);
    }
    if (node.cloud === "gcp") {
        // Google's default accounts are named by their email in the label: `<email> (Compute Engine default)`.
        return serviceAccountEmailOf(
            knownText(() => resource?.props["email"]) ??
                (node.id.startsWith("gcp:identity:default:")
                    ? node.label.split(" ")[0]
                    : node.id.slice("gcp:identity:".length)),
        );
    }
    return undefined;
}

/** Every function of the graph with its identities' grants. */
export function functionGrants(
    graph: IdentityGraph,
    resources: readonly StackResource[],
): FunctionGrants[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const exempted = exemptedMembers(resources);
    const grantsFrom = new Map<string, GrantedEdge[]>();
    for (const edge of graph.edges) {
        if (edge.kind !== "granted") continue;
        const list = grantsFrom.get(edge.from) ?? [];
        list.push(edge);
        grantsFrom.set(edge.from, list);
    }
    return graph.functions.flatMap((profile) => {
        const fn = graph.nodeById.get(profile.functionId);
        if (fn?.cloud === null || fn === undefined) return [];
        const identities = profile.identityIds.flatMap((id) => {
            const node = graph.nodeById.get(id);
            return node === undefined ? [] : [node];
        });
        const named = identities.map((node) => ({ node, principal: principalOf(node, byUrn) }));
        const principals = named.flatMap(({ principal }) =>
            principal === undefined ? [] : [principal],
        );
        const unknown = named
            .filter(({ principal }) => principal === undefined)
            .map(({ node }) => node)
            .map(
                (node) =>
                    `how the logs name the identity '${node.label}' is not known (a preview leaves it unknown until the identity exists): its calls cannot be found in the logs`,
            );
        // A principal exempted from Data Access logs leaves no record of its reads and writes.
        const exemptions = principals
            .filter((p) => fn.cloud === "gcp" && exempted.has(`serviceaccount:${p}`))
            .map(
                (p) =>
                    `${p} is exempted from Data Access logs by an audit config of the stack: its reads and writes are not logged, so nothing of it is called unused`,
            );
        const grants = profile.identityIds.flatMap((id) =>
            (grantsFrom.get(id) ?? []).map((edge): Grant => {
                const target = graph.nodeById.get(edge.to);
                const targetResource =
                    target?.urn === undefined ? undefined : byUrn.get(target.urn);
                return {
                    ...(edge.via === undefined ? {} : { via: edge.via }),
                    access: edge.access,
                    target: target?.label ?? edge.to,
                    ...(targetResource === undefined ? {} : { targetResource }),
                    permissions: edge.permissions,
                    conditions: edge.conditions,
                    ...(edge.partial === true ? { partial: true as const } : {}),
                };
            }),
        );
        const defaults = identities
            .filter((node) => node.id.startsWith("gcp:identity:default:"))
            .map(
                (node) =>
                    `'${node.label}' is Google's default account: what it holds is granted outside the stack, so its grants are not read here`,
            );
        const fnResource = fn.urn === undefined ? undefined : byUrn.get(fn.urn);
        return [
            {
                cloud: fn.cloud,
                functions: fnResource === undefined ? [] : [fnResource],
                principals,
                identities: identities.map((node) => node.label),
                identityUrns: identities.flatMap((node) =>
                    node.urn === undefined ? [] : [node.urn],
                ),
                grants,
                incomplete: [
                    ...(profile.unreadable ?? []),
                    ...(profile.complete || profile.unreadable !== undefined
                        ? []
                        : [
                              "some grant of the identity could not be read (a value unknown in preview)",
                          ]),
                    ...unknown,
                    ...defaults,
                    ...exemptions,
                ],
                findable: principals.length > 0 && unknown.length === 0 && exemptions.length === 0,
            },
        ];
    });
}
