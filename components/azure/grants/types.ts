import type { ScopeKind } from "../resource-id";
import type { BuiltInRole } from "../roles";

/** Where an access level's permission lives. */
export type GrantPlane =
    /** An Azure RBAC role assignment (`authorization.RoleAssignment`) at the target's scope. */
    | "rbac"
    /** A Cosmos DB SQL role assignment (`cosmosdb.SqlResourceSqlRoleAssignment`), data plane. */
    | "cosmos"
    /** No role: the callee's Easy Auth allow-list admits the caller's identity. */
    | "easy-auth";

/** The service endpoint an identity-based binding connection needs, named as Functions names it. */
export type ConnectionKind = "blob" | "queue" | "table" | "servicebus" | "eventhubs" | "cosmosdb";

/**
 * One job a level is for: a data-plane operation (or a Functions binding) and the permissions it
 * needs, as Microsoft's permission tables list them. An operation Microsoft allows in more than one
 * way (Put Message: `messages/add/action` or `messages/write`) lists each way in `needs`; one of them
 * is enough. test/components/azure/needs.test.ts checks each role against
 * ../shared/data/azure-builtin-roles.json: it grants one way of every operation, and what else it
 * grants is the level's excess, pinned and shown in docs/grants.md.
 */
export interface AzureOperation {
    /** The operation, e.g. `Get Blob: read a blob's content`. */
    readonly job: string;
    /** The ways to be allowed it: each is every permission (action or data action) it lists. */
    readonly needs: readonly (readonly string[])[];
    /** Where Microsoft documents the needs. */
    readonly source: string;
}

/** A custom role definition: one per function and level, assignable at that level's grant scopes. */
export interface AzureCustomRole {
    /** Stable key of the definition among the function's children (`role-<key>`). */
    readonly key: string;
    /** The role's display name, before the suffix that makes it unique in the tenant. */
    readonly name: string;
    readonly dataActions: readonly string[];
}

/** One reviewed access level: exactly which role it assigns, and where. */
export interface AzureAccessEntry {
    readonly access: string;
    readonly plane: GrantPlane;
    /** The built-in role the level assigns (absent for `function:invoke` and custom-role levels). */
    readonly role?: BuiltInRole;
    /**
     * A role the component defines itself with exactly these data actions, where every built-in
     * role carries more (Storage Blob Data Contributor can also delete and recreate the container).
     */
    readonly customRole?: AzureCustomRole;
    /**
     * Further roles assigned at the same scope, where Microsoft's binding table lists more than one
     * (a queue trigger: Storage Queue Data Reader next to Message Processor).
     */
    readonly extraRoles?: readonly BuiltInRole[];
    /**
     * The Functions host needs Storage Queue Data Contributor on its own storage account for this
     * level (the blob trigger keeps its work items in host queues).
     */
    readonly hostQueues?: boolean;
    /** Scopes the level is granted on as a matter of course: the target itself. */
    readonly scopes: readonly ScopeKind[];
    /** Wider scopes accepted only with `allowBroadScope: true` (resource group and subscription always are). */
    readonly broadScopes: readonly ScopeKind[];
    /** Whether the level can carry ABAC conditions (blob levels only). */
    readonly conditions: boolean;
    /** The data actions of the role a condition must constrain, so nothing escapes it. */
    readonly dataActions?: readonly string[];
    /** Data actions the level removes from its role with a condition (write-only access). */
    readonly deniedActions?: readonly string[];
    readonly connection?: ConnectionKind;
    /** One line for docs: what the identity can do. */
    readonly summary: string;
    /** The jobs the level is for; whatever else its role grants is excess. */
    readonly operations: readonly AzureOperation[];
}
