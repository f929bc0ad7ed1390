/**
 * The AWS part of the identity graph (see model.ts): Lambda functions, the roles they run as, what each
 * role is effectively granted (every way a policy reaches it, AWS-managed policies included, Deny
 * statements applied), who may invoke which function, and which functions anyone may invoke.
 *
 * Built from values and, when values are unknown during preview, from property dependencies; a policy
 * document that is unknown leaves its identity incomplete instead of stopping the graph. Never throws on
 * a property bag. The pieces live in ./aws/.
 */
import { functionRolePermissions } from "../aws/effective-permissions";
import { functionIdentities } from "../aws/function-identities";
import { AWS_LAMBDA_FUNCTION } from "../aws/stack-links";
import { componentsByFunction, declaredAccess, declaredPermissionKeys } from "./aws/declared";
import type { RoleGrant } from "./aws/grants";
import { type Identity, identityOf, summarised } from "./aws/identities";
import { invocations } from "./aws/invocations";
import { readableStack } from "./aws/readable-documents";
import { StackFunctions } from "./aws/stack-functions";
import { targetNodes } from "./aws/targets";
import {
    type FunctionProfile,
    type GraphEdge,
    type GraphNode,
    type GraphPart,
    type Permission,
    PUBLIC_NODE_ID,
    permissionKey,
    riskCounts,
} from "./model";
import type { StackResource } from "../stack/resource";

export function awsGraphPart(resources: readonly StackResource[]): GraphPart {
    const lambdas = resources.filter((r) => r.type === AWS_LAMBDA_FUNCTION);
    if (lambdas.length === 0) {
        return { nodes: [], edges: [], functions: [] };
    }
    const readable = readableStack(resources);
    const entries = functionIdentities(readable.resources);
    const effective = functionRolePermissions(readable.resources);
    const identities = entries.map((entry) =>
        identityOf(
            entry,
            entry.role === undefined ? undefined : effective.get(entry.role.urn),
            readable.unknownDocuments,
        ),
    );
    const nodes = new Map<string, GraphNode>();
    const addNode = (node: GraphNode) => void (nodes.has(node.id) || nodes.set(node.id, node));
    for (const fn of lambdas) {
        addNode({
            id: fn.urn,
            kind: "function",
            cloud: "aws",
            label: fn.name,
            type: fn.type,
            urn: fn.urn,
        });
    }
    const edges: GraphEdge[] = [];
    const target = targetNodes(resources);
    for (const identity of identities) {
        addNode(identity.node);
        for (const fnUrn of identity.functionUrns) {
            edges.push({ kind: "runs-as", from: fnUrn, to: identity.id });
        }
        for (const grant of identity.grants) {
            const node = target(grant.resource);
            addNode(node);
            edges.push({
                kind: "granted",
                from: identity.id,
                to: node.id,
                via: grant.source.via.urn,
                access: grant.access,
                level: grant.level,
                permissions: grant.permissions,
                conditions: grant.conditions,
                ...(summarised(grant.source) || grant.source.problem !== undefined
                    ? { partial: true as const }
                    : {}),
            });
        }
    }
    const invoked = invocations(
        readable.resources,
        new StackFunctions(readable.resources),
        identities,
    );
    if (invoked.public.length > 0) {
        addNode({ id: PUBLIC_NODE_ID, kind: "public", cloud: null, label: "anyone" });
    }
    // The can-invoke edges are built only when read (model.ts InvokeLists): the rules walk `invokes`.
    let all: GraphEdge[] | undefined;
    return {
        nodes: [...nodes.values()],
        get edges() {
            if (all === undefined) {
                all = edges;
                // One by one: an identity allowed `*` can invoke every function, too many edges
                // for a spread call.
                for (const edge of [...invoked.canInvoke(), ...invoked.public]) {
                    all.push(edge);
                }
            }
            return all;
        },
        functions: profiles(resources, lambdas, identities),
        invokes: {
            byIdentity: invoked.callees,
            publicCallees: [...new Set(invoked.public.map((edge) => edge.to))],
        },
    };
}

function profiles(
    resources: readonly StackResource[],
    lambdas: readonly StackResource[],
    identities: readonly Identity[],
): FunctionProfile[] {
    const components = componentsByFunction(resources, lambdas);
    const identitiesOf = new Map<string, Identity[]>();
    for (const identity of identities) {
        for (const urn of identity.functionUrns) {
            identitiesOf.set(urn, [...(identitiesOf.get(urn) ?? []), identity]);
        }
    }
    return lambdas.map((fn) => {
        const own = identitiesOf.get(fn.urn) ?? [];
        const permissions = distinctPermissions(own.flatMap((i) => i.grants));
        const component = components.get(fn.urn);
        const declared = component === undefined ? undefined : declaredPermissionKeys(component);
        return {
            functionId: fn.urn,
            identityIds: own.map((i) => i.id),
            permissions,
            risk: riskCounts(permissions),
            complete: own.length > 0 && own.every((i) => i.complete),
            unreadable: [...new Set(own.flatMap((i) => i.unreadable))].sort(),
            ...(declared === undefined
                ? {}
                : { declared: declaredAccess(declared.size, permissions.length) }),
        };
    });
}

/**
 * The permissions of several grants without duplicates. A grant lists each action once on its one
 * resource, so only grants on the same resource can repeat a permission: the others are taken whole
 * (an identity allowed `*` has tens of thousands of permissions).
 */
function distinctPermissions(grants: readonly RoleGrant[]): readonly Permission[] {
    // One grant: its (possibly shared) list itself, so equal profiles hold the same list.
    if (grants.length === 1) return grants[0]?.permissions ?? [];
    const byResource = new Map<string, RoleGrant[]>();
    for (const grant of grants) {
        byResource.set(grant.resource, [...(byResource.get(grant.resource) ?? []), grant]);
    }
    const permissions: Permission[] = [];
    for (const sameResource of byResource.values()) {
        if (sameResource.length === 1) {
            for (const permission of sameResource[0]?.permissions ?? []) {
                permissions.push(permission);
            }
            continue;
        }
        const seen = new Set<string>();
        for (const permission of sameResource.flatMap((g) => g.permissions)) {
            const key = permissionKey(permission);
            if (!seen.has(key)) {
                seen.add(key);
                permissions.push(permission);
            }
        }
    }
    return permissions;
}
