/**
 * The identities function apps run as, and the role assignments those identities hold, as
 * ../../azure/function-identities.ts links them for the rules too (by property dependency, identity ID,
 * or the identity's resource group and name; assignments by principal ID or property dependency):
 * the graph and the mandatory rules see the same identities and the same assignments.
 */
import { denialsOf, type DenyAssignment } from "../../azure/deny-assignments";
import {
    functionIdentitiesOf,
    functionRoleAssignmentsOf,
    principalIdOf,
} from "../../azure/function-identities";
import { readKnown, propertyText } from "../../known-value";
import type { GraphNode } from "../model";
import type { CallerIdentity } from "./easy-auth";
import { isRecord } from "./stack";
import type { StackResource } from "../../stack/resource";

type IdentityKind = "user-assigned" | "system-assigned";

export interface IdentityInfo {
    readonly node: GraphNode;
    readonly caller: CallerIdentity;
    /** The apps that run as it. */
    readonly apps: StackResource[];
}

export interface FunctionIdentities {
    /** By node id. */
    readonly all: ReadonlyMap<string, IdentityInfo>;
    /** By app URN. */
    readonly ofApp: ReadonlyMap<string, readonly IdentityInfo[]>;
}

export function resourceNode(resource: StackResource, kind: "function" | "identity"): GraphNode {
    return {
        id: resource.urn,
        kind,
        cloud: "azure",
        label: resource.name,
        type: resource.type,
        urn: resource.urn,
    };
}

function systemPrincipalId(app: StackResource): string | undefined {
    const principal = readKnown((): unknown => {
        const identity: unknown = app.props["identity"];
        return isRecord(identity) ? identity["principalId"] : undefined;
    });
    return principal.known && typeof principal.value === "string" ? principal.value : undefined;
}

function identityNode(app: StackResource, holder: StackResource, kind: IdentityKind): GraphNode {
    return kind === "user-assigned"
        ? resourceNode(holder, "identity")
        : {
              id: `azure:identity:system-assigned:${app.urn}`,
              kind: "identity",
              cloud: "azure",
              label: `${app.name} (system-assigned)`,
          };
}

function callerOf(
    node: GraphNode,
    app: StackResource,
    holder: StackResource,
    kind: IdentityKind,
): CallerIdentity {
    const principalId =
        kind === "user-assigned" ? propertyText(holder, "principalId") : systemPrincipalId(app);
    const clientId = kind === "user-assigned" ? propertyText(holder, "clientId") : undefined;
    return {
        nodeId: node.id,
        holder,
        appUrn: app.urn,
        ...(principalId === undefined ? {} : { principalId }),
        ...(clientId === undefined ? {} : { clientId }),
    };
}

export function collectIdentities(resources: readonly StackResource[]): FunctionIdentities {
    const all = new Map<string, IdentityInfo>();
    const ofApp = new Map<string, IdentityInfo[]>();
    // One identity is one principal: an identity the program creates and reads again with `.get`
    // (AzureFunction's `existingIdentityId`) is two resources of the stack and one node.
    const byPrincipal = new Map<string, IdentityInfo>();
    const attach = (app: StackResource, holder: StackResource, kind: IdentityKind): void => {
        const node = identityNode(app, holder, kind);
        const principal =
            kind === "user-assigned" ? propertyText(holder, "principalId") : undefined;
        let info =
            all.get(node.id) ?? (principal === undefined ? undefined : byPrincipal.get(principal));
        if (info === undefined) {
            info = { node, caller: callerOf(node, app, holder, kind), apps: [] };
            all.set(node.id, info);
            if (principal !== undefined) {
                byPrincipal.set(principal, info);
            }
        }
        const ofThisApp = ofApp.get(app.urn) ?? [];
        if (!ofThisApp.includes(info)) {
            ofApp.set(app.urn, [...ofThisApp, info]);
            info.apps.push(app);
        }
    };
    for (const found of functionIdentitiesOf(resources)) {
        attach(found.app, found.holder, found.kind);
    }
    return { all, ofApp };
}

export interface HeldRoleAssignment {
    readonly assignment: StackResource;
    readonly identity: IdentityInfo;
    /** The deny assignments that certainly take some of it back (../../azure/deny-assignments.ts). */
    readonly denials: readonly DenyAssignment[];
}

/** Every (role assignment, identity) pair where the identity holds the assignment, once. */
export function heldRoleAssignments(
    identities: FunctionIdentities,
    resources: readonly StackResource[],
): HeldRoleAssignment[] {
    const held: HeldRoleAssignment[] = [];
    const seen = new Set<string>();
    for (const { assignment, identity } of functionRoleAssignmentsOf(resources)) {
        const nodeId =
            identity.kind === "user-assigned"
                ? identity.holder.urn
                : `azure:identity:system-assigned:${identity.app.urn}`;
        const info = identities.all.get(nodeId);
        const key = `${assignment.urn} ${nodeId}`;
        if (info !== undefined && !seen.has(key)) {
            seen.add(key);
            const principalId = principalIdOf(identity)?.toLowerCase();
            held.push({
                assignment,
                identity: info,
                denials: denialsOf(assignment, principalId, resources),
            });
        }
    }
    return held;
}
