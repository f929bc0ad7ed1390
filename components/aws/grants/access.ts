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

/**
 * One job a level is for: an API call as the function (or Lambda for it) makes it, and every IAM
 * action it needs on the resource the request names. Templates: `{arn}` the grant's target ARN,
 * `{prefix}` its prefix. The proof tests (test/components/aws/proof.test.ts) run each need through an
 * IAM policy simulator against the policy the component generates.
 */
export interface AwsOperation {
    /** The call and the request shape that matters, e.g. `GetObject of a key under the prefix`. */
    readonly job: string;
    readonly needs: readonly { readonly action: string; readonly resource: string }[];
    /** Request context the call carries that a condition of the level is checked against. */
    readonly context?: Readonly<Record<string, string>>;
    /** Where AWS documents the needs (API reference, developer guide, AWS managed policy). */
    readonly source: string;
}

/**
 * What a grant on an encrypted target needs of the target's customer managed KMS key (`key` on the
 * grant): the KMS actions the service calls with the function's credentials, allowed on that key
 * only through that service (`kms:ViaService`).
 */
export interface AwsKeyUse {
    /** The service whose endpoint calls KMS, e.g. `s3` for `s3.<region>.amazonaws.com`. */
    readonly viaService: string;
    readonly actions: readonly string[];
    /** The jobs that need the key, as for `operations`; `{key}` is the key's ARN. */
    readonly operations: readonly AwsOperation[];
}

export interface AwsAccessEntry {
    /** `<service>:<level>`, the `access` of a grant. */
    readonly access: string;
    /** What the level allows, in one sentence (docs and reports). */
    readonly summary: string;
    /** The whole ARN a grant's target must match (partition, service, resource type), checked on literal targets up front and on Outputs once they resolve. */
    readonly targetPattern: RegExp;
    /** The service part of the ARN the grant's `resource` must be, e.g. `s3`. */
    readonly arnService: string;
    /** What `resource` names, for messages and docs. */
    readonly resourceDescription: string;
    /** Whether a grant of this level may carry a `prefix` (S3 object key prefix). */
    readonly acceptsPrefix: boolean;
    readonly statements: readonly AwsStatementTemplate[];
    /** Service-specific condition keys a grant of this level may use in `conditions.custom`. */
    readonly conditionKeys: readonly string[];
    /** The jobs the level is for; every action it grants is needed by one of them or is excess. */
    readonly operations: readonly AwsOperation[];
    /** Levels whose target can be encrypted with a customer managed key accept `key`. */
    readonly keyUse?: AwsKeyUse;
}
