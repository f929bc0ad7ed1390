import { html, trusted, type Markup } from "./escape";
import type { ReportGraph } from "./graph";

/** CSS pixels per point: Graphviz sizes its SVG in points. */
const PX_PER_PT = 4 / 3;

/**
 * A large graph is shrunk to fit the page down to this share of its natural size; below that it keeps
 * this scale and the frame scrolls sideways, so labels stay legible.
 */
const MIN_SCALE = 0.7;

/** The identity graph of one evaluation, drawn inline, with a legend and a fit/actual-size toggle. */
export function graphSection(drawn: ReportGraph | undefined): Markup {
    const heading = html`<h3>Identity graph</h3>`;
    if (drawn === undefined) {
        return html`<section class="block graph">
            ${heading}
            <p class="muted">The graph was not drawn for this report.</p>
        </section>`;
    }
    if (drawn.svg === null) {
        const reason =
            drawn.notDrawn ??
            (drawn.graph.nodes.length === 0
                ? "No functions, identities or grants were found in this stack."
                : "The graph was not drawn for this report.");
        return html`<section class="block graph">
            ${heading}
            <p class="muted">${reason}</p>
        </section>`;
    }
    const { nodes, edges } = drawn.graph;
    return html`<section class="block graph">
        ${heading}
        <p class="legend">
            <span class="muted">${nodes.length} nodes, ${edges.length} edges.</span> Functions run
            as identities; identities are granted access to resources and may invoke functions;
            <em>public</em> marks functions anyone may invoke.
            <button type="button" class="zoom" data-graph-zoom hidden>Actual size</button>
        </p>
        <div class="graph-frame" data-graph>${inlineSvg(drawn.svg)}</div>
    </section>`;
}

/**
 * Graphviz output made fit for inlining in HTML: no XML prolog, doctype or comments, and a size that
 * follows the frame (scaled to fit, never below MIN_SCALE, never above natural size).
 */
export function inlineSvg(svg: string): Markup {
    const start = svg.indexOf("<svg");
    let body = (start < 0 ? svg : svg.slice(start)).replace(/<!--[\s\S]*?-->/g, "");
    const open = /^<svg\b[^>]*>/.exec(body)?.[0] ?? "<svg>";
    const width = pointsToPixels(/\swidth="([\d.]+)(pt|px)?"/.exec(open));
    const height = pointsToPixels(/\sheight="([\d.]+)(pt|px)?"/.exec(open));
    let sized = open.replace(/\s(width|height)="[^"]*"/g, "");
    if (width !== null) {
        const minWidth = Math.round(Math.min(width, Math.max(width * MIN_SCALE, 640)));
        const style = `width:100%;max-width:${Math.round(width)}px;min-width:${minWidth}px;height:auto`;
        sized = sized.replace(
            /^<svg/,
            `<svg role="img" aria-label="identity graph" data-natural-width="${Math.round(width)}"${height === null ? "" : ` data-natural-height="${Math.round(height)}"`} style="${style}"`,
        );
    }
    body = sized + body.slice(open.length);
    return trusted(body.trim());
}

function pointsToPixels(match: RegExpExecArray | null): number | null {
    if (match === null) return null;
    const value = Number(match[1]);
    if (!Number.isFinite(value) || value <= 0) return null;
    return match[2] === "px" ? value : value * PX_PER_PT;
}
