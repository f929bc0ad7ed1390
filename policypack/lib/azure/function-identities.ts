/**
 * The function apps of a stack, the identities they run as, and the role assignments those identities
 * hold. Resources are joined by values when they are known (identity resource IDs, principal IDs) and by
 * property dependencies when they are not (during preview a principal ID is computed by Azure), as in
 * the judgement model of ../shared/RULES.md.
 */
import { propertyText, readKnown } from "../known-value";
import {
    hasSystemAssigned,
    identityTypeOf,
    isFunctionAppKind,
    isObject,
    isSiteType,
    ROLE_ASSIGNMENT_TYPE,
    normalizedArmId,
    USER_ASSIGNED_IDENTITY_TYPE,
    userAssignedIdentityIds,
} from "./resources";
import { oncePerRequest } from "../stack/per-request";
import type { StackResource } from "../stack/resource";

/** An identity some function app runs as. */
export interface FunctionIdentity {
    readonly app: StackResource;
    /** The user-assigned identity resource, or the app itself for its system-assigned identity. */
    readonly holder: StackResource;
    readonly kind: "user-assigned" | "system-assigned";
}

/** Every Function App (site or slot whose `kind` contains `functionapp`) of the stack. */
export function functionAppsOf(resources: readonly StackResource[]): StackResource[] {
    return resources.filter((r) => isSiteType(r.type) && isFunctionAppKind(r.props["kind"]));
}

function dependsOn(resource: StackResource, property: string, target: StackResource): boolean {
    return (resource.propertyDependencies?.[property] ?? []).some((d) => d.urn === target.urn);
}

const IDENTITY_PATH =
    /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/([^/]+)\/?$/i;

/** `<resource group>/<name>` of a user-assigned identity resource, lower-cased, when both are known. */
function groupAndName(identity: StackResource): string | undefined {
    const group = propertyText(identity, "resourceGroupName");
    const name = propertyText(identity, "name") ?? propertyText(identity, "resourceName");
    return group === undefined || name === undefined ? undefined : `${group}/${name}`.toLowerCase();
}

/**
 * The stack's user-assigned identities, indexed once per request by the values an app names them by:
 * its known `id`, and its resource group and name (lower-cased).
 */
interface IdentityIndex {
    readonly position: ReadonlyMap<string, number>;
    readonly byUrn: ReadonlyMap<string, StackResource>;
    readonly byId: ReadonlyMap<string, readonly StackResource[]>;
    readonly byGroupAndName: ReadonlyMap<string, readonly StackResource[]>;
}

const identityIndex = oncePerRequest((resources): IdentityIndex => {
    const position = new Map<string, number>();
    const byUrn = new Map<string, StackResource>();
    const byId = new Map<string, StackResource[]>();
    const byGroupAndName = new Map<string, StackResource[]>();
    const add = (map: Map<string, StackResource[]>, key: string, identity: StackResource) =>
        void map.set(key, [...(map.get(key) ?? []), identity]);
    resources.forEach((resource, index) => {
        if (resource.type !== USER_ASSIGNED_IDENTITY_TYPE) {
            return;
        }
        position.set(resource.urn, index);
        byUrn.set(resource.urn, resource);
        const id = propertyText(resource, "id");
        if (id !== undefined) {
            add(byId, normalizedArmId(id), resource);
        }
        const named = groupAndName(resource);
        if (named !== undefined) {
            add(byGroupAndName, named, resource);
        }
    });
    return { position, byUrn, byId, byGroupAndName };
});

/**
 * The user-assigned identity resources of the stack attached to `app`, in stack order. Three links,
 * strongest first:
 * - the app's `identity` property depends on the identity resource (an offline preview, where an ID
 *   built from outputs is unknown);
 * - the ARM ID the app names is the identity's known `id` (a stack export, a real deployment);
 * - the ARM ID the app names has the identity's resource group and name: azure-native has no `id`
 *   input, so an identity created elsewhere in the program and passed by ID, or read with `.get`
 *   (`AzureFunction`'s `existingIdentityId`), is found by its path.
 * Looked up in an index built once per request, not by comparing every app with every identity.
 */
export function userAssignedIdentitiesOf(
    app: StackResource,
    resources: readonly StackResource[],
): StackResource[] {
    const index = identityIndex(resources);
    const found = new Set<StackResource>();
    for (const dependency of app.propertyDependencies?.["identity"] ?? []) {
        const identity = index.byUrn.get(dependency.urn);
        if (identity !== undefined) {
            found.add(identity);
        }
    }
    const attached = readKnown((): string[] => {
        const block: unknown = app.props["identity"];
        return isObject(block) ? userAssignedIdentityIds(block["userAssignedIdentities"]) : [];
    });
    for (const candidate of attached.known ? attached.value : []) {
        for (const identity of index.byId.get(normalizedArmId(candidate)) ?? []) {
            found.add(identity);
        }
        const match = IDENTITY_PATH.exec(candidate);
        const named = match === null ? undefined : `${match[1]}/${match[2]}`.toLowerCase();
        for (const identity of named === undefined ? [] : (index.byGroupAndName.get(named) ?? [])) {
            found.add(identity);
        }
    }
    const at = (identity: StackResource) => index.position.get(identity.urn) ?? 0;
    return [...found].sort((a, b) => at(a) - at(b));
}

/** Every identity of the stack that a function app runs as; linked once per request. */
export const functionIdentitiesOf: (
    resources: readonly StackResource[],
) => readonly FunctionIdentity[] = oncePerRequest(linkFunctionIdentities);

function linkFunctionIdentities(resources: readonly StackResource[]): FunctionIdentity[] {
    const identities: FunctionIdentity[] = [];
    for (const app of functionAppsOf(resources)) {
        const type = readKnown(() => identityTypeOf(app.props["identity"]));
        if (type.known && hasSystemAssigned(type.value)) {
            identities.push({ app, holder: app, kind: "system-assigned" });
        }
        for (const holder of userAssignedIdentitiesOf(app, resources)) {
            identities.push({ app, holder, kind: "user-assigned" });
        }
    }
    return identities;
}

/** The principal ID of an identity: a user-assigned identity's `principalId`, a site's `identity.principalId`. */
export function principalIdOf(identity: FunctionIdentity): string | undefined {
    const principal = readKnown((): unknown => {
        if (identity.kind === "user-assigned") {
            return identity.holder.props["principalId"];
        }
        const block: unknown = identity.holder.props["identity"];
        return isObject(block) ? block["principalId"] : undefined;
    });
    return principal.known && typeof principal.value === "string" ? principal.value : undefined;
}

/** A role assignment held by a function identity. */
export interface FunctionRoleAssignment {
    readonly assignment: StackResource;
    readonly identity: FunctionIdentity;
}

/**
 * The role assignments whose `principalId` is a function identity's principal: equal by value, or, when
 * the assignment's principal is not known yet, depending on the identity's resource. Linked once per
 * request.
 */
export const functionRoleAssignmentsOf: (
    resources: readonly StackResource[],
) => readonly FunctionRoleAssignment[] = oncePerRequest(linkRoleAssignments);

function linkRoleAssignments(resources: readonly StackResource[]): FunctionRoleAssignment[] {
    const identities = functionIdentitiesOf(resources);
    if (identities.length === 0) {
        return [];
    }
    const principals = identities.map((identity) => ({
        identity,
        principalId: principalIdOf(identity)?.toLowerCase(),
    }));
    const found: FunctionRoleAssignment[] = [];
    for (const assignment of resources.filter((r) => r.type === ROLE_ASSIGNMENT_TYPE)) {
        const principal = readKnown((): unknown => assignment.props["principalId"]);
        for (const { identity, principalId } of principals) {
            const linked =
                principal.known && typeof principal.value === "string"
                    ? principalId !== undefined && principal.value.toLowerCase() === principalId
                    : dependsOn(assignment, "principalId", identity.holder);
            if (linked) {
                found.push({ assignment, identity });
            }
        }
    }
    return found;
}

/** `function app 'api' (through user-assigned identity 'api-id')`: how messages name the holder. */
export function describeFunctionIdentity(identity: FunctionIdentity): string {
    return identity.kind === "user-assigned"
        ? `function app '${identity.app.name}' (through user-assigned identity '${identity.holder.name}')`
        : `function app '${identity.app.name}' (through its system-assigned identity)`;
}
