/**
 * Who may invoke which Lambda function of the stack:
 * - `can-invoke` from an identity whose effective permissions allow lambda:InvokeFunction (exactly or
 *   by a wildcard) on a function's ARN, a pattern covering it, or the ARN with a qualifier;
 * - `can-invoke` from an identity a Lambda permission names as principal (its role ARN);
 * - `public` from a Lambda permission for principal `*` not scoped by sourceArn, sourceAccount or
 *   principalOrgID, and from a function URL with authorization type NONE.
 *
 * A permission for an account (`111122223333` or its `:root` ARN) adds no edge: it delegates to the
 * identity policies of that account, which the first kind of edge already reads. Service principals
 * are not identities of the graph.
 *
 * During preview a policy document built from outputs is unknown; when its property dependencies name a
 * function of the stack, the identity gets a `can-invoke` edge to it marked as inferred, since the
 * document most likely grants access to that function (that is how `AwsFunction` writes a
 * `lambda:invoke` grant).
 */
import { awsActionPatternMatches } from "../../aws-actions";
import { knownString, propertyText } from "../../known-value";
import { lacksScopingConditions } from "../../aws/lambda-permissions";
import { AWS_ROLE, linkedBy, resourceIndexOf } from "../../aws/stack-links";
import type { CanInvokeEdge, PublicEdge } from "../model";
import { PUBLIC_NODE_ID } from "../model";
import type { RoleGrant } from "./grants";
import type { StackFunctions } from "./stack-functions";
import type { StackResource } from "../../stack/resource";

export const AWS_LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
export const AWS_LAMBDA_FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";

/** One function identity, as the invocation edges need it. */
export interface InvokingIdentity {
    readonly id: string;
    readonly role?: StackResource;
    readonly roleArn?: string;
    readonly grants: readonly RoleGrant[];
    /** Policies whose documents were unknown, with the property that holds them. */
    readonly unknownDocuments: readonly {
        readonly resource: StackResource;
        readonly property: string;
    }[];
    /** URNs of the functions that run as it. */
    readonly functionUrns: ReadonlySet<string>;
}

export interface Invocations {
    /** Built when called: with roles allowed `*` they number roles × functions. */
    readonly canInvoke: () => CanInvokeEdge[];
    /** The functions each identity may invoke, each once: the same as `canInvoke`'s targets. */
    readonly callees: ReadonlyMap<string, readonly string[]>;
    readonly public: PublicEdge[];
}

const INVOKE = "lambda:InvokeFunction";

function allowsInvoking(permission: StackResource): boolean {
    const action = knownString(permission.props, "action");
    // A computed action is most likely an invoke; unknown is not a reason to lose the edge.
    if (!action.known) {
        return true;
    }
    return (
        action.value !== undefined &&
        (awsActionPatternMatches(action.value, INVOKE) ||
            awsActionPatternMatches(action.value, "lambda:InvokeFunctionUrl"))
    );
}

export function invocations(
    resources: readonly StackResource[],
    functions: StackFunctions,
    identities: readonly InvokingIdentity[],
): Invocations {
    // What each identity may invoke through each source, in order; turned into edges at the end.
    const reached: Reached[] = [];
    for (const identity of identities) {
        for (const grant of identity.grants) {
            if (grant.permissions.some((p) => p.action === INVOKE)) {
                const fns = functions.matching(grant.resource);
                reached.push({
                    identity,
                    via: grant.source.via.urn,
                    fns,
                    conditions: grant.conditions,
                });
            }
        }
        for (const { resource, property } of identity.unknownDocuments) {
            const fns = (resource.propertyDependencies?.[property] ?? []).flatMap((dependency) => {
                const fn = functions.byUrn(dependency.urn);
                return fn === undefined ? [] : [fn];
            });
            reached.push({
                identity,
                via: resource.urn,
                fns,
                mayRepeat: true,
                conditions: [
                    `inferred during preview: the unknown document of ${resource.name} depends on this function`,
                ],
            });
        }
    }
    const publicEdges: PublicEdge[] = [];
    const roles = resourceIndexOf(AWS_ROLE, resources);
    // The identities a Lambda permission's principal names, found by role once, not per permission.
    const byRoleUrn = new Map<string, InvokingIdentity[]>();
    const byRoleArn = new Map<string, InvokingIdentity[]>();
    for (const identity of identities) {
        if (identity.role !== undefined) {
            byRoleUrn.set(identity.role.urn, [
                ...(byRoleUrn.get(identity.role.urn) ?? []),
                identity,
            ]);
        }
        if (identity.roleArn !== undefined) {
            byRoleArn.set(identity.roleArn, [...(byRoleArn.get(identity.roleArn) ?? []), identity]);
        }
    }
    for (const resource of resources) {
        if (resource.type === AWS_LAMBDA_PERMISSION && allowsInvoking(resource)) {
            const targets = functions.namedBy(resource, "function");
            const principal = propertyText(resource, "principal");
            if (principal === "*" && lacksScopingConditions(resource.props)) {
                for (const fn of targets) {
                    publicEdges.push({
                        kind: "public",
                        from: PUBLIC_NODE_ID,
                        to: fn.urn,
                        via: resource.urn,
                        reason: `Lambda permission '${resource.name}' lets principal '*' invoke it without sourceArn, sourceAccount or principalOrgId`,
                    });
                }
                continue;
            }
            const named = linkedBy(resource, "principal", roles);
            const callers = new Set([
                ...named.resources.flatMap((role) => byRoleUrn.get(role.urn) ?? []),
                ...named.external.flatMap((arn) => byRoleArn.get(arn) ?? []),
            ]);
            for (const identity of callers) {
                reached.push({ identity, via: resource.urn, fns: targets, conditions: [] });
            }
        }
        if (
            resource.type === AWS_LAMBDA_FUNCTION_URL &&
            propertyText(resource, "authorizationType") === "NONE"
        ) {
            for (const fn of functions.namedBy(resource, "functionName")) {
                publicEdges.push({
                    kind: "public",
                    from: PUBLIC_NODE_ID,
                    to: fn.urn,
                    via: resource.urn,
                    reason: `function URL '${resource.name}' with authorization type NONE`,
                });
            }
        }
    }
    return {
        canInvoke: () => canInvokeEdges(reached),
        callees: calleesOf(reached),
        public: publicEdges,
    };
}

/** Functions an identity may invoke through one source (a policy, a Lambda permission). */
interface Reached {
    readonly identity: InvokingIdentity;
    readonly via: string;
    readonly fns: readonly StackResource[];
    readonly conditions: readonly string[];
    /** The list may name a function twice (property dependencies); other lists never do. */
    readonly mayRepeat?: boolean;
}

/**
 * One edge per identity, function and source, the first reach deciding its conditions; an identity
 * never gets an edge to its own function. A role allowed `*` may invoke every function, so the edges
 * grow with such roles × functions: sets (of the URN strings the resources hold) are built only for
 * the sources reached more than once or listing a function twice, never a key string per edge.
 */
function canInvokeEdges(reached: readonly Reached[]): CanInvokeEdge[] {
    const pair = (r: Reached): string => `${r.identity.id}\u0000${r.via}`;
    const times = new Map<string, number>();
    for (const r of reached) times.set(pair(r), (times.get(pair(r)) ?? 0) + 1);
    const seen = new Map<string, Set<string>>();
    const edges: CanInvokeEdge[] = [];
    for (const r of reached) {
        const { identity, via, conditions } = r;
        let once: Set<string> | undefined;
        if (times.get(pair(r)) !== 1 || r.mayRepeat === true) {
            once = seen.get(pair(r)) ?? new Set();
            seen.set(pair(r), once);
        }
        for (const fn of r.fns) {
            if (identity.functionUrns.has(fn.urn) || once?.has(fn.urn)) continue;
            once?.add(fn.urn);
            edges.push({ kind: "can-invoke", from: identity.id, to: fn.urn, via, conditions });
        }
    }
    return edges;
}

/** The functions each identity reaches, each once, but never its own. */
function calleesOf(reached: readonly Reached[]): Map<string, readonly string[]> {
    const byIdentity = new Map<string, Reached[]>();
    for (const r of reached) {
        const list = byIdentity.get(r.identity.id);
        if (list === undefined) byIdentity.set(r.identity.id, [r]);
        else list.push(r);
    }
    const callees = new Map<string, readonly string[]>();
    for (const [id, list] of byIdentity) {
        const only = list.length === 1 ? list[0] : undefined;
        if (only !== undefined && only.mayRepeat !== true) {
            const own = only.identity.functionUrns;
            callees.set(
                id,
                only.fns.flatMap((fn) => (own.has(fn.urn) ? [] : [fn.urn])),
            );
            continue;
        }
        const urns = new Set<string>();
        for (const r of list) {
            for (const fn of r.fns) {
                if (!r.identity.functionUrns.has(fn.urn)) urns.add(fn.urn);
            }
        }
        callees.set(id, [...urns]);
    }
    // An identity with nothing to invoke has no can-invoke edge, so no entry.
    for (const [id, list] of callees) if (list.length === 0) callees.delete(id);
    return callees;
}
