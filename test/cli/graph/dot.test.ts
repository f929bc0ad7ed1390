import * as assert from "node:assert/strict";
import { dotString, graphToDot } from "../../../cli/graph/dot";
import { DOT_LAYOUT_MAX_NODES, graphToSvg, svgLayoutFor } from "../../../cli/graph/svg";
import { chainGraph, trickyGraph, wideGraph } from "./graphs";

/** The attribute list of the statement that starts with `head` (a node key or `a -> b`). */
function statement(dot: string, head: string): string {
    const line = dot.split("\n").find((l) => l.trim().startsWith(`${head} [`));
    assert.ok(line, `no statement for ${head} in\n${dot}`);
    return line;
}

/** The node key the DOT gives the node labelled `label` (first line). */
function keyOf(dot: string, label: string): string {
    const line = dot.split("\n").find((l) => l.includes(`label="${label}`) && !l.includes("->"));
    const key = line?.trim().split(" ")[0];
    assert.ok(key, `no node labelled ${label}`);
    return key;
}

describe("graphToDot", () => {
    const dot = graphToDot(chainGraph());

    it("lays the graph out left to right with anyone in the first rank", () => {
        assert.match(dot, /^digraph identity \{\n/);
        assert.match(dot, /rankdir=LR/);
        assert.match(dot, new RegExp(`\\{ rank=source; ${keyOf(dot, "anyone")}; \\}`));
    });

    it("gives functions, identities, targets and anyone their own shapes", () => {
        assert.match(statement(dot, keyOf(dot, "api")), /shape=box, style="filled,rounded"/);
        assert.match(statement(dot, keyOf(dot, "api-role")), /shape=ellipse/);
        assert.match(statement(dot, keyOf(dot, "jobs")), /shape=cylinder/);
        assert.match(statement(dot, keyOf(dot, "anyone")), /shape=doublecircle.*color="#c62828"/);
    });

    it("labels edges with what they mean, and paints risky grants and public entry red", () => {
        const anyone = keyOf(dot, "anyone");
        const api = keyOf(dot, "api");
        const apiRole = keyOf(dot, "api-role");
        const worker = keyOf(dot, "worker");
        const workerRole = keyOf(dot, "worker-role");
        const admin = keyOf(dot, "admin");
        const adminRole = keyOf(dot, "admin-role");
        const jobs = keyOf(dot, "jobs");
        assert.match(statement(dot, `${anyone} -> ${api}`), /label="public".*color="#c62828"/);
        assert.match(statement(dot, `${api} -> ${apiRole}`), /label="runs as"/);
        assert.match(statement(dot, `${apiRole} -> ${worker}`), /label="invokes"/);
        assert.match(statement(dot, `${workerRole} -> ${admin}`), /label="invokes"/);
        const queue = statement(dot, `${workerRole} -> ${jobs}`);
        assert.match(queue, /label="write\\nsqs:SendMessage"/);
        assert.doesNotMatch(queue, /#c62828/);
        const passRole = statement(dot, `${adminRole} -> ${keyOf(dot, "*")}`);
        assert.match(passRole, /label="privilege escalation\\niam:PassRole".*color="#c62828"/);
        assert.match(statement(dot, admin), /class="function risky"/);
        assert.doesNotMatch(statement(dot, api), /risky/);
    });

    it("draws a grant that lets a role invoke a function as part of its invokes edge", () => {
        const fromApiRole = dot
            .split("\n")
            .filter((l) => l.includes(`${keyOf(dot, "api-role")} ->`));
        assert.equal(fromApiRole.length, 1);
        assert.match(fromApiRole[0] ?? "", /tooltip="invokes\\nlambda:InvokeFunction"/);
    });

    it("draws several grants on one target as one edge that counts them", () => {
        const bucket = dot
            .split("\n")
            .filter((l) => l.includes(`${keyOf(dot, "admin-role")} -> ${keyOf(dot, "reports/*")}`));
        assert.equal(bucket.length, 1);
        assert.match(bucket[0] ?? "", /label="data exfiltration, read\\n2 grants, 2 permissions"/);
        assert.match(bucket[0] ?? "", /if s3:prefix StringLike reports\/\*/);
    });

    it("escapes quotes and backslashes so labels and URNs stay text", () => {
        assert.equal(dotString('a "b" \\N c\nd'), '"a \\"b\\" \\\\N c\\nd"');
        const tricky = graphToDot(trickyGraph());
        assert.ok(tricky.includes('label="odd \\"name\\" | <b>x</b> & #1 `tick` \\\\N end"'));
        assert.ok(
            tricky.includes(
                'tooltip="urn:pulumi:dev::shop::aws:lambda/function:Function::odd$\\"name\\"',
            ),
        );
    });

    it("stays linear: 1,000 functions are drawn in one pass", () => {
        const started = process.hrtime.bigint();
        const large = graphToDot(wideGraph(1000));
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.equal(large.split("\n").filter((l) => l.includes("->")).length, 2000);
        assert.match(large, /splines=line/);
        assert.ok(ms < 5000, `${ms} ms`);
    });
});

describe("graphToSvg", () => {
    it("draws the graph with Graphviz, keeping classes, labels and tooltips", async () => {
        const svg = await graphToSvg(chainGraph());
        assert.match(svg, /^<\?xml[^>]*>\s*<!DOCTYPE svg[^>]*>\s*<!--[^]*?-->\s*<svg /);
        assert.match(svg, /class="node function risky"/);
        assert.match(svg, /class="edge granted risky"/);
        assert.match(svg, /class="node public risky"/);
        assert.ok(svg.includes(">privilege escalation 1</text>"));
        assert.ok(svg.includes('xlink:title="function URL with authType NONE"'));
    });

    it("shows tricky labels as text, escaped for XML", async () => {
        const svg = await graphToSvg(trickyGraph());
        assert.ok(
            svg.includes("odd &quot;name&quot; | &lt;b&gt;x&lt;/b&gt; &amp; #1 `tick` \\N end"),
        );
        assert.ok(!svg.includes("<b>x</b>"));
    });

    it("draws a graph too large for the layered layout with the force-directed one, every node kept", async function () {
        this.timeout(60_000);
        assert.equal(svgLayoutFor(DOT_LAYOUT_MAX_NODES), "dot");
        assert.equal(svgLayoutFor(DOT_LAYOUT_MAX_NODES + 1), "sfdp");
        // 1,800 nodes: past the cut-over, still quick to draw (about a second).
        const graph = wideGraph(600);
        assert.ok(graph.nodes.length > DOT_LAYOUT_MAX_NODES);
        const svg = await graphToSvg(graph);
        assert.match(svg, /<svg /);
        assert.equal(svg.match(/class="node function[^"]*"/g)?.length, 600);
        assert.ok(svg.includes(">fn&#45;599</text>"));
    });
});
