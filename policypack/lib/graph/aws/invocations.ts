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
import { knownString, UNKNOWN } from "../../aws/known-value";
import { lacksScopingConditions } from "../../aws/lambda-permissions";
import { AWS_ROLE, linkedBy, ResourceIndex, type StackResource } from "../../aws/stack-links";
import type { CanInvokeEdge, PublicEdge } from "../model";
import { PUBLIC_NODE_ID } from "../model";
import type { RoleGrant } from "./grants";
import type { StackFunctions } from "./stack-functions";

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
    readonly canInvoke: CanInvokeEdge[];
    readonly public: PublicEdge[];
}

const INVOKE = "lambda:InvokeFunction";

function allowsInvoking(permission: StackResource): boolean {
    const action = knownString(permission.props, "action");
    // A computed action is most likely an invoke; unknown is not a reason to lose the edge.
    return (
        action === UNKNOWN ||
        (action !== undefined &&
            (awsActionPatternMatches(action, INVOKE) ||
                awsActionPatternMatches(action, "lambda:InvokeFunctionUrl")))
    );
}

export function invocations(
    resources: readonly StackResource[],
    functions: StackFunctions,
    identities: readonly InvokingIdentity[],
): Invocations {
    const canInvoke: CanInvokeEdge[] = [];
    // One edge per identity, function and source: the functions seen per identity and source, kept
    // as sets of the URN strings the resources already hold (a role allowed `*` may invoke every
    // function: a key string per edge would cost more than the edges).
    const seen = new Map<string, Map<string, Set<string>>>();
    const add = (
        identity: InvokingIdentity,
        fn: StackResource,
        via: string,
        conditions: readonly string[],
    ) => {
        if (identity.functionUrns.has(fn.urn)) return;
        let bySource = seen.get(identity.id);
        if (bySource === undefined) {
            bySource = new Map();
            seen.set(identity.id, bySource);
        }
        let functions = bySource.get(via);
        if (functions === undefined) {
            functions = new Set();
            bySource.set(via, functions);
        }
        if (functions.has(fn.urn)) return;
        functions.add(fn.urn);
        canInvoke.push({ kind: "can-invoke", from: identity.id, to: fn.urn, via, conditions });
    };
    for (const identity of identities) {
        for (const grant of identity.grants) {
            if (grant.permissions.some((p) => p.action === INVOKE)) {
                for (const fn of functions.matching(grant.resource)) {
                    add(identity, fn, grant.source.via.urn, grant.conditions);
                }
            }
        }
        for (const { resource, property } of identity.unknownDocuments) {
            for (const dependency of resource.propertyDependencies?.[property] ?? []) {
                const fn = functions.byUrn(dependency.urn);
                if (fn !== undefined) {
                    add(identity, fn, resource.urn, [
                        `inferred during preview: the unknown document of ${resource.name} depends on this function`,
                    ]);
                }
            }
        }
    }
    const publicEdges: PublicEdge[] = [];
    const roles = new ResourceIndex(AWS_ROLE, resources);
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
            const principal = knownString(resource.props, "principal");
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
                for (const fn of targets) {
                    add(identity, fn, resource.urn, []);
                }
            }
        }
        if (
            resource.type === AWS_LAMBDA_FUNCTION_URL &&
            knownString(resource.props, "authorizationType") === "NONE"
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
    return { canInvoke, public: publicEdges };
}
