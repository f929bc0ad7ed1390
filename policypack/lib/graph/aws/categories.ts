/**
 * Risk categories of AWS actions (see ../model.ts RISK_CATEGORIES), judged for one identity: an action
 * is a privilege-escalation action only when the identity holds every action of some escalation method
 * that contains it (../../aws/risks.ts); the other categories depend on the action alone (access
 * level from ../../aws-actions.ts, credentials exposure from the risk data, data exfiltration from
 * cloudsplaining's list).
 */
import type { AwsAction } from "../../aws-actions";
import { privilegeEscalationMethods, returnsCredentials } from "../../aws/risks";
import type { RiskCategory } from "../model";

/**
 * cloudsplaining's READ_ONLY_DATA_EXFILTRATION_ACTIONS (constants.py, BSD-3-Clause), the five entries
 * of ../shared/data/aws-risk-action-lists.json. data/aws-iam-risks.json does not carry them yet: once
 * scripts/generate-aws-risk-data.ts emits the list, read it from there instead.
 */
const DATA_EXFILTRATION_ACTIONS: ReadonlySet<string> = new Set(
    [
        "s3:GetObject",
        "ssm:GetParameter",
        "ssm:GetParameters",
        "ssm:GetParametersByPath",
        "secretsmanager:GetSecretValue",
    ].map((a) => a.toLowerCase()),
);

/**
 * The lower-case actions that take part in an escalation method the identity completes, given every
 * action it holds (lower case).
 */
export function escalationActions(held: ReadonlySet<string>): ReadonlySet<string> {
    const completing = new Set<string>();
    if (held.size === 0) {
        return completing;
    }
    for (const actions of lowerCaseMethodActions()) {
        if (actions.every((a) => held.has(a))) {
            actions.forEach((a) => completing.add(a));
        }
    }
    return completing;
}

/** Each escalation method's actions in lower case, read once per process. */
function lowerCaseMethodActions(): readonly (readonly string[])[] {
    const methods = privilegeEscalationMethods();
    if (lowerCased?.methods !== methods) {
        lowerCased = {
            methods,
            actions: methods.map((m) => m.actions.map((a) => a.toLowerCase())),
        };
    }
    return lowerCased.actions;
}

let lowerCased:
    { readonly methods: unknown; readonly actions: readonly (readonly string[])[] } | undefined;

/** The categories of one action for an identity whose escalation actions are `escalation`. */
export function categoriesOf(
    action: AwsAction,
    escalation: ReadonlySet<string>,
): readonly RiskCategory[] {
    const lower = action.action.toLowerCase();
    const categories: RiskCategory[] = [];
    if (escalation.has(lower)) {
        categories.push("privilegeEscalation");
    }
    if (action.accessLevel === "Permissions management") {
        categories.push("permissionsManagement");
    }
    if (returnsCredentials(action.action)) {
        categories.push("credentialsExposure");
    }
    if (DATA_EXFILTRATION_ACTIONS.has(lower)) {
        categories.push("dataExfiltration");
    }
    if (action.accessLevel === "Write") {
        categories.push("write");
    }
    if (action.accessLevel === "Read") {
        categories.push("read");
    }
    return categories;
}
