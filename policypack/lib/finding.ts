/**
 * Finding keys and messages. The analyzer protocol's diagnostic has no field for a key, so a violation
 * message ends with ` [<Kind>::<value>]`; the CLI (and anyone reading `pulumi preview` output) forms the
 * finding key `<policy>[<Kind>::<value>]` from it, cdk-nag style. An exemption can name that key to
 * cover one finding only.
 */

/** What the finding is about (`Action`, `NotAction`, `ManagedPolicy`, `Document`, ...) and the value. */
export interface FindingKey {
    readonly kind: string;
    readonly value: string;
}

/** One finding a rule reports: the sentence without the key, and the key. */
export interface RuleFinding {
    readonly message: string;
    readonly key: FindingKey;
}

const KIND = /^[A-Za-z][A-Za-z0-9]*$/;
const SUFFIX = / \[([A-Za-z][A-Za-z0-9]*)::([^\n]*)\]$/;

/** A key value must stay on one line and must not close the bracket early. */
function cleanValue(value: string): string {
    return value.replace(/[\r\n]+/g, " ").replace(/]/g, ")");
}

/** `Action::s3:*`, the form exemptions use in `finding`. */
export function formatFindingKey(key: FindingKey): string {
    if (!KIND.test(key.kind)) {
        throw new Error(`finding kind '${key.kind}' must be alphanumeric and start with a letter`);
    }
    return `${key.kind}::${cleanValue(key.value)}`;
}

/** `aws-iam-no-admin-access[Action::*]`, the key reports and exemption lines carry. */
export function qualifiedFindingKey(policy: string, key: FindingKey): string {
    return `${policy}[${formatFindingKey(key)}]`;
}

/** The message as it goes on the wire: the sentence, then the key in brackets. */
export function messageWithKey(finding: RuleFinding): string {
    return `${finding.message.replace(/[\r\n]+/g, " ")} [${formatFindingKey(finding.key)}]`;
}

/** Reads the key back from a violation message; undefined when the message carries none. */
export function parseFindingKey(message: string): FindingKey | undefined {
    const match = SUFFIX.exec(message);
    if (match === null || match[1] === undefined || match[2] === undefined) {
        return undefined;
    }
    return { kind: match[1], value: match[2] };
}

/** `aws:iam/role:Role 'fn-role'`: how messages name a resource. */
export function describeResource(type: string, name: string): string {
    return `${type} '${name}'`;
}

/** `'a', 'b' and 3 more`: a short quoted list for messages. */
export function quoteList(values: readonly string[], max = 3): string {
    const shown = values.slice(0, max).map((v) => `'${v}'`);
    const rest = values.length - shown.length;
    return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/**
 * Shows a secret or a detected credential without any of its plaintext, not even a prefix (a prefix
 * narrows the search for the rest, and a report may be read by anyone): its length only, e.g.
 * `(redacted, 20 characters)`. The caller says what it is and where:
 * `environment variable 'DB_URL' holds a password ${redact(value)}`.
 */
export function redact(value: unknown): string {
    if (typeof value !== "string") {
        return `(redacted ${value === null ? "null" : typeof value})`;
    }
    return `(redacted, ${value.length} characters)`;
}
