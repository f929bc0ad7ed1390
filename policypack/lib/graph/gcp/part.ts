/**
 * The Google Cloud part of the identity graph: Cloud Functions gen1/gen2 and Cloud Run v2 services,
 * the service accounts they run as, every grant of the stack's IAM resources to those accounts
 * (members, bindings and policies at any level, custom roles of the stack), can-invoke edges for
 * invoker grants on a function (or above it: every function of the stack the permission reaches) and
 * public edges for allUsers / allAuthenticatedUsers invokers.
 */
import { type FunctionIdentity, functionIdentities } from "../../gcp/identities";
import {
    type FunctionProfile,
    type GraphEdge,
    type GraphNode,
    type GraphPart,
    type Permission,
    PUBLIC_NODE_ID,
    permissionKey,
    riskCounts,
} from "../model";
import { declaredAccess, declaredPermissionCounts } from "./declared";
import { grantedEdges } from "./granted";
import { accountsByEmail, identityNode } from "./identity-nodes";
import { type LinkedGrant, linkGrants } from "./link";
import { FunctionIndex, functionNode } from "./targets";
import { oncePerRequest } from "../../stack/per-request";
import type { StackResource } from "../../stack/resource";

const PUBLIC_NODE: GraphNode = { id: PUBLIC_NODE_ID, kind: "public", cloud: null, label: "anyone" };

class PartBuilder {
    readonly nodes = new Map<string, GraphNode>();
    readonly edges: GraphEdge[] = [];
    readonly functions: FunctionProfile[] = [];

    node(node: GraphNode): void {
        if (!this.nodes.has(node.id)) {
            this.nodes.set(node.id, node);
        }
    }

    part(): GraphPart {
        return { nodes: [...this.nodes.values()], edges: this.edges, functions: this.functions };
    }
}

function uniquePermissions(permissions: readonly Permission[]): Permission[] {
    const byKey = new Map<string, Permission>();
    for (const permission of permissions) {
        const key = permissionKey(permission);
        if (!byKey.has(key)) {
            byKey.set(key, permission);
        }
    }
    return [...byKey.values()];
}

interface IdentityProfile {
    readonly id: string;
    readonly permissions: readonly Permission[];
    readonly complete: boolean;
}

/** Adds an identity's node, granted and can-invoke edges; returns what its functions hold. */
function addIdentity(
    builder: PartBuilder,
    node: GraphNode,
    grants: readonly LinkedGrant[],
): IdentityProfile {
    builder.node(node);
    const granted = grantedEdges(node.id, grants);
    grants.forEach((grant) => builder.node(grant.target.node));
    for (const edge of granted.edges) {
        builder.edges.push(edge);
    }
    for (const grant of grants) {
        for (const fn of grant.invokes) {
            builder.edges.push({
                kind: "can-invoke",
                from: node.id,
                to: fn.urn,
                via: grant.grant.iam.urn,
                conditions: grant.grant.conditions,
            });
        }
    }
    return {
        id: node.id,
        permissions: uniquePermissions(granted.edges.flatMap((e) => e.permissions)),
        complete: granted.complete,
    };
}

function addPublicEdges(builder: PartBuilder, linked: readonly LinkedGrant[]): void {
    for (const grant of linked) {
        for (const member of grant.publicMembers) {
            for (const fn of grant.invokes) {
                builder.node(PUBLIC_NODE);
                builder.edges.push({
                    kind: "public",
                    from: PUBLIC_NODE_ID,
                    to: fn.urn,
                    via: grant.grant.iam.urn,
                    reason: `${member} has ${grant.permissions.access}`,
                });
            }
        }
    }
}

function grantsByIdentity(linked: readonly LinkedGrant[]): Map<FunctionIdentity, LinkedGrant[]> {
    const byIdentity = new Map<FunctionIdentity, LinkedGrant[]>();
    for (const grant of linked) {
        for (const identity of grant.identities) {
            const list = byIdentity.get(identity) ?? [];
            list.push(grant);
            byIdentity.set(identity, list);
        }
    }
    return byIdentity;
}

function profileOf(
    fn: StackResource,
    identity: IdentityProfile | undefined,
    declared: ReadonlyMap<string, number>,
): FunctionProfile {
    const permissions = identity?.permissions ?? [];
    const declaredCount = declared.get(fn.urn);
    return {
        functionId: fn.urn,
        identityIds: identity === undefined ? [] : [identity.id],
        permissions,
        risk: riskCounts(permissions),
        ...(declaredCount !== undefined
            ? { declared: declaredAccess(declaredCount, permissions.length) }
            : {}),
        complete: identity?.complete ?? false,
    };
}

/** The GCP part of the graph, built once per request (../../stack/per-request.ts). */
export const gcpGraphPart: (resources: readonly StackResource[]) => GraphPart =
    oncePerRequest(buildGcpPart);

function buildGcpPart(resources: readonly StackResource[]): GraphPart {
    const functions = new FunctionIndex(resources);
    const builder = new PartBuilder();
    if (functions.functions.length === 0) {
        return builder.part();
    }
    functions.functions.forEach((fn) => builder.node(functionNode(fn)));
    const identities = functionIdentities(resources);
    const linked = linkGrants(resources, identities, functions);
    const byIdentity = grantsByIdentity(linked);
    const accounts = accountsByEmail(resources);
    const profileOfFunction = new Map<string, IdentityProfile>();
    for (const identity of identities.values()) {
        const node = identityNode(identity, accounts);
        const profile = addIdentity(builder, node, byIdentity.get(identity) ?? []);
        for (const fn of identity.functions) {
            builder.edges.push({ kind: "runs-as", from: fn.urn, to: node.id });
            profileOfFunction.set(fn.urn, profile);
        }
    }
    addPublicEdges(builder, linked);
    const declared = declaredPermissionCounts(resources);
    for (const fn of functions.functions) {
        builder.functions.push(profileOf(fn, profileOfFunction.get(fn.urn), declared));
    }
    return builder.part();
}
