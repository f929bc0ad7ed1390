/** Permission lines grouped as people read them: the actions on one resource, under one condition set. */
import { RISK_CATEGORY_LABELS, type RiskCategory } from "../../policypack/lib/graph/model";
import type { PermissionLine } from "./access";

export interface PermissionGroup {
    readonly actions: readonly string[];
    readonly resource: string;
    readonly conditions: readonly string[];
    /** The most dangerous category of any of its actions; undefined when none has one. */
    readonly category?: RiskCategory;
}

/** Lines grouped by resource, conditions and most dangerous category, in the lines' order. */
export function groupLines(lines: readonly PermissionLine[]): PermissionGroup[] {
    const groups = new Map<string, { actions: string[]; line: PermissionLine }>();
    for (const line of lines) {
        const key = [line.resource, line.conditions.join("\u0001"), line.categories[0] ?? ""].join(
            "\u0000",
        );
        const group = groups.get(key);
        if (group === undefined) groups.set(key, { actions: [line.action], line });
        else group.actions.push(line.action);
    }
    return [...groups.values()].map(({ actions, line }) => ({
        actions: [...new Set(actions)].sort(),
        resource: line.resource,
        conditions: line.conditions,
        ...(line.categories[0] === undefined ? {} : { category: line.categories[0] }),
    }));
}

/** Beyond this many actions a line names the first ones and the count; JSON lists them all. */
const SHOWN_ACTIONS = 8;

/** `s3:GetObject, s3:PutObject on arn:aws:s3:::b/* if StringEquals ...` */
export function groupText(group: PermissionGroup): string {
    const conditions = group.conditions.length > 0 ? ` if ${group.conditions.join(" and ")}` : "";
    const actions =
        group.actions.length > SHOWN_ACTIONS
            ? `${group.actions.slice(0, SHOWN_ACTIONS).join(", ")} and ${group.actions.length - SHOWN_ACTIONS} more (${group.actions.length} actions)`
            : group.actions.join(", ");
    return `${actions} on ${group.resource}${conditions}`;
}

export function categoryLabel(category: RiskCategory | undefined): string {
    return category === undefined ? "no risk category" : RISK_CATEGORY_LABELS[category];
}
