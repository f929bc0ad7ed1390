import * as assert from "node:assert/strict";
import { escapeCell, toMarkdown } from "../../../cli/report/markdown";
import { emptyEvaluation, finding, reportInput, sampleEvaluation } from "./evaluations";

/** The cells of a table row, splitting on pipes that are not escaped. */
function cells(row: string): string[] {
    return row
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
}

function tableRows(markdown: string): string[] {
    return markdown.split("\n").filter((line) => line.startsWith("|"));
}

describe("toMarkdown", () => {
    it("opens with a summary table of the counts", () => {
        const rows = tableRows(toMarkdown(reportInput()));
        assert.deepEqual(cells(rows[0] ?? ""), [
            "Resources",
            "Findings",
            "Mandatory",
            "Advisory",
            "Not evaluated",
            "Exempted",
        ]);
        assert.deepEqual(cells(rows[2] ?? ""), ["4", "3", "2", "1", "1", "1"]);
    });

    it("groups findings under a heading per resource, the stack first", () => {
        const headings = toMarkdown(reportInput())
            .split("\n")
            .filter((line) => line.startsWith("### "));
        assert.deepEqual(headings, [
            "### Stack",
            "### api-role (aws:iam/role:Role)",
            "### api-policy (aws:iam/rolePolicy:RolePolicy)",
        ]);
    });

    it("escapes pipes, so every row of a table has as many cells as its header", () => {
        const markdown = toMarkdown(reportInput());
        const tables = markdown.split(/\n\n/).filter((block) => block.startsWith("|"));
        assert.ok(tables.length >= 5);
        for (const table of tables) {
            const [header, ...rows] = table.trimEnd().split("\n");
            for (const row of rows) {
                assert.equal(cells(row).length, cells(header ?? "").length, row);
            }
        }
        assert.ok(markdown.includes("is shared by 2 functions \\| api, worker"));
    });

    it("shows markup in messages as text instead of rendering it", () => {
        const markdown = toMarkdown(reportInput());
        assert.ok(markdown.includes(`allows 's3:\\*' on '\\*' &lt;script&gt;&amp;"\\|'`));
        assert.ok(!markdown.includes("<script>"));
    });

    it("keeps a multi-line message inside its row", () => {
        const evaluation = {
            ...emptyEvaluation(),
            findings: [finding({ message: "one\ntwo\r\nthree" })],
        };
        assert.ok(toMarkdown(reportInput([evaluation])).includes("| one<br>two<br>three |"));
    });

    it("says so when there are no findings", () => {
        assert.ok(toMarkdown(reportInput([emptyEvaluation()])).includes("\nNo findings.\n"));
    });

    it("gives each audited file its own section after a total summary", () => {
        const input = reportInput([sampleEvaluation("a.json"), emptyEvaluation("b_c.json")], {
            combined: true,
        });
        const markdown = toMarkdown(input);
        assert.ok(markdown.includes("| 5 | 3 | 2 | 1 | 1 | 1 |"));
        assert.ok(markdown.includes("\n## a.json\n"));
        assert.ok(markdown.includes("\n## b\\_c.json\n"));
        assert.ok(markdown.includes("\n### Findings\n"));
    });

    it("escapes every character that would otherwise become markup", () => {
        assert.equal(
            escapeCell("a|b*c_d`e[f]g\\h<i>&#"),
            "a\\|b\\*c\\_d\\`e\\[f\\]g\\\\h&lt;i&gt;&amp;\\#",
        );
    });
});
