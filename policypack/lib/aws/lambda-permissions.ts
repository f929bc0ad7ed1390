/**
 * When a Lambda permission for principal `*` is open to anyone: the one rule that
 * `aws-lambda-permission-not-public` reports and the identity graph draws as a public edge.
 */
import { knownString, UNKNOWN } from "./known-value";

/** Conditions that keep a `*` principal to one caller, account or organisation. */
const SCOPING_PROPERTIES = ["sourceArn", "sourceAccount", "principalOrgId"];

/**
 * Presence is all that matters, and a value computed by the program (unknown in preview) is present:
 * so these reads use knownString, which answers UNKNOWN instead of stopping the policy.
 */
function isSet(props: Readonly<Record<string, unknown>>, key: string): boolean {
    const value = knownString(props, key);
    return value === UNKNOWN || (value !== undefined && value !== "");
}

/** true when none of sourceArn, sourceAccount or principalOrgId narrows the permission. */
export function lacksScopingConditions(props: Readonly<Record<string, unknown>>): boolean {
    return !SCOPING_PROPERTIES.some((key) => isSet(props, key));
}
