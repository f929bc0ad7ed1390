import { toHtml, type ReportGraph } from "./html";
import type { ReportFormat, ReportInput } from "./input";
import { toJson } from "./json";
import { toJunit } from "./junit";
import { toMarkdown } from "./markdown";
import { forDisplay } from "./printable";
import { redactSecrets } from "./redact";
import { toSarif } from "./sarif";
import { toText } from "./text";

export interface RenderOptions {
    /** ANSI colours in the text format; ignored by the others. */
    readonly color: boolean;
    /** html: the identity graph of each evaluation, drawn (see `prepareRender`); ignored by the others. */
    readonly graphs?: readonly ReportGraph[];
}

/**
 * The one way the command writes a report: secrets are redacted here, before any format sees the
 * evaluations, so no format can forget to.
 */
export function renderReport(
    format: ReportFormat,
    input: ReportInput,
    options: RenderOptions = { color: false },
): string {
    const shown = forDisplay(format, input);
    const redacted: ReportInput = { ...shown, evaluations: shown.evaluations.map(redactSecrets) };
    switch (format) {
        case "text":
            return toText(redacted, options);
        case "json":
            return toJson(redacted);
        case "sarif":
            return toSarif(redacted);
        case "junit":
            return toJunit(redacted);
        case "markdown":
            return toMarkdown(redacted);
        case "html":
            return toHtml(redacted, options.graphs);
    }
}

/**
 * Rendering with what needs asynchronous work done first: the html format draws each identity graph
 * with Graphviz (WebAssembly). Every other format renders as `renderReport` does.
 */
export async function renderReportWithGraphs(
    format: ReportFormat,
    input: ReportInput,
    options: RenderOptions = { color: false },
): Promise<string> {
    // The graphs are built from what the report shows, so their labels are printable too.
    input = forDisplay(format, input);
    if (format === "text" && input.command === "preview" && options.graphs === undefined) {
        // A preview says what each function may do: the identity graph, not drawn.
        const { evaluationIdentityGraph } = await import("../graph/stack-graph");
        const graphs = input.evaluations.map((e) => ({
            graph: evaluationIdentityGraph(e),
            svg: null,
        }));
        return renderReport(format, input, { ...options, graphs });
    }
    if (format !== "html" || options.graphs !== undefined) {
        return renderReport(format, input, options);
    }
    // Loaded on demand: the graph reads properties through the policy SDK, which other formats skip.
    const { drawReportGraphs } = await import("./html/graph");
    return renderReport(format, input, { ...options, graphs: await drawReportGraphs(input) });
}
