/**
 * The functions section of a text preview: per function, the identity it runs as and what that
 * identity may do (access, target, conditions), who may invoke it and whom it may invoke. The same
 * reading of the identity graph as the html report's function cards.
 */
import {
    RISK_CATEGORY_LABELS,
    type GrantedEdge,
    type IdentityGraph,
} from "../../policypack/lib/graph/model";
import type { Style } from "../terminal";

export function functionLines(graph: IdentityGraph, style: Style): string[] {
    if (graph.functions.length === 0) return [];
    const label = (id: string): string => clean(graph.nodeById.get(id)?.label ?? id);
    const lines = [style.bold(`Functions (${graph.functions.length})`)];
    const functions = [...graph.functions].sort((a, b) =>
        label(a.functionId).localeCompare(label(b.functionId)),
    );
    for (const profile of functions) {
        lines.push(`  ${style.bold(label(profile.functionId))}`);
        const identities = profile.identityIds.map((id) => {
            const node = graph.nodeById.get(id);
            return node?.type === undefined ? label(id) : `${node.type}  ${label(id)}`;
        });
        lines.push(
            `    runs as  ${identities.length === 0 ? "no identity found" : identities.join(", ")}`,
        );
        const identityIds = new Set(profile.identityIds);
        const grants = graph.edges.filter(
            (e): e is GrantedEdge => e.kind === "granted" && identityIds.has(e.from),
        );
        if (grants.length === 0) lines.push(`    may      nothing`);
        for (const [i, grant] of grants.entries()) {
            const level = grant.level === "other" ? "other" : RISK_CATEGORY_LABELS[grant.level];
            const when =
                grant.conditions.length === 0
                    ? ""
                    : `  when ${grant.conditions.map(clean).join(" and ")}`;
            lines.push(
                `    ${i === 0 ? "may     " : "        "} ${clean(grant.access)} on ${label(grant.to)}  ${style.dim(`(${level})`)}${when}`,
            );
        }
        const callees = unique(
            graph.edges
                .filter((e) => e.kind === "can-invoke" && identityIds.has(e.from))
                .map((e) => label(e.to)),
        );
        if (callees.length > 0) lines.push(`    invokes  ${callees.join(", ")}`);
        const callers = unique(
            graph.edges.flatMap((e) => {
                if (e.to !== profile.functionId) return [];
                if (e.kind === "public") return [`anyone (${clean(e.reason)})`];
                if (e.kind !== "can-invoke") return [];
                const runners = graph.edges.filter((r) => r.kind === "runs-as" && r.to === e.from);
                return runners.length === 0 ? [label(e.from)] : runners.map((r) => label(r.from));
            }),
        );
        if (callers.length > 0) lines.push(`    invoked by  ${callers.join(", ")}`);
        if (!profile.complete) {
            lines.push(
                `    ${style.yellow("some grants could not be read (unknown during preview)")}`,
            );
        }
    }
    return [...lines, ""];
}

function unique(items: readonly string[]): string[] {
    return [...new Set(items)];
}

/** Control characters could repaint the terminal; show them as "?". */
function clean(text: string): string {
    return text.replace(/[\u0000-\u001f\u007f]/g, "?");
}
