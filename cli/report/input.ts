import type { ToolInfo } from "../install-root";
import type { Evaluation } from "../engine/types";

export type { ToolInfo };

/** The formats a report can be written in. */
export const REPORT_FORMATS = ["text", "json", "sarif", "junit", "markdown", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The source name of a stack export read from standard input (`perimeter audit -`). */
export const STDIN_SOURCE = "<stdin>";

/** Everything a format needs to write one report. */
export interface ReportInput {
    readonly tool: ToolInfo;
    /** preview runs a program (its resources are listed); audit reads stack-export files. */
    readonly command: "preview" | "audit";
    /** One evaluation per input: a program, or each audited file in order. */
    readonly evaluations: readonly Evaluation[];
    /**
     * Several inputs in one report (audit of many files or a directory). Formats then name the source
     * of every finding, and JSON switches to its `{ "reports": [...] }` shape.
     */
    readonly combined: boolean;
}
