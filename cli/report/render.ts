import type { ReportFormat, ReportInput } from "./input";
import { toJson } from "./json";
import { toJunit } from "./junit";
import { toMarkdown } from "./markdown";
import { redactSecrets } from "./redact";
import { toSarif } from "./sarif";
import { toText } from "./text";

export interface RenderOptions {
    /** ANSI colours in the text format; ignored by the others. */
    readonly color: boolean;
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
    const redacted: ReportInput = { ...input, evaluations: input.evaluations.map(redactSecrets) };
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
    }
}
