/**
 * The shape of one reviewed access-table entry: which role an access level binds, on what kind of
 * target, and the permissions that role carries (from ../shared/data/gcp-predefined-roles.json, checked
 * by a test), so a reviewer reads exactly what a grant gives without leaving the table.
 */

/**
 * The kind of resource a grant's IAM member is bound on. It decides the member resource type, whether
 * an IAM Condition can be attached, and which service's Data Access logs record the access.
 */
export type GcpTargetKind =
    | "bucket"
    | "topic"
    | "subscription"
    | "secret"
    | "cryptoKey"
    | "runService"
    | "firestoreDatabase";

/**
 * One job a level is for: an API call (or a trigger) and every IAM permission Google lists for it.
 * test/components/gcp/needs.test.ts checks that the level's role grants all of them and pins what else
 * the role grants (the excess), shown in docs/grants.md.
 */
export interface GcpOperation {
    /** The call, e.g. `objects.get: read an object's data and metadata`. */
    readonly job: string;
    /** Every permission the call needs. */
    readonly needs: readonly string[];
    /** Where Google documents the needs. */
    readonly source: string;
}

export interface GcpAccessEntry {
    /** `<service>:<level>`, the value users write in `grants[].access`. */
    readonly access: string;
    /** The predefined role bound; never a basic role, never a wildcard. */
    readonly role: string;
    readonly target: GcpTargetKind;
    /** What `resource` names for this access level, for messages and docs. */
    readonly resourceHint: string;
    /** Every permission the role grants, as listed by `gcloud iam roles describe`. */
    readonly permissions: readonly string[];
    /** One sentence: what the grant is for. */
    readonly summary: string;
    /** The jobs the level is for, with what each needs. */
    readonly operations: readonly GcpOperation[];
}
