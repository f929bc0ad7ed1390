/**
 * Custom roles of the stack (`gcp:projects/iAMCustomRole`, `gcp:organizations/iAMCustomRole`) and which
 * one a grant names: the one reader and the one linker, for the rules (./stack-grants.ts) and the
 * identity graph (../graph/gcp/grants.ts).
 */
import { readKnown } from "../known-value";
import type { StackResource } from "../stack/resource";

export const GCP_PROJECT_CUSTOM_ROLE = "gcp:projects/iAMCustomRole:IAMCustomRole";
export const GCP_ORGANIZATION_CUSTOM_ROLE = "gcp:organizations/iAMCustomRole:IAMCustomRole";
const CUSTOM_ROLE_TYPES = new Set([GCP_PROJECT_CUSTOM_ROLE, GCP_ORGANIZATION_CUSTOM_ROLE]);

/** `projects/<p>/roles/<id>` or `organizations/<o>/roles/<id>`. */
export const CUSTOM_ROLE_NAME = /^(?:projects|organizations)\/[^/]+\/roles\/([^/]+)$/;

export interface CustomRole {
    readonly resource: StackResource;
    readonly roleId: string | undefined;
    /** undefined while unknown during preview; see `permissionsToJudge`. */
    readonly permissions: readonly string[] | undefined;
}

export function isCustomRoleType(type: string): boolean {
    return CUSTOM_ROLE_TYPES.has(type);
}

export function readCustomRole(resource: StackResource): CustomRole {
    const roleId = readKnown((): unknown => resource.props["roleId"]);
    // The entries are read inside the guard too: in preview one of them may be unknown.
    const permissions = readKnown((): string[] => {
        const value: unknown = resource.props["permissions"];
        return Array.isArray(value) ? value.filter((p): p is string => typeof p === "string") : [];
    });
    return {
        resource,
        roleId: roleId.known && typeof roleId.value === "string" ? roleId.value : undefined,
        permissions: permissions.known ? permissions.value : undefined,
    };
}

/**
 * The permissions a rule judges. While they are unknown, they are read again through the SDK's proxy,
 * which stops the rule with "can't run during preview" rather than let it judge a guess.
 */
export function permissionsToJudge(role: CustomRole): readonly string[] {
    if (role.permissions !== undefined) {
        return role.permissions;
    }
    const value: unknown = role.resource.props["permissions"];
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === "string") : [];
}

/**
 * The custom role a grant names: by the id in its role name, or the custom role the IAM resource's
 * role property (`roleField`) depends on while the name is unknown.
 */
export function customRoleOf(
    iam: StackResource,
    role: string | undefined,
    roleField: string | undefined,
    roles: readonly CustomRole[],
): CustomRole | undefined {
    const id = role === undefined ? undefined : CUSTOM_ROLE_NAME.exec(role)?.[1];
    const byId = id === undefined ? undefined : roles.find((r) => r.roleId === id);
    if (byId !== undefined || roleField === undefined) {
        return byId;
    }
    const dependsOn = new Set((iam.propertyDependencies?.[roleField] ?? []).map((r) => r.urn));
    return roles.find((r) => dependsOn.has(r.resource.urn));
}
