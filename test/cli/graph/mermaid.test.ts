import * as assert from "node:assert/strict";
import { MERMAID_MAX_EDGES, mermaidSectionOf } from "../../../cli/graph/markdown-section";
import { graphToMermaid, mermaidText } from "../../../cli/graph/mermaid";
import { chainGraph, TRICKY_LABEL, trickyGraph, wideGraph } from "./graphs";

const NODE = /^ {4}(n\d+)(\(\(|\(\[|\[\(|\()"([^"]*)"(\)\)|\]\)|\)\]|\))$/;
const EDGE = /^ {4}(n\d+) (-->|==>)\|"([^"|]*)"\| (n\d+)$/;
const CLASS_DEF = /^ {4}classDef [a-zA-Z]+ [a-z-]+:[#\w]+(,[a-z-]+:[#\w]+)*$/;
const CLASS = /^ {4}class n\d+(,n\d+)* [a-zA-Z]+$/;
const LINK_STYLE = /^ {4}linkStyle \d+(,\d+)* [a-z-]+:[#\w]+(,[a-z-]+:[#\w]+)*$/;

/**
 * The statements of a flowchart, checked against the subset of Mermaid's grammar the renderer uses:
 * every line must be one of them, so nothing in a label can start a statement of its own.
 */
function parse(text: string) {
    const [header, ...lines] = text.trimEnd().split("\n");
    assert.equal(header, "flowchart LR");
    const nodes = new Map<string, string>();
    const edges: { from: string; to: string; label: string; thick: boolean }[] = [];
    const linkStyles: string[] = [];
    for (const line of lines) {
        const node = NODE.exec(line);
        const edge = EDGE.exec(line);
        if (node) nodes.set(node[1] ?? "", node[3] ?? "");
        else if (edge) {
            edges.push({
                from: edge[1] ?? "",
                to: edge[4] ?? "",
                label: edge[3] ?? "",
                thick: edge[2] === "==>",
            });
        } else if (LINK_STYLE.test(line)) linkStyles.push(line);
        else assert.ok(CLASS_DEF.test(line) || CLASS.test(line), `not Mermaid we write: ${line}`);
    }
    for (const edge of edges) {
        assert.ok(
            nodes.has(edge.from) && nodes.has(edge.to),
            `edge to an undeclared node: ${edge.from}`,
        );
    }
    return { nodes, edges, linkStyles };
}

describe("graphToMermaid", () => {
    const text = graphToMermaid(chainGraph());
    const { nodes, edges, linkStyles } = parse(text);
    const key = (label: string): string =>
        [...nodes].find(([, l]) => l.split("<br>")[0] === label)?.[0] ?? assert.fail(label);

    it("is a left-to-right flowchart with one node per graph node, ids safe for Mermaid", () => {
        assert.equal(nodes.size, chainGraph().nodes.length);
        assert.ok(!text.includes("urn:pulumi"), "URNs never become ids or labels");
    });

    it("draws the chain api → worker → admin with thick invokes edges, and anyone → api", () => {
        const has = (from: string, to: string, label: string) =>
            edges.find((e) => e.from === key(from) && e.to === key(to) && e.label === label);
        assert.ok(has("anyone", "api", "public")?.thick);
        assert.ok(has("api-role", "worker", "invokes")?.thick);
        assert.ok(has("worker-role", "admin", "invokes")?.thick);
        assert.ok(has("admin-role", "*", "privilege escalation<br>iam:PassRole"));
        assert.ok(
            has("admin-role", "reports/*", "data exfiltration, read<br>2 grants, 2 permissions"),
        );
    });

    it("paints exactly the risky edges red, by their index", () => {
        const red = linkStyles.find((l) => l.includes("#c62828"));
        const indexes = (red ?? "").split(" ")[5]?.split(",").map(Number) ?? [];
        const labels = indexes.map((i) => edges[i]?.label);
        assert.deepEqual(labels.sort(), [
            "data exfiltration, read<br>2 grants, 2 permissions",
            "privilege escalation<br>iam:PassRole",
            "public",
        ]);
    });

    it("gives each kind of node its shape and class, and marks a risky function", () => {
        assert.match(text, new RegExp(`\\n    ${key("api")}\\("api"\\)\\n`));
        assert.match(text, new RegExp(`\\n    ${key("api-role")}\\(\\["api-role"\\]\\)\\n`));
        assert.match(text, new RegExp(`\\n    ${key("jobs")}\\[\\("jobs"\\)\\]\\n`));
        assert.match(text, new RegExp(`\\n    ${key("anyone")}\\(\\("anyone"\\)\\)\\n`));
        assert.match(text, new RegExp(`\\n    class ${key("admin")} riskyNode\\n`));
        assert.equal(
            nodes.get(key("admin")),
            "admin<br>privilege escalation 1<br>permissions management 1<br>data exfiltration 1",
        );
    });

    it("turns every special character of a label into an entity code", () => {
        const { nodes: tricky } = parse(graphToMermaid(trickyGraph()));
        assert.ok([...tricky.values()].includes(mermaidText([TRICKY_LABEL])));
        assert.equal(
            mermaidText(['a "b" | <i> & #2 `c`', "next"]),
            "a #quot;b#quot; #124; #lt;i#gt; #amp; #35;2 #96;c#96;<br>next",
        );
    });
});

describe("mermaidSectionOf", () => {
    it("embeds the diagram in a mermaid block under a heading, with a legend", () => {
        const lines = mermaidSectionOf(chainGraph(), "##");
        assert.deepEqual(lines.slice(0, 3), ["## Identity graph", "", "```mermaid"]);
        const end = lines.indexOf("```");
        assert.equal(
            lines.slice(2, end + 1).join("\n"),
            "```mermaid\n" + graphToMermaid(chainGraph()) + "```",
        );
        assert.match(lines[end + 2] ?? "", /^Functions are rounded boxes/);
    });

    it("is empty for a stack without functions", () => {
        assert.deepEqual(mermaidSectionOf(wideGraph(0), "##"), []);
    });

    it("says a graph is too large for GitHub instead of drawing it", () => {
        const lines = mermaidSectionOf(wideGraph(MERMAID_MAX_EDGES), "##");
        assert.ok(!lines.includes("```mermaid"));
        assert.match(lines.join("\n"), /1500 nodes and 1000 edges, too large.*perimeter graph/);
    });
});
