/**
 * Conditions that can never hold. A statement is in effect only when every condition in it holds
 * (IAM JSON policy elements: Condition, "evaluation logic":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_logic-multiple-context-keys-or-values.html);
 * a date condition that requires the request time (`aws:CurrentTime`, `aws:EpochTime`) or the
 * session's issue time (`aws:TokenIssueTime`) to be before a moment already past holds for no new
 * request, so an Allow carrying it grants nothing from now on
 * (date operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date;
 * keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
 * Every other condition is kept as it is written and shown in findings.
 */
import { currentPolicyEnvironment } from "../environment";
import type { IamStatement } from "../iam-document";

/** Keys that carry the request time or a session's issue time: never in the future for a new request. */
const TIME_KEYS = new Set(["aws:currenttime", "aws:epochtime", "aws:tokenissuetime"]);
/** Operators that hold only while the key is before (or at) one of the values. */
const BEFORE_OPERATORS = new Set(["datelessthan", "datelessthanequals"]);

/** A date condition value: W3C date-time (ISO 8601) or seconds since the epoch. */
function momentOf(value: string): number | undefined {
    if (/^\d+$/.test(value.trim())) {
        return Number(value.trim()) * 1000;
    }
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * Whether the statement's conditions can never hold again after `now`: some "before" date condition
 * on a time key whose every value (values of one key are alternatives) lies in the past.
 */
export function neverHolds(statement: IamStatement, now?: Date): boolean {
    if (statement.conditions === undefined) {
        return false;
    }
    for (const [operator, keys] of Object.entries(statement.conditions)) {
        if (!BEFORE_OPERATORS.has(operator.toLowerCase())) {
            continue;
        }
        for (const [key, values] of Object.entries(keys)) {
            if (!TIME_KEYS.has(key.toLowerCase()) || values.length === 0) {
                continue;
            }
            const moments = values.map(momentOf);
            const at = (now ?? currentPolicyEnvironment().now()).getTime();
            if (moments.every((m) => m !== undefined && m < at)) {
                return true;
            }
        }
    }
    return false;
}
