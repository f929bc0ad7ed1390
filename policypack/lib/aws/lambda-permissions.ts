/**
 * When a Lambda permission for principal `*` is open to anyone: the one rule that
 * `aws-lambda-permission-not-public` reports and the identity graph draws as a public edge.
 */
import { isSetOrUnknown } from "../known-value";

/** Conditions that keep a `*` principal to one caller, account or organisation. */
const SCOPING_PROPERTIES = ["sourceArn", "sourceAccount", "principalOrgId"];

/**
 * true when none of sourceArn, sourceAccount or principalOrgId narrows the permission. Presence is all
 * that matters, and a value computed by the program (unknown in preview) is present.
 */
export function lacksScopingConditions(props: Readonly<Record<string, unknown>>): boolean {
    return !SCOPING_PROPERTIES.some((key) => isSetOrUnknown(props, key));
}
