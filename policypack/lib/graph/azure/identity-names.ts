/**
 * User-assigned identities a function app names by ARM ID, matched by the identity's resource group and
 * name when neither its `id` (not an azure-native output) nor a property dependency links them: e.g. an
 * app that runs as an identity created elsewhere in the program and passed in by ID (`AzureFunction`'s
 * `existingIdentityId`, which reads the identity with `.get`), and the role assignments those
 * identities hold, by principal ID or by property dependency. ../../azure/function-identities.ts finds
 * the others.
 */
import {
    ROLE_ASSIGNMENT_TYPE,
    USER_ASSIGNED_IDENTITY_TYPE,
    userAssignedIdentityIds,
} from "../../azure/resources";
import type { GraphResource } from "../model";
import { readKnown } from "../../known-value";
import { type AzureStack, isRecord, knownString } from "./stack";

const IDENTITY_ID =
    /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/([^/]+)\/?$/i;

/** The user-assigned identity resources of the stack whose resource group and name `app` attaches. */
export function identitiesNamedBy(app: GraphResource, stack: AzureStack): GraphResource[] {
    const attached = readKnown(() => {
        const identity: unknown = app.props["identity"];
        return isRecord(identity)
            ? userAssignedIdentityIds(identity["userAssignedIdentities"])
            : [];
    });
    const wanted = (attached.known ? attached.value : []).flatMap((id) => {
        const match = IDENTITY_ID.exec(id);
        return match?.[1] !== undefined && match[2] !== undefined
            ? [`${match[1]}/${match[2]}`.toLowerCase()]
            : [];
    });
    if (wanted.length === 0) {
        return [];
    }
    return stack.ofType(USER_ASSIGNED_IDENTITY_TYPE).filter((identity) => {
        const group = knownString(identity, "resourceGroupName");
        const name = knownString(identity, "name") ?? knownString(identity, "resourceName");
        return (
            group !== undefined &&
            name !== undefined &&
            wanted.includes(`${group}/${name}`.toLowerCase())
        );
    });
}

/** The role assignments whose principal is this identity's, by value or by property dependency. */
export function roleAssignmentsHeldBy(identity: GraphResource, stack: AzureStack): GraphResource[] {
    const principalId = knownString(identity, "principalId")?.toLowerCase();
    return stack.ofType(ROLE_ASSIGNMENT_TYPE).filter((assignment) => {
        const principal = knownString(assignment, "principalId");
        return principal !== undefined
            ? principal.toLowerCase() === principalId
            : stack.dependsOn(assignment, "principalId", identity);
    });
}
