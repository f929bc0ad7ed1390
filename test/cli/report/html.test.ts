import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { contentSecurityPolicy, toHtml } from "../../../cli/report/html";
import { inlineSvg } from "../../../cli/report/html/picture";
import { PAGE_SCRIPT } from "../../../cli/report/html/script";
import { renderReport, renderReportWithGraphs } from "../../../cli/report/render";
import { sampleGraph } from "../../browser/sample-graph";
import { wideGraph } from "../graph/graphs";
import {
    emptyEvaluation,
    finding,
    reportInput,
    resource,
    ROLE_URN,
    sampleEvaluation,
    SPECIAL,
} from "./evaluations";

/**
 * The page with insignificant whitespace folded (prettier formats the html templates), so a test can
 * look for a fragment written on one line.
 */
function flat(markup: string): string {
    return markup.replace(/\s+/g, " ").replace(/\s*([<>])\s*/g, "$1");
}

function assertHas(page: string, fragment: string): void {
    assert.ok(flat(page).includes(flat(fragment)), `missing: ${fragment}`);
}

/** The attribute values of every element matching `tag ... attr="value"` in the page. */
function attributeValues(page: string, tag: string, attribute: string): string[] {
    const pattern = new RegExp(`<${tag}\\b[^>]*\\s${attribute}="([^"]*)"`, "g");
    return [...page.matchAll(pattern)].map((m) => m[1] ?? "");
}

function taggedEvaluation() {
    return {
        ...emptyEvaluation(),
        findings: [
            finding({
                severity: "critical",
                tags: ["aws", "iam", "nist-800-53:AC-6", "pci-dss:7.2", "soc2:CC6.1"],
            }),
            finding({
                policy: "azure-function-https-only",
                severity: "low",
                enforcementLevel: "advisory",
                urn: "urn:pulumi:dev::shop::azure-native:web:WebApp::app",
                resourceType: "azure-native:web:WebApp",
                resourceName: "app",
                message: "allows TLS 1.0",
                findingKey: "azure-function-https-only",
                tags: ["cis"],
            }),
        ],
    };
}

const DRAWN = { graph: sampleGraph(), svg: null };

describe("toHtml", () => {
    it("writes one self-contained page: nothing fetched, only its own script allowed", () => {
        const page = toHtml(reportInput(), [DRAWN]);
        assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
        assert.doesNotMatch(page, /<link\b|<img\b|<iframe\b|@import|url\(|\ssrc=/i);
        // Links to a policy's documentation are navigations, not fetches; nothing else links out.
        assert.doesNotMatch(
            page.replace(/<a class="policy-doc" href="[^"]*"/g, ""),
            /\shref="(?!#)/,
        );
        assert.match(
            page,
            /<a class="policy-doc" href="https:\/\/example\.com\/perimeter\/docs\/rules\.md#aws-iam-policy-no-wildcard-actions"><code>aws-iam-policy-no-wildcard-actions<\/code><\/a>/,
        );
        assert.match(
            page,
            /<p class="fix"><strong>How to fix:<\/strong> Use `AwsFunction` grants, which list exact actions\.<\/p>/,
        );
        const csp = attributeValues(page, "meta", "content").find((c) =>
            c.startsWith("default-src"),
        );
        assert.equal(csp, contentSecurityPolicy());
        const hash = createHash("sha256").update(PAGE_SCRIPT).digest("base64");
        assert.ok(csp?.includes(`script-src 'sha256-${hash}'`), csp);
        assert.ok(csp?.includes("default-src 'none'"), csp);
        assert.equal(page.split("<script>").length, 2, "exactly one script element");
        assertHas(page, `<script>${PAGE_SCRIPT}</script>`);
    });

    it("escapes every value from the stack, the pack and the graph", () => {
        const page = toHtml(reportInput(), [DRAWN]);
        assert.ok(!page.includes(SPECIAL));
        assertHas(page, "allows &#39;s3:*&#39; on &#39;*&#39; &lt;script&gt;&amp;&quot;|&#39;");
        assertHas(page, "legacy logging role &lt;ticket SEC-12&gt;");
        assertHas(page, "<h4>worker&lt;b&gt;</h4>");
        assertHas(page, "when aws:SourceVpce = vpce-1a2b &lt;x&gt;");
        assert.ok(!page.includes("<b>"));
    });

    it("summarises resources, findings by level and severity, and each policy's verdict", () => {
        const page = toHtml(reportInput(), [DRAWN]);
        const tiles = [
            ...flat(page).matchAll(
                /<span class="value">(\d+)<\/span><span class="label">([^<]+)</g,
            ),
        ];
        assert.deepEqual(
            tiles.map((m) => `${m[2]}=${m[1]}`),
            [
                "Resources=4",
                "Findings=3",
                "Mandatory=2",
                "Advisory=1",
                "Not evaluated=1",
                "Exempted=1",
            ],
        );
        assertHas(page, '<span class="sev sev-critical">1 critical</span>');
        assertHas(page, '<span class="sev sev-high">1 high</span>');
        assertHas(
            page,
            '<span class="verdict bad">1 finding</span></td><td><code>aws-iam-policy-no-wildcard-actions</code>',
        );
        assertHas(
            page,
            '<span class="verdict warn">1 finding</span></td><td><code>aws-lambda-function-own-role</code>',
        );
    });

    it("lists every finding as a row, most severe first, with its filter facets", () => {
        const page = toHtml(reportInput([taggedEvaluation()]), [DRAWN]);
        assert.deepEqual(attributeValues(page, "tr", "data-severity"), ["critical", "low"]);
        assert.deepEqual(attributeValues(page, "tr", "data-cloud"), ["aws", "azure"]);
        assert.deepEqual(attributeValues(page, "tr", "data-frameworks"), [
            "nist-800-53 pci-dss soc2",
            "cis",
        ]);
        assert.deepEqual(attributeValues(page, "input", "value"), ["critical", "low"]);
        assert.deepEqual(attributeValues(page, "option", "value"), [
            "",
            "aws",
            "azure",
            "",
            "cis",
            "nist-800-53",
            "pci-dss",
            "soc2",
        ]);
        assertHas(page, ">NIST SP 800-53 AC-6</span>");
        assertHas(page, ">CIS Benchmarks</span>");
    });

    it("groups the findings by policy, most severe first, each group collapsible with its counts", () => {
        const page = toHtml(reportInput([taggedEvaluation()]), [DRAWN]);
        const groups = page.split('<details class="finding-group" data-group open>').slice(1);
        assert.equal(groups.length, 2);
        assertHas(groups[0] ?? "", "<code>aws-iam-policy-no-wildcard-actions</code>");
        assertHas(groups[0] ?? "", "<span data-group-count>1</span> finding on 1 resource");
        assertHas(groups[1] ?? "", "<code>azure-function-https-only</code>");
        assert.ok(
            !(groups[0] ?? "").includes("<th>Policy</th>"),
            "the group names the policy, not a column",
        );
    });

    it("groups a policy's findings on one resource under that resource, collapsible, with its count", () => {
        const on = (name: string, key: string) =>
            finding({
                urn: `urn:pulumi:dev::shop::gcp:projects/iAMMember:IAMMember::${name}`,
                resourceType: "gcp:projects/iAMMember:IAMMember",
                resourceName: name,
                findingKey: key,
            });
        const owner = ["a", "b", "c"].map((method) => on("owner-binding", method));
        const evaluation = { ...emptyEvaluation(), findings: [...owner, on("viewer", "d")] };
        const page = toHtml(reportInput([evaluation]), [DRAWN]);
        assertHas(page, "<span data-group-count>4</span> findings on 2 resources");
        const resources = page.split('<details class="resource-group" data-group open>').slice(1);
        assert.equal(resources.length, 2);
        assertHas(resources[0] ?? "", ">owner-binding</span>");
        assertHas(resources[0] ?? "", "<span data-group-count>3</span> findings");
        assertHas(resources[1] ?? "", "<span data-group-count>1</span> finding");
        // A policy with one finding per resource stays one table.
        const single = toHtml(reportInput([taggedEvaluation()]), [DRAWN]);
        assert.ok(!single.includes('<details class="resource-group"'));
    });

    it("sorts resources and function cards naturally, and starts a large stack with its groups closed", () => {
        const on = (name: string) =>
            finding({
                urn: `urn:pulumi:dev::shop::aws:lambda/function:Function::${name}`,
                resourceType: "aws:lambda/function:Function",
                resourceName: name,
                findingKey: name,
            });
        const few = { ...emptyEvaluation(), findings: ["fn10", "fn2", "fn1"].map(on) };
        const page = flat(toHtml(reportInput([few]), [DRAWN]));
        const order = [...page.matchAll(/class="res-name"[^>]*>(fn\d+)</g)].map((m) => m[1]);
        assert.deepEqual(order, ["fn1", "fn2", "fn10"]);
        const many = {
            ...emptyEvaluation(),
            findings: Array.from({ length: 101 }, (_, i) => on(`fn${i}`)),
        };
        const large = toHtml(reportInput([many]), [DRAWN]);
        assert.ok(large.includes('<details class="finding-group" data-group>'));
        assert.ok(!large.includes('<details class="finding-group" data-group open>'));
        assertHas(large, "<span data-group-count>101</span> findings on 101 resources");
    });

    it("orders function cards naturally, and closes them for a stack of hundreds of functions", () => {
        const twelve = flat(toHtml(reportInput(), [{ graph: wideGraph(12), svg: null }]));
        const cards = [...twelve.matchAll(/<article class="card"[^]*?<h4>([^<]*)</g)].map(
            (m) => m[1],
        );
        assert.deepEqual(cards.slice(0, 4), ["fn-0", "fn-1", "fn-2", "fn-3"]);
        assert.equal(cards[11], "fn-11");
        assert.match(twelve, /<details class="function-cards"\s*open>/);
        const many = toHtml(reportInput(), [{ graph: wideGraph(201), svg: null }]);
        assert.match(many, /<details class="function-cards"\s*>/);
        assertHas(many, "(201 cards, closed: open to read them)");
    });

    it("takes the cloud from the resource type when a pack does not tag it", () => {
        const page = toHtml(reportInput(), [DRAWN]);
        assert.deepEqual(attributeValues(page, "tr", "data-cloud"), ["stack", "aws", "aws"]);
        assert.deepEqual(attributeValues(page, "tr", "data-frameworks"), ["", "", ""]);
    });

    it("draws a card per function: identity, grants, invocations and risk profile", () => {
        const page = toHtml(reportInput(), [DRAWN]);
        const cards = page.split('<article class="card"').slice(1);
        assert.equal(cards.length, 2);
        const [api, worker] = cards;
        assertHas(api ?? "", '<span class="ident">api-role</span>');
        assertHas(
            api ?? "",
            '<span class="access">sqs:SendMessage</span> <span class="on">on</span> <span class="target" title="aws:resource:arn:aws:sqs:us-east-1:123456789012:jobs">jobs</span>',
        );
        assertHas(
            api ?? "",
            '<dt>can invoke</dt><dd><ul class="callees"><li>worker&lt;b&gt;</li></ul></dd>',
        );
        assertHas(api ?? "", '<li class="public">anyone: function URL with authType NONE</li>');
        assertHas(api ?? "", '<li class="risk risk-write"><span class="n">2</span> write</li>');
        assertHas(api ?? "", "Granted 2 of 2 declared permissions: ratio <strong>1</strong>");
        assertHas(api ?? "", '<p class="complete">');
        assertHas(
            worker ?? "",
            '<dt>invoked by</dt><dd><ul class="callers"><li>api</li></ul></dd>',
        );
        assertHas(
            worker ?? "",
            '<li class="risk risk-privilegeEscalation"><span class="n">1</span> privilege escalation</li>',
        );
        assertHas(worker ?? "", '<span class="risk-label">privilege escalation</span>');
        assertHas(worker ?? "", '<p class="incomplete">');
        assert.ok(!worker?.includes("declared permission"));
    });

    it("gives each evaluation its own section after the totals", () => {
        const input = reportInput([sampleEvaluation("a.json"), emptyEvaluation("b.json")], {
            combined: true,
        });
        const page = toHtml(input, [DRAWN, { graph: sampleGraph(), svg: null }]);
        assert.deepEqual(attributeValues(page, "section", "id"), ["e1", "e2"]);
        assertHas(page, '<a href="#e1">a.json</a>');
        assertHas(page, "<h2>b.json</h2>");
        assertHas(page, '<p class="clean">No findings.</p>');
        // a.json's findings come in groups (one per policy), each a table; b.json has none.
        assert.equal(
            page.split('<table class="findings-table">').length - 1,
            page.split('<details class="finding-group"').length - 1,
        );
    });

    it("says why there is no drawing", () => {
        const nothing = { nodes: [], edges: [], functions: [], nodeById: new Map() };
        const empty = toHtml(reportInput([emptyEvaluation()]), [{ graph: nothing, svg: null }]);
        assertHas(empty, "No functions, identities or grants were found in this stack.");
        assertHas(empty, "No functions in this stack.");
        const undrawn = toHtml(reportInput());
        assertHas(undrawn, "The graph was not drawn for this report.");
        assert.ok(!undrawn.includes('<article class="card"'));
        const large = toHtml(reportInput(), [{ ...DRAWN, notDrawn: "too <many>" }]);
        assertHas(large, "too &lt;many&gt;");
    });
});

describe("inlineSvg", () => {
    const graphviz = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
 "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz -->
<svg width="1500pt" height="300pt"
 viewBox="0.00 0.00 1500.00 300.00" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph"><!-- a --><text>a</text></g>
</svg>
`;

    it("drops the prolog and comments and sizes the drawing to its frame", () => {
        const svg = inlineSvg(graphviz).text;
        assert.match(svg, /^<svg role="img" aria-label="identity graph" data-natural-width="2000"/);
        assertHas(svg, 'style="width:100%;max-width:2000px;min-width:1400px;height:auto"');
        assertHas(svg, 'viewBox="0.00 0.00 1500.00 300.00"');
        assert.doesNotMatch(svg, /<\?xml|DOCTYPE|<!--|\swidth="|\sheight="/);
        assert.match(svg, /<\/svg>$/);
    });

    it("never scales a small drawing up", () => {
        const svg = inlineSvg(graphviz.replace('width="1500pt"', 'width="300pt"')).text;
        assertHas(svg, "max-width:400px;min-width:400px");
    });
});

describe("renderReport html", () => {
    it("draws the identity graph of the stack's resources with Graphviz", async function () {
        this.timeout(30_000);
        const evaluation = {
            ...emptyEvaluation(),
            resources: [
                resource(ROLE_URN, {
                    outputs: { name: "api-role", arn: "arn:aws:iam::123456789012:role/api-role" },
                }),
                resource("urn:pulumi:dev::shop::aws:lambda/function:Function::thumbnailer", {
                    outputs: {
                        name: "thumbnailer",
                        arn: "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer",
                        role: "arn:aws:iam::123456789012:role/api-role",
                    },
                }),
            ],
        };
        const page = await renderReportWithGraphs("html", reportInput([evaluation]));
        const svg = page.slice(page.indexOf("<svg"), page.indexOf("</svg>"));
        assert.ok(svg.length > 0, "an inline svg");
        assert.match(svg, /<g id="node\d+" class="node function[^"]*">[\s\S]*?>thumbnailer</);
        assertHas(page, 'data-function="thumbnailer"');
    });

    it("renders without drawing when called synchronously, and other formats ignore graphs", () => {
        const page = renderReport("html", reportInput());
        assertHas(page, "<h3>Identity graph</h3>");
        assert.ok(!page.includes("<svg"));
        const text = renderReport("text", reportInput(), { color: false, graphs: [DRAWN] });
        assert.equal(text, renderReport("text", reportInput()));
    });
});
