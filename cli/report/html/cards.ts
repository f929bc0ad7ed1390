import {
    RISK_CATEGORIES,
    RISK_CATEGORY_LABELS,
    type FunctionProfile,
    type GrantedEdge,
    type GraphEdge,
    type IdentityGraph,
} from "../../../policypack/lib/graph/model";
import { count, html, type Markup } from "./escape";

/**
 * A card per function: what it runs as, what each identity is granted (access, target, conditions),
 * who may call it and whom it may call, and its risk profile (effective permissions per category, the
 * granted/declared ratio for our components, and whether every grant could be read).
 */
export function functionCards(graph: IdentityGraph): Markup {
    if (graph.functions.length === 0) {
        return html`<section class="block">
            <h3>Functions</h3>
            <p class="muted">No functions in this stack.</p>
        </section>`;
    }
    const edges = indexEdges(graph.edges);
    // Natural order: fn2 before fn10.
    const functions = [...graph.functions].sort((a, b) =>
        labelOf(graph, a.functionId).localeCompare(labelOf(graph, b.functionId), "en", {
            numeric: true,
        }),
    );
    const open = functions.length <= OPEN_CARDS_UP_TO;
    return html`<section class="block">
        <details class="function-cards" ${open ? html` open` : html``}>
            <summary>
                <h3>Functions <span class="muted">${functions.length}</span></h3>
                ${open ? html`` : html`<span class="muted">(${functions.length} cards, closed: open to read them)</span>`}
            </summary>
            <div class="cards">${functions.map((f) => card(graph, edges, f))}</div>
        </details>
    </section>`;
}

/** Up to this many functions the cards start open; a stack of thousands starts with them closed. */
export const OPEN_CARDS_UP_TO = 200;

interface EdgeIndex {
    readonly from: ReadonlyMap<string, readonly GraphEdge[]>;
    readonly to: ReadonlyMap<string, readonly GraphEdge[]>;
}

function indexEdges(edges: readonly GraphEdge[]): EdgeIndex {
    const from = new Map<string, GraphEdge[]>();
    const to = new Map<string, GraphEdge[]>();
    const push = (map: Map<string, GraphEdge[]>, key: string, edge: GraphEdge): void => {
        const list = map.get(key);
        if (list === undefined) map.set(key, [edge]);
        else list.push(edge);
    };
    for (const edge of edges) {
        push(from, edge.from, edge);
        push(to, edge.to, edge);
    }
    return { from, to };
}

function labelOf(graph: IdentityGraph, id: string): string {
    return graph.nodeById.get(id)?.label ?? id;
}

function card(graph: IdentityGraph, edges: EdgeIndex, profile: FunctionProfile): Markup {
    const node = graph.nodeById.get(profile.functionId);
    const identities = profile.identityIds.map((id) => {
        const identity = graph.nodeById.get(id);
        return html`<li>
            <span class="ident">${identity?.label ?? id}</span
            >${identity?.type === undefined ? html`` : html` <span class="res-type">${identity.type}</span>`}
        </li>`;
    });
    const grants = profile.identityIds.flatMap((id) =>
        (edges.from.get(id) ?? []).filter((e): e is GrantedEdge => e.kind === "granted"),
    );
    return html`<article class="card" data-function="${node?.label ?? profile.functionId}">
        <header>
            <h4>${node?.label ?? profile.functionId}</h4>
            ${node?.type === undefined ? html`` : html`<span class="res-type">${node.type}</span>`}${node?.cloud == null ? html`` : html` <span class="cloud">${node.cloud}</span>`}
        </header>
        <h5>Runs as</h5>
        ${
            identities.length === 0
                ? html`<p class="muted">no identity found</p>`
                : html`<ul class="plain">
                      ${identities}
                  </ul>`
        }
        <h5>Grants <span class="muted">${grants.length}</span></h5>
        ${grants.length === 0 ? html`<p class="muted">none</p>` : grantList(graph, grants)}
        ${calls(graph, edges, profile)}
        <h5>Risk profile</h5>
        ${riskProfile(profile)}
    </article> `;
}

function grantList(graph: IdentityGraph, grants: readonly GrantedEdge[]): Markup {
    const items = grants.map(
        (g) =>
            html`<li class="grant level-${g.level}">
                <span class="access">${g.access}</span> <span class="on">on</span>
                <span class="target" title="${g.to}">${labelOf(graph, g.to)}</span>
                <span class="risk-label"
                    >${g.level === "other" ? "other" : RISK_CATEGORY_LABELS[g.level]}</span
                >
                ${
                    g.conditions.length === 0
                        ? html``
                        : html`<ul class="conditions">
                              ${g.conditions.map((c) => html`<li>when ${c}</li>`)}
                          </ul>`
                }
            </li>`,
    );
    return html`<ul class="grants">
        ${items}
    </ul>`;
}

/** Whom the function may invoke (through its identities), and who may invoke it. */
function calls(graph: IdentityGraph, edges: EdgeIndex, profile: FunctionProfile): Markup {
    const unique = (items: readonly string[]): string[] => [...new Set(items)];
    const callees = unique(
        profile.identityIds.flatMap((id) =>
            (edges.from.get(id) ?? [])
                .filter((e) => e.kind === "can-invoke")
                .map((e) => labelOf(graph, e.to)),
        ),
    );
    const incoming = edges.to.get(profile.functionId) ?? [];
    const publicReasons = unique(incoming.flatMap((e) => (e.kind === "public" ? [e.reason] : [])));
    // A caller is named by the functions that run as the identity holding the invoke permission.
    const callers = unique(
        incoming.flatMap((e) => {
            if (e.kind !== "can-invoke") return [];
            const runners = (edges.to.get(e.from) ?? []).filter((r) => r.kind === "runs-as");
            return runners.length === 0
                ? [labelOf(graph, e.from)]
                : runners.map((r) => labelOf(graph, r.from));
        }),
    );
    if (callees.length === 0 && callers.length === 0 && publicReasons.length === 0) {
        return html``;
    }
    const calleeList = callees.map((label) => html`<li>${label}</li>`);
    const callerList = [
        ...publicReasons.map((reason) => html`<li class="public">anyone: ${reason}</li>`),
        ...callers.map((label) => html`<li>${label}</li>`),
    ];
    return html`<h5>Invocation</h5>
        <dl class="calls">
            ${
                callees.length === 0
                    ? html``
                    : html`<dt>can invoke</dt>
                          <dd>
                              <ul class="callees">
                                  ${calleeList}
                              </ul>
                          </dd>`
            }
            ${
                callerList.length === 0
                    ? html``
                    : html`<dt>invoked by</dt>
                          <dd>
                              <ul class="callers">
                                  ${callerList}
                              </ul>
                          </dd>`
            }
        </dl>`;
}

function riskProfile(profile: FunctionProfile): Markup {
    const counts = RISK_CATEGORIES.map(
        (category) =>
            html`<li class="risk risk-${category}${profile.risk[category] === 0 ? " zero" : ""}">
                <span class="n">${profile.risk[category]}</span> ${RISK_CATEGORY_LABELS[category]}
            </li>`,
    );
    const declared =
        profile.declared === undefined
            ? html``
            : html`<p class="declared${profile.declared.ratio > 1 ? " over" : ""}">
                  Granted ${profile.declared.granted} of
                  ${count(profile.declared.declared, "declared permission")}: ratio
                  <strong>${formatRatio(profile.declared.ratio)}</strong
                  >${profile.declared.ratio > 1 ? " (more than declared)" : ""}
              </p>`;
    const complete = profile.complete
        ? html`<p class="complete">
              Complete: every grant was read
              (${count(profile.permissions.length, "effective permission")}).
          </p>`
        : html`<p class="incomplete">
              Incomplete: some grants could not be read (unknown during preview); the counts are a
              lower bound.
          </p>`;
    return html`<ul class="risks">
            ${counts}
        </ul>
        ${declared}${complete}`;
}

function formatRatio(ratio: number): string {
    return Number.isFinite(ratio) ? ratio.toFixed(2).replace(/\.?0+$/, "") : "n/a";
}
