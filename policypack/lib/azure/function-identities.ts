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
    sameArmId,
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
 * Whether `app` runs as the user-assigned `identity`. Three links, strongest first:
 * - the app's `identity` property depends on the identity resource (an offline preview, where an ID
 *   built from outputs is unknown);
 * - the ARM ID the app names is the identity's known `id` (a stack export, a real deployment);
 * - the ARM ID the app names has the identity's resource group and name: azure-native has no `id`
 *   input, so an identity created elsewhere in the program and passed by ID, or read with `.get`
 *   (`AzureFunction`'s `existingIdentityId`), is found by its path.
 */
function attachesIdentity(app: StackResource, identity: StackResource): boolean {
    if (dependsOn(app, "identity", identity)) {
        return true;
    }
    const attached = readKnown((): string[] => {
        const block: unknown = app.props["identity"];
        return isObject(block) ? userAssignedIdentityIds(block["userAssignedIdentities"]) : [];
    });
    if (!attached.known || attached.value.length === 0) {
        return false;
    }
    const id = propertyText(identity, "id");
    if (id !== undefined && attached.value.some((candidate) => sameArmId(candidate, id))) {
        return true;
    }
    const named = groupAndName(identity);
    return (
        named !== undefined &&
        attached.value.some((candidate) => {
            const match = IDENTITY_PATH.exec(candidate);
            return match !== null && `${match[1]}/${match[2]}`.toLowerCase() === named;
        })
    );
}

/** The user-assigned identity resources of the stack attached to `app`. */
export function userAssignedIdentitiesOf(
    app: StackResource,
    resources: readonly StackResource[],
): StackResource[] {
    return resources.filter(
        (r) => r.type === USER_ASSIGNED_IDENTITY_TYPE && attachesIdentity(app, r),
    );
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
function principalIdOf(identity: FunctionIdentity): string | undefined {
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
