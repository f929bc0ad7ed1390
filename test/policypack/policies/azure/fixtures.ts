/**
 * Azure resources for rule tests, shaped like azure-native 3.x inputs and outputs, and a way to give
 * stack resources property dependencies (the shared harness sends none, as the SDK does for a resource
 * without them).
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import type { HarnessResource } from "../../harness";

export const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000001";
export const RESOURCE_GROUP = `${SUBSCRIPTION}/resourceGroups/app-rg`;

/** Built-in role GUIDs, checked against ../shared/data/azure-builtin-roles.json by the data test. */
export const ROLES = {
    owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    managedIdentityOperator: "f1a07417-d97a-45cb-824c-7a7467783830",
    websiteContributor: "de139f84-1756-47ae-9be6-808fbbe84772",
} as const;

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::perimeter::${type}::${name}`;
}

export function identityId(name: string): string {
    return `${RESOURCE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
}

export function roleDefinitionId(guid: string): string {
    return `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

export function userAssignedIdentity(name: string, principalId: unknown): HarnessResource {
    return {
        type: "azure-native:managedidentity:UserAssignedIdentity",
        name,
        props: { id: identityId(name), principalId, clientId: `client-${name}` },
    };
}

/** A function app as a stack export shows it: `userAssignedIdentities` keyed by identity ID. */
export function functionApp(
    name: string,
    identity: Record<string, unknown> | undefined,
    extra: Record<string, unknown> = {},
): HarnessResource {
    return {
        type: "azure-native:web:WebApp",
        name,
        props: {
            id: `${RESOURCE_GROUP}/providers/Microsoft.Web/sites/${name}`,
            name,
            kind: "functionapp,linux",
            ...(identity === undefined ? {} : { identity }),
            ...extra,
        },
    };
}

export function userAssigned(...identityNames: string[]): Record<string, unknown> {
    return {
        type: "UserAssigned",
        userAssignedIdentities: Object.fromEntries(
            identityNames.map((n) => [identityId(n), { principalId: `principal-${n}` }]),
        ),
    };
}

export function roleAssignment(
    name: string,
    principalId: unknown,
    role: unknown,
    scope: unknown = `${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/data`,
): HarnessResource {
    return {
        type: "azure-native:authorization:RoleAssignment",
        name,
        props: { principalId, roleDefinitionId: role, scope, principalType: "ServicePrincipal" },
    };
}

/** Property dependencies by resource name: `{ "reader": { principalId: ["fn-id"] } }`. */
export type Dependencies = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/**
 * The policy with the stack's property dependencies filled in before it runs, as the SDK's server fills
 * them from the AnalyzeStack request.
 */
export function withDependencies(
    policy: StackValidationPolicy,
    dependencies: Dependencies,
): StackValidationPolicy {
    return {
        ...policy,
        validateStack: (args, report) => {
            const byName = new Map(args.resources.map((r) => [r.name, r]));
            for (const resource of args.resources) {
                const wanted = dependencies[resource.name] ?? {};
                const filled: Record<string, PolicyResource[]> = {};
                for (const [property, names] of Object.entries(wanted)) {
                    filled[property] = names.flatMap((n) => {
                        const target = byName.get(n);
                        return target === undefined ? [] : [target];
                    });
                }
                Object.assign(resource, { propertyDependencies: filled });
            }
            return policy.validateStack(args, report);
        },
    };
}
