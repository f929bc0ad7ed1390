/**
 * The Azure part of the identity graph (see model.ts and ../../../docs/azure.md, "Identity graph").
 *
 * Functions are function apps (`azure-native:web:WebApp`/`WebAppSlot` whose kind contains
 * `functionapp`); each runs as its user-assigned identities (resources of the stack) and its
 * system-assigned identity (`azure:identity:system-assigned:<app URN>`), see azure/identities.ts. Every
 * role assignment held by one of those identities is a `granted` edge to its scope, with the role's
 * actions and data actions as permissions (azure/grants.ts); Easy Auth settings give `can-invoke` and
 * `public` edges (azure/easy-auth.ts); apps built with `AzureFunction` get declared access
 * (azure/declared.ts). Resources are linked by value, and by property dependencies where values are
 * unknown in preview.
 */
import { functionAppsOf } from "../azure/function-identities";
import { componentOf, declaredAccess, declaredPermissionCount } from "./azure/declared";
import { easyAuthEdges } from "./azure/easy-auth";
import { roleAssignmentGrant } from "./azure/grants";
import { ownHostStorage } from "./azure/host-storage";
import { collectIdentities, heldRoleAssignments, resourceNode } from "./azure/identities";
import { AzureStack } from "./azure/stack";
import {
    type FunctionProfile,
    type GraphEdge,
    type GraphNode,
    type GraphPart,
    type Permission,
    permissionKey,
    PUBLIC_NODE_ID,
    riskCounts,
} from "./model";
import type { StackResource } from "../stack/resource";

export function azureGraphPart(resources: readonly StackResource[]): GraphPart {
    const stack = new AzureStack(resources);
    const apps = functionAppsOf(resources);
    if (apps.length === 0) {
        return { nodes: [], edges: [], functions: [] };
    }
    const nodes = new Map<string, GraphNode>(
        apps.map((app) => [app.urn, resourceNode(app, "function")]),
    );
    const edges: GraphEdge[] = [];

    const identities = collectIdentities(resources);
    for (const identity of identities.all.values()) {
        nodes.set(identity.node.id, identity.node);
        for (const app of identity.apps) {
            edges.push({ kind: "runs-as", from: app.urn, to: identity.node.id });
        }
    }

    // One granted edge per (role assignment, identity).
    const permissionsOfIdentity = new Map<string, Permission[]>();
    const incomplete = new Set<string>();
    const hostStorageOf = new Map<string, ReturnType<typeof ownHostStorage>>();
    for (const { assignment, identity, denials } of heldRoleAssignments(identities, resources)) {
        const nodeId = identity.node.id;
        let isOwnRuntime = hostStorageOf.get(nodeId);
        if (isOwnRuntime === undefined) {
            isOwnRuntime = ownHostStorage(identity.apps);
            hostStorageOf.set(nodeId, isOwnRuntime);
        }
        const grant = roleAssignmentGrant(assignment, nodeId, stack, isOwnRuntime, denials);
        edges.push(grant.edge);
        if (!nodes.has(grant.target.id)) {
            nodes.set(grant.target.id, grant.target);
        }
        const held = permissionsOfIdentity.get(nodeId) ?? [];
        permissionsOfIdentity.set(nodeId, [...held, ...grant.edge.permissions]);
        if (!grant.complete) {
            incomplete.add(nodeId);
        }
    }

    const callers = [...identities.all.values()].map((i) => i.caller);
    const invocation = easyAuthEdges(apps, callers, stack);
    for (const edge of [...invocation.canInvoke, ...invocation.publicEdges]) {
        edges.push(edge);
    }
    if (invocation.publicEdges.length > 0) {
        nodes.set(PUBLIC_NODE_ID, {
            id: PUBLIC_NODE_ID,
            kind: "public",
            cloud: null,
            label: "anyone",
        });
    }

    const functions = apps.map((app): FunctionProfile => {
        const identityIds = (identities.ofApp.get(app.urn) ?? []).map((i) => i.node.id);
        const byKey = new Map<string, Permission>();
        for (const id of identityIds) {
            for (const permission of permissionsOfIdentity.get(id) ?? []) {
                byKey.set(permissionKey(permission), permission);
            }
        }
        const permissions = [...byKey.values()];
        const component = componentOf(app, stack);
        const declared = component === undefined ? undefined : declaredPermissionCount(component);
        return {
            functionId: app.urn,
            identityIds,
            permissions,
            risk: riskCounts(permissions),
            ...(declared === undefined
                ? {}
                : { declared: declaredAccess(declared, permissions.length) }),
            complete: !identityIds.some((id) => incomplete.has(id)),
        };
    });
    return { nodes: [...nodes.values()], edges, functions };
}
