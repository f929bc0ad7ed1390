/**
 * The shape of one reviewed access table entry. Entries are data: exact action names (never a
 * wildcard action) and resource templates over the grant's target.
 */

/** One statement of an entry. In `resources`, `{arn}` is the grant's target ARN, `{prefix}` its prefix ("" without one). */
export interface AwsStatementTemplate {
    readonly actions: readonly string[];
    readonly resources: readonly string[];
    /** Only when the grant has a prefix: `StringLike <variable>: {prefix}*` (e.g. `s3:prefix` on ListBucket). */
    readonly prefixCondition?: string;
}

export interface AwsAccessEntry {
    /** `<service>:<level>`, the `access` of a grant. */
    readonly access: string;
    /** What the level allows, in one sentence (docs and reports). */
    readonly summary: string;
    /** The service part of the ARN the grant's `resource` must be, e.g. `s3`. */
    readonly arnService: string;
    /** What `resource` names, for messages and docs. */
    readonly resourceDescription: string;
    /** Whether a grant of this level may carry a `prefix` (S3 object key prefix). */
    readonly acceptsPrefix: boolean;
    readonly statements: readonly AwsStatementTemplate[];
    /** Service-specific condition keys a grant of this level may use in `conditions.custom`. */
    readonly conditionKeys: readonly string[];
}
