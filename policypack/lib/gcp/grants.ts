/**
 * Reads the grants (role + members) of one IAM resource of any flavour. Members are read through
 * {@link readKnown}: a rule that only needs the role still works while a member is unknown in preview,
 * and a stack rule can fall back to property dependencies. The role and `policyData` are read through
 * the SDK's proxy as they are: without them there is nothing to judge.
 */
import type { GcpIamResourceType } from "./iam-resources";
import { readKnown } from "../known-value";
import { recordOf } from "../values";

export interface GcpGrant {
    readonly role: string;
    /** The members as written, or undefined when they are unknown during preview. */
    readonly members: readonly string[] | undefined;
    /** The IAM Condition as text (`title: expression`), when the grant carries one. */
    readonly condition?: string;
    /** The IAM Condition's expression, when known, for reasoning (./conditions.ts). */
    readonly expression?: string;
    /** Where in the resource the grant sits, for messages: `` or `binding 2 of policyData`. */
    readonly where: string;
}

export type GrantsRead =
    | { readonly ok: true; readonly grants: readonly GcpGrant[] }
    | { readonly ok: false; readonly error: string };

function stringsOf(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    return Array.isArray(value)
        ? value.filter((v): v is string => typeof v === "string" && v !== "")
        : [];
}

/**
 * How an IAM Condition reads in findings and in the graph: `title: expression`, either alone when the
 * other is missing, "untitled condition" when both are; undefined without a condition.
 */
function conditionTitle(value: unknown): string | undefined {
    const condition = recordOf(value);
    if (condition === undefined) {
        return undefined;
    }
    const parts = [condition["title"], condition["expression"]].filter(
        (v): v is string => typeof v === "string" && v !== "",
    );
    return parts.length > 0 ? parts.join(": ") : "untitled condition";
}

function expressionOf(value: unknown): string | undefined {
    const expression = recordOf(value)?.["expression"];
    return typeof expression === "string" && expression !== "" ? expression : undefined;
}

/** The condition of an IAM member or binding resource, or a note while it is unknown in preview. */
export function memberConditionOf(props: Readonly<Record<string, unknown>>): string | undefined {
    const condition = readKnown(() => conditionTitle(props["condition"]));
    return condition.known ? condition.value : "condition unknown during preview";
}

function parsePolicyData(data: unknown): GrantsRead {
    let parsed: unknown = data;
    if (typeof data === "string") {
        try {
            parsed = JSON.parse(data);
        } catch (error) {
            const reason = error instanceof SyntaxError ? error.message : String(error);
            return { ok: false, error: `policyData is not valid JSON (${reason})` };
        }
    }
    const policy = recordOf(parsed);
    if (policy === undefined) {
        return { ok: false, error: "policyData is not a JSON object" };
    }
    const bindings = policy["bindings"] ?? [];
    if (!Array.isArray(bindings)) {
        return { ok: false, error: "policyData.bindings is not a list" };
    }
    const grants: GcpGrant[] = [];
    bindings.forEach((raw: unknown, index) => {
        const binding = recordOf(raw);
        const role = binding?.["role"];
        if (binding === undefined || typeof role !== "string") {
            return;
        }
        const condition = conditionTitle(binding["condition"]);
        const expression = expressionOf(binding["condition"]);
        grants.push({
            role,
            members: stringsOf(binding["members"]),
            ...(condition !== undefined ? { condition } : {}),
            ...(expression !== undefined ? { expression } : {}),
            where: `binding ${index + 1} of policyData`,
        });
    });
    return { ok: true, grants };
}

/** The grants of an IAM member, binding or policy; a grant without a string role is skipped. */
export function readGrants(
    entry: GcpIamResourceType,
    props: Readonly<Record<string, unknown>>,
): GrantsRead {
    if (entry.policyDataField !== undefined) {
        const data = props[entry.policyDataField];
        return data === undefined || data === null
            ? { ok: true, grants: [] }
            : parsePolicyData(data);
    }
    const role = entry.roleField === undefined ? undefined : props[entry.roleField];
    if (typeof role !== "string") {
        return { ok: true, grants: [] };
    }
    const field = entry.memberField;
    const members = readKnown(() => (field === undefined ? [] : stringsOf(props[field])));
    const title = memberConditionOf(props);
    const expression = readKnown(() => expressionOf(props["condition"]));
    return {
        ok: true,
        grants: [
            {
                role,
                members: members.known ? members.value : undefined,
                ...(title !== undefined ? { condition: title } : {}),
                ...(expression.known && expression.value !== undefined
                    ? { expression: expression.value }
                    : {}),
                where: "",
            },
        ],
    };
}

/** `allUsers` and `allAuthenticatedUsers`: anyone on the internet, with or without a Google account. */
export const PUBLIC_MEMBERS: readonly string[] = ["allUsers", "allAuthenticatedUsers"];

/** `'user:a@b.c', 'group:g@b.c'`, or a note that the members are not known yet. */
export function membersText(members: readonly string[] | undefined): string {
    if (members === undefined) {
        return "members unknown during preview";
    }
    if (members.length === 0) {
        return "no members";
    }
    const shown = members.slice(0, 3).map((m) => `'${m}'`);
    const rest = members.length - shown.length;
    return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}
