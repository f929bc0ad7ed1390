/**
 * What each function's grants should be, in the user's own vocabulary, from the judgements of
 * ./compare.ts. Never wider than today:
 *
 * - A function built with one of our components (its `perimeter:index:*Function` parent is in the
 *   stack) gets its `grants: [...]` back: a grant whose permissions are all provably unused is
 *   removed; a grant whose provably unused permissions are exactly what a narrower access level of the
 *   same service leaves out takes that level (components/<cloud>/grants, the reviewed access tables);
 *   an S3 or Cloud Storage grant on a whole bucket whose object uses all lay under one folder takes
 *   that folder as its prefix. Grants the identity holds outside the component are named, with what
 *   the logs show of them (./component-suggestion.ts).
 * - Any other function gets the changes to its roles, policies, role assignments and IAM members:
 *   remove a grant nothing used and the logs prove unused; drop the provably unused permissions of
 *   the others.
 *
 * A permission the logs cannot show is never dropped: the suggestion keeps it and says so.
 */
import type { StackResource } from "../../policypack/lib/stack/resource";
import { type NarrowedDocument, narrowedDocuments } from "./aws/narrowed";
import type { FunctionComparison } from "./compare";
import { componentOf, componentSuggestion, nameOf } from "./component-suggestion";

/** A grant as the component's `grants` argument takes it. */
export interface SuggestedGrant {
    readonly name: string;
    readonly access: string;
    readonly resource: string;
    readonly prefix?: string;
}

export interface Suggestion {
    /** `grants`: the component's argument; `changes`: edits to the resources that grant. */
    readonly kind: "grants" | "changes";
    /** The component, for `grants`. */
    readonly component?: string;
    readonly grants?: readonly SuggestedGrant[];
    /** Each change, in words; every one narrows a grant. Empty when nothing should change. */
    readonly changes: readonly string[];
    /** What the logs could not settle, in words: grants they cannot show used or unused. */
    readonly notes: readonly string[];
    /** For a role no component made: each of its policy documents, narrowed (./aws/narrowed.ts). */
    readonly documents?: readonly NarrowedDocument[];
}

function changesSuggestion(
    comparison: FunctionComparison,
    resources: readonly StackResource[],
): Suggestion {
    const changes: string[] = [];
    const notes: string[] = [];
    for (const j of comparison.grants) {
        const name = nameOf(j.via) ?? j.target;
        if (j.verdict === "remove") {
            changes.push(
                `remove '${name}' (${j.access}) on ${j.target}: the logs record ${j.unused.join(", ")} and show none used`,
            );
        }
        if (j.verdict === "narrow") {
            changes.push(
                `'${name}' on ${j.target}: drop ${j.unused.join(", ")} (provably unused); keep ${j.used.length} used and ${j.unobservable.length} unobservable`,
            );
        }
        if (j.verdict === "unseen") {
            notes.push(
                `'${name}' (${j.access}) on ${j.target}: no use in the logs, which cannot show ${j.unobservable.length} of its permissions: log them to judge it`,
            );
        }
    }
    const unused = new Set(comparison.unused.map((u) => u.action.toLowerCase()));
    const documents =
        comparison.cloud === "aws" && unused.size > 0
            ? comparison.identityUrns.flatMap((urn) => narrowedDocuments(resources, urn, unused))
            : [];
    return {
        kind: "changes",
        changes,
        notes,
        ...(documents.length > 0 ? { documents } : {}),
    };
}

/** The suggestion for one compared function. */
export function suggestionFor(
    comparison: FunctionComparison,
    fn: StackResource | undefined,
    resources: readonly StackResource[],
): Suggestion {
    const component = componentOf(comparison.cloud, fn, resources);
    return component === undefined
        ? changesSuggestion(comparison, resources)
        : componentSuggestion(comparison.cloud, component, comparison);
}
