/**
 * Recognising literal secrets in configuration values: well-known credential formats, private keys,
 * passwords inside URLs, and secret-sounding names holding a literal rather than a reference.
 */

export interface SecretMatch {
    /** What was found, for messages: `an AWS access key id`. */
    readonly what: string;
}

const VALUE_PATTERNS: readonly [RegExp, string][] = [
    [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, "a private key"],
    [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key id"],
    [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, "a GitHub token"],
    [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
    [/\bsk_live_[A-Za-z0-9]{16,}\b/, "a Stripe secret key"],
    [/\bAIza[0-9A-Za-z_-]{35}\b/, "a Google API key"],
];

/** `scheme://user:password@host`, with a password that is not a placeholder. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^/\s@]+)@/i;
const PLACEHOLDER = /^(?:\$\{.*\}|\$[A-Z_]+|\{\{.*\}\}|<[^>]*>|\*+|x+)$/i;

const SECRET_NAME =
    /(?:SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|CLIENT_?SECRET)/i;
/** Names that hold a pointer to a secret, not the secret. */
const REFERENCE_NAME =
    /(?:_ARN|_NAME|_ID|_PATH|_PARAM|_PARAMETER|_REF|_URL|_URI|_ENDPOINT|_HEADER|_TTL|_EXPIRY|_LENGTH)$/i;
/** Values that point at a secret store instead of holding the secret. */
const REFERENCE_VALUE = /^(?:arn:|\/|\{\{resolve:|ssm:|secretsmanager:|https?:\/\/[^@]*$)/i;
const MIN_SECRET_LENGTH = 8;

/** What secret a variable holds in plain text, or undefined. */
export function findSecret(name: string, value: string): SecretMatch | undefined {
    for (const [pattern, what] of VALUE_PATTERNS) {
        if (pattern.test(value)) {
            return { what };
        }
    }
    const password = URL_PASSWORD.exec(value)?.[1];
    if (password !== undefined && !PLACEHOLDER.test(password)) {
        return { what: "a password in a URL" };
    }
    if (
        SECRET_NAME.test(name) &&
        !REFERENCE_NAME.test(name) &&
        value.length >= MIN_SECRET_LENGTH &&
        !REFERENCE_VALUE.test(value) &&
        !PLACEHOLDER.test(value) &&
        !/\s/.test(value)
    ) {
        return { what: "a literal value under a secret-sounding name" };
    }
    return undefined;
}
