/**
 * The html report in a real browser: headless Chromium opens the file, the identity graph renders as
 * SVG with the function names, the findings table has every row, the severity and framework filters
 * hide and show rows, and the page requests nothing beyond its own file.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Locator, Page } from "playwright-core";
import { graphToSvg } from "../../cli/graph/svg";
import { renderReport } from "../../cli/report/render";
import { emptyEvaluation, finding, reportInput, sampleEvaluation } from "../cli/report/evaluations";
import { chromiumMissing, launchChromium, type Browser } from "./chromium";
import { sampleGraph } from "./sample-graph";

/** The findings rows of the first stack that the filters leave visible. */
const ROWS_SHOWN = "#e1 .findings-table tbody tr:visible";

async function severitiesOf(rows: Locator): Promise<(string | null)[]> {
    const severities: (string | null)[] = [];
    for (const row of await rows.all()) severities.push(await row.getAttribute("data-severity"));
    return severities;
}

/** The sample stack's findings plus one low-severity CIS finding on Azure, for the filters. */
function reportEvaluation() {
    const sample = sampleEvaluation();
    return {
        ...sample,
        findings: [
            ...sample.findings,
            finding({
                policy: "azure-function-https-only",
                severity: "low",
                enforcementLevel: "advisory",
                urn: "urn:pulumi:dev::shop::azure-native:web:WebApp::app",
                resourceType: "azure-native:web:WebApp",
                resourceName: "app",
                message: "allows TLS 1.0",
                findingKey: "azure-function-https-only",
                tags: ["azure", "functions", "cis"],
            }),
        ],
    };
}

describe("html report in headless Chromium", function () {
    this.timeout(30_000);
    let dir: string;
    let report: string;
    let browser: Browser | undefined;
    let page: Page;
    const offPage: string[] = [];

    before(async function () {
        const missing = chromiumMissing();
        if (missing !== undefined) {
            if (process.env.CI !== undefined && process.env.CI !== "") {
                throw new Error(`the browser test must run under CI: ${missing}`);
            }
            console.log(`    skipping the browser test: ${missing}`);
            this.skip();
        }
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-html-report-"));
        const graph = sampleGraph();
        const input = reportInput([reportEvaluation(), emptyEvaluation("stacks/clean.json")], {
            combined: true,
        });
        const graphs = [
            { graph, svg: await graphToSvg(graph) },
            { graph: { ...graph, nodes: [], edges: [], functions: [] }, svg: null },
        ];
        report = path.join(dir, "report.html");
        fs.writeFileSync(report, renderReport("html", input, { color: false, graphs }));

        browser = await launchChromium();
        // Every request that is not the report file itself is recorded and refused.
        await browser.context.route("**/*", async (route) => {
            const url = route.request().url();
            if (url.startsWith("file:")) {
                await route.continue();
            } else {
                offPage.push(url);
                await route.abort();
            }
        });
        page = await browser.context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        page.on("console", (message) => {
            if (message.type() === "error") errors.push(message.text());
        });
        await page.goto(pathToFileURL(report).href);
        assert.deepEqual(errors, [], "no script errors or blocked content");
    });

    after(async () => {
        await browser?.close();
    });

    it("renders the identity graph as SVG, with a node per function", async () => {
        const section = page.locator("#e1 .graph svg");
        assert.equal(await section.count(), 1);
        const box = await section.boundingBox();
        assert.ok(box !== null && box.width > 100 && box.height > 50, JSON.stringify(box));
        const functionLabels = await page
            .locator("#e1 .graph svg g.node.function text")
            .allTextContents();
        assert.ok(functionLabels.includes("api"), functionLabels.join(", "));
        assert.ok(functionLabels.includes("worker<b>"), functionLabels.join(", "));
        assert.equal(await page.locator("#e2 .graph svg").count(), 0);
    });

    it("shows a row per finding and a card per function", async () => {
        const rows = page.locator("#e1 table.findings-table tbody tr");
        assert.equal(await rows.count(), 4);
        assert.deepEqual(await severitiesOf(rows), ["critical", "high", "medium", "low"]);
        assert.equal(await page.locator(ROWS_SHOWN).count(), 4);
        assert.deepEqual(await page.locator("#e1 .card h4").allTextContents(), [
            "api",
            "worker<b>",
        ]);
        assert.ok(await page.locator("#e2 .clean").isVisible());
    });

    it("hides and shows rows with the severity filter", async () => {
        const status = page.locator("#e1 [data-filter-status]");
        const critical = page.locator('#e1 input[data-filter="severity"][value="critical"]');
        await critical.uncheck();
        assert.equal(await page.locator('#e1 tr[data-severity="critical"]').isHidden(), true);
        assert.equal(await page.locator(ROWS_SHOWN).count(), 3);
        assert.equal(await status.textContent(), "3 of 4 findings shown");
        // The policy group left without a shown row is hidden too.
        const criticalGroup = page
            .locator('#e1 tr[data-severity="critical"]')
            .locator("xpath=ancestor::details[1]");
        assert.equal(await criticalGroup.isHidden(), true);
        await critical.check();
        assert.equal(await page.locator('#e1 tr[data-severity="critical"]').isVisible(), true);
        assert.equal(await criticalGroup.isVisible(), true);
        assert.equal(await status.textContent(), "4 findings");
    });

    it("filters by compliance framework and by cloud", async () => {
        await page.locator('#e1 select[data-filter="framework"]').selectOption("cis");
        assert.deepEqual(await severitiesOf(page.locator(ROWS_SHOWN)), ["low"]);
        await page.locator('#e1 select[data-filter="framework"]').selectOption("");
        await page.locator('#e1 select[data-filter="cloud"]').selectOption("stack");
        assert.equal(await page.locator(ROWS_SHOWN).count(), 1);
        await page.locator('#e1 input[data-filter="severity"][value="critical"]').uncheck();
        assert.equal(await page.locator(ROWS_SHOWN).count(), 0);
        assert.ok(await page.locator("#e1 [data-filter-empty]").isVisible());
        await page.locator('#e1 input[data-filter="severity"][value="critical"]').check();
        await page.locator('#e1 select[data-filter="cloud"]').selectOption("");
        assert.equal(await page.locator(ROWS_SHOWN).count(), 4);
    });

    it("requests nothing beyond its own file, and leaves a screenshot", async () => {
        const screenshot = path.join(dir, "report.png");
        await page.screenshot({ path: screenshot, fullPage: true });
        assert.ok(fs.statSync(screenshot).size > 10_000);
        assert.deepEqual(offPage, []);
    });
});
