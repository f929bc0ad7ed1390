import { strict as assert } from "assert";
import {
    type FunctionComparison,
    RIGHTSIZE_REPORT_VERSION,
    type RightsizeReport,
    renderRightsize,
    summaryOf,
} from "../../../cli/rightsize/report";

/** A function granted `s3:*`-like breadth: 25 actions no log could show. */
function wide(): FunctionComparison {
    const unobservable = Array.from({ length: 25 }, (_, i) => ({
        action: `${i < 20 ? "ec2" : "s3"}:Action${String(i).padStart(2, "0")}`,
        resources: ["*"],
    }));
    return {
        cloud: "aws",
        functions: ["wide"],
        principals: ["arn:aws:iam::123456789012:role/wide"],
        identities: ["wide"],
        identityUrns: [],
        used: [],
        unused: [],
        unobservable,
        howToObserve: "log them",
        denied: [],
        unmapped: [],
        grants: [],
        incomplete: [],
        summary: { granted: 25, used: 0, unused: 0, unobservable: 25, denied: 0 },
        suggestion: { kind: "changes", changes: [], notes: [] },
    };
}

describe("perimeter rightsize: reports people read", () => {
    const functions = [wide()];
    const report: RightsizeReport = {
        version: RIGHTSIZE_REPORT_VERSION,
        stack: "shop/dev",
        records: { used: 1, skipped: [] },
        functions,
        notCovered: [],
        summary: summaryOf(functions),
    };

    it("lists 20 unobservable permissions and counts the rest by service, in text and Markdown", () => {
        const text = renderRightsize(report, "text");
        assert.match(
            text,
            /ec2:Action19 on \*\n {16}and 5 more \(s3 5; --format json lists them\)\n/,
        );
        assert.doesNotMatch(text, /s3:Action20/);
        const markdown = renderRightsize(report, "markdown");
        assert.match(
            markdown,
            /\| unobservable \| `…` \| 5 more \(s3 5; --format json lists them\) \|/,
        );
    });

    it("lists every one in JSON", () => {
        const json = JSON.parse(renderRightsize(report, "json")) as RightsizeReport;
        assert.equal(json.functions[0]?.unobservable.length, 25);
    });
});
