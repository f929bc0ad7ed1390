/**
 * ABAC conditions (version 2.0) on blob role assignments: typed helpers for the common cases
 * (container name, blob path prefix) and a raw form, compiled into one expression per grant.
 * Expression shapes follow Microsoft Learn, "Example Azure role assignment conditions for Blob
 * Storage" and "Actions and attributes for Azure role assignment conditions for Azure Blob Storage".
 */
import type { ArgumentProblems } from "../core";
import { shown } from "../core";
import { BLOB_READ } from "./grants/blob";

/** The condition version ARM needs next to every expression Perimeter writes. */
export const CONDITION_VERSION = "2.0";

/**
 * One condition on a blob grant. Set exactly one field; build them with {@link blobConditions}.
 *
 * @example
 * { name: "uploads", access: "blob:write", resource: account.id,
 *   conditions: [blobConditions.inContainer("uploads"), blobConditions.underPath("incoming/")] }
 */
export interface AzureGrantCondition {
    /** Only blobs in the container of this name (for grants on a storage account). */
    readonly containerName?: string;
    /** Only blobs whose path starts with this prefix (listing is limited to it too). */
    readonly pathPrefix?: string;
    /** An ABAC version 2.0 expression, used as written and combined with the others by AND. */
    readonly expression?: string;
}

/** Typed helpers that build {@link AzureGrantCondition}s. */
export const blobConditions = {
    /** Only blobs in the container `name`. */
    inContainer: (name: string): AzureGrantCondition => ({ containerName: name }),
    /** Only blobs whose path starts with `prefix`, e.g. "incoming/". */
    underPath: (prefix: string): AzureGrantCondition => ({ pathPrefix: prefix }),
    /** A raw ABAC version 2.0 expression. */
    raw: (expression: string): AzureGrantCondition => ({ expression }),
};

const CONTAINER_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;

/** Checks a grant's `conditions`; `at` is the argument path, e.g. "grants[0].conditions". */
export function validateConditions(
    conditions: unknown,
    at: string,
    problems: ArgumentProblems,
): void {
    if (!Array.isArray(conditions)) {
        problems.add(at, `must be a list of conditions, not ${shown(conditions)}`);
        return;
    }
    conditions.forEach((condition: unknown, index) => {
        const where = `${at}[${index}]`;
        const fields =
            typeof condition === "object" && condition !== null
                ? Object.entries(condition as Record<string, unknown>).filter(
                      ([, v]) => v !== undefined,
                  )
                : [];
        if (fields.length !== 1 || !fields[0]) {
            problems.add(
                where,
                `must set exactly one of containerName, pathPrefix or expression, not ${shown(condition)}; use blobConditions.inContainer/underPath/raw`,
            );
            return;
        }
        const [field, value] = fields[0];
        if (!["containerName", "pathPrefix", "expression"].includes(field)) {
            problems.add(
                `${where}.${field}`,
                `is not a condition field; use containerName, pathPrefix or expression`,
            );
        } else if (typeof value !== "string" || value.trim() === "") {
            problems.add(`${where}.${field}`, `must be a non-empty string, not ${shown(value)}`);
        } else if (field === "containerName" && !CONTAINER_NAME.test(value)) {
            problems.add(
                `${where}.containerName`,
                `${shown(value)} is not a container name (3-63 lower-case letters, digits and single hyphens)`,
            );
        } else if (field === "pathPrefix" && (value.includes("'") || value.startsWith("/"))) {
            problems.add(
                `${where}.pathPrefix`,
                `${shown(value)} must not contain quotes or start with '/'; blob paths are relative to the container`,
            );
        }
    });
}

const CONTAINER_ATTRIBUTE =
    "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]";
const PATH_ATTRIBUTE =
    "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path]";
const LIST_PREFIX_ATTRIBUTE =
    "@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix]";

/** `!(ActionMatches{…}) AND …`: true for every action but these. */
function noneOf(actions: readonly string[], suboperation = ""): string {
    return actions.map((a) => ` !(ActionMatches{'${a}'}${suboperation})`).join("\n AND\n");
}

/** "If the request is one of `actions`, then `constraint` must hold." */
function whenActions(actions: readonly string[], constraint: string, sub = ""): string {
    return `(\n (\n${noneOf(actions, sub)}\n )\n OR\n (\n  ${constraint}\n )\n)`;
}

/**
 * One ABAC expression for a blob grant: the write-only restriction (when the level has one) and every
 * condition, each applied to all the data actions the role gives, combined by AND. Undefined when the
 * grant needs no condition.
 */
export function compileBlobCondition(
    dataActions: readonly string[],
    deniedActions: readonly string[],
    conditions: readonly AzureGrantCondition[],
): string | undefined {
    const blocks: string[] = [];
    if (deniedActions.length > 0) {
        // In the shape every condition of Microsoft's format takes, `(!(ActionMatches…)) OR
        // (expression)` ("Azure role assignment condition format and syntax"), with an expression
        // no request satisfies: every container name is like '*'. The denied actions are never
        // allowed; every other action passes this block.
        blocks.push(whenActions(deniedActions, `${CONTAINER_ATTRIBUTE} StringNotLike '*'`));
    }
    for (const condition of conditions) {
        if (condition.containerName !== undefined) {
            blocks.push(
                whenActions(
                    dataActions,
                    `${CONTAINER_ATTRIBUTE} StringEquals '${condition.containerName}'`,
                ),
            );
        } else if (condition.pathPrefix !== undefined) {
            const prefix = condition.pathPrefix;
            const others = dataActions.filter((a) => a !== BLOB_READ);
            if (dataActions.includes(BLOB_READ)) {
                // Listing has no blob path; it is limited by the prefix the request lists under.
                blocks.push(
                    whenActions(
                        [BLOB_READ],
                        `${PATH_ATTRIBUTE} StringStartsWith '${prefix}'`,
                        " AND NOT SubOperationMatches{'Blob.List'}",
                    ),
                    whenActions(
                        [BLOB_READ],
                        `${LIST_PREFIX_ATTRIBUTE} StringStartsWith '${prefix}'`,
                        " AND SubOperationMatches{'Blob.List'}",
                    ),
                );
            }
            if (others.length > 0) {
                blocks.push(whenActions(others, `${PATH_ATTRIBUTE} StringStartsWith '${prefix}'`));
            }
        } else if (condition.expression !== undefined) {
            blocks.push(`(\n${condition.expression.trim()}\n)`);
        }
    }
    return blocks.length > 0 ? blocks.join("\nAND\n") : undefined;
}
