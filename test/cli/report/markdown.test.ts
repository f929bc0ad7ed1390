import * as assert from "node:assert/strict";
import { escapeCell, linkTarget, toMarkdown } from "../../../cli/report/markdown";
import type { Evaluation } from "../../../cli/engine/types";
import {
    emptyEvaluation,
    finding,
    reportInput,
    resource,
    RULES_DOC,
    sampleEvaluation,
} from "./evaluations";

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

    it("gives each finding how to fix it, with its policy linked to the policy's documentation", () => {
        const rows = tableRows(toMarkdown(reportInput())).filter((r) => r.includes("wildcard"));
        assert.deepEqual(cells(rows[0] ?? ""), [
            "mandatory",
            "high",
            `[aws-iam-policy-no-wildcard-actions](${RULES_DOC}#aws-iam-policy-no-wildcard-actions)`,
            "allows 's3:\\*' on '\\*' &lt;script&gt;&amp;\"\\|'",
            "Use \\`AwsFunction\\` grants, which list exact actions.",
        ]);
        const own = tableRows(toMarkdown(reportInput())).find((r) => r.includes("own-role"));
        assert.equal(cells(own ?? "")[2], "aws-lambda-function-own-role");
    });

    it("links only http(s) and file URLs, with Markdown's syntax characters encoded", () => {
        assert.equal(linkTarget("javascript:alert(1)"), null);
        assert.equal(
            linkTarget("https://example.com/a b/(x)|y"),
            "https://example.com/a%20b/%28x%29%7Cy",
        );
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

describe("toMarkdown: the identity graph", () => {
    const STACK = "urn:pulumi:dev::shop::";
    const document = (statement: object): string =>
        JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
    /** A function whose role reads a bucket whose name is a secret: the diagram must not show it. */
    function functionEvaluation(): Evaluation {
        const bucket = "hunter2-private-bucket";
        return {
            ...sampleEvaluation(),
            resources: [
                resource(`${STACK}aws:iam/role:Role::api-role`, {
                    outputs: { name: "api-role", arn: "arn:aws:iam::123456789012:role/api-role" },
                }),
                resource(`${STACK}aws:iam/rolePolicy:RolePolicy::api-read`, {
                    outputs: {
                        role: "api-role",
                        policy: document({
                            Effect: "Allow",
                            Action: "s3:GetObject",
                            Resource: `arn:aws:s3:::${bucket}/*`,
                        }),
                    },
                }),
                resource(`${STACK}aws:lambda/function:Function::api`, {
                    outputs: {
                        name: "api",
                        role: "arn:aws:iam::123456789012:role/api-role",
                        environment: { variables: { BUCKET: { __secret: true, value: bucket } } },
                    },
                }),
            ],
        };
    }

    it("embeds the graph as a mermaid block after the summary, before the findings", () => {
        const markdown = toMarkdown(reportInput([functionEvaluation()]));
        const summary = markdown.indexOf("| Resources |");
        const graph = markdown.indexOf("## Identity graph\n\n```mermaid\nflowchart LR\n");
        const findings = markdown.indexOf("## Findings");
        assert.ok(summary >= 0 && summary < graph && graph < findings, markdown);
        const block = markdown.slice(graph, markdown.indexOf("\n```\n", graph));
        assert.match(block, /\("api<br>data exfiltration 1"\)/);
        assert.match(block, /\(\["api-role"\]\)/);
        assert.match(block, /-->\|"data exfiltration<br>s3:GetObject"\|/);
    });

    it("hides the plaintext of secrets in the diagram too", () => {
        const markdown = toMarkdown(reportInput([functionEvaluation()]));
        assert.ok(!markdown.includes("hunter2-private-bucket"));
        assert.match(markdown, /\[\("\[secret\]\/\*"\)\]/);
    });

    it("draws no diagram for a stack without functions", () => {
        assert.ok(!toMarkdown(reportInput()).includes("```mermaid"));
    });
});
