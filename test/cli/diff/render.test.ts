import * as assert from "node:assert/strict";
import type { FunctionDiff, StackDiff } from "../../../cli/diff/compare";
import { MARKDOWN_BUDGET, renderDiff } from "../../../cli/diff/render";

function changed(i: number): FunctionDiff {
    return {
        id: `urn:pulumi:dev::p::aws:lambda/function:Function::fn${i}`,
        label: `fn${i}`,
        cloud: "aws",
        type: "aws:lambda/function:Function",
        change: "changed",
        nowSharesIdentityWith: [],
        permissionsAdded: Array.from({ length: 3 }, (_, r) => ({
            action: "s3:PutObject",
            resource: `arn:aws:s3:::bucket-${i}-${r}/*`,
            conditions: [],
            categories: ["write" as const],
        })),
        permissionsRemoved: [],
        invokersAdded: [],
        invokersRemoved: [],
        unreadableAdded: [],
        unreadableRemoved: [],
        complete: true,
    };
}

function report(functions: FunctionDiff[]) {
    const diff: StackDiff = {
        functions,
        findings: { added: [], resolved: [] },
        summary: {
            functionsChanged: functions.length,
            permissionsAdded: functions.length * 3,
            permissionsRemoved: 0,
            addedByCategory: {
                privilegeEscalation: 0,
                permissionsManagement: 0,
                credentialsExposure: 0,
                dataExfiltration: 0,
                write: functions.length * 3,
                read: 0,
            },
            publicInvokersAdded: 0,
            invokersAdded: 0,
            unreadableAdded: 0,
            findingsAdded: 0,
            findingsResolved: 0,
            narrowingOnly: false,
        },
    };
    return {
        tool: { name: "perimeter", version: "0.0.0" },
        before: "old.json",
        after: "new.json",
        diff,
        failOn: "write" as const,
        failures: ["many write permissions added"],
    };
}

describe("perimeter diff: the Markdown comment", () => {
    it("fits GitHub's comment limit however large the change, and says what it left out", () => {
        const markdown = renderDiff(
            "markdown",
            report(Array.from({ length: 3000 }, (_, i) => changed(i))),
        );
        assert.ok(
            markdown.length <= MARKDOWN_BUDGET && MARKDOWN_BUDGET < 65_536,
            String(markdown.length),
        );
        const shown = markdown.match(/^### /gm)?.length ?? 0;
        assert.ok(shown > 100 && shown < 3000, String(shown));
        assert.match(
            markdown,
            new RegExp(
                `\\*Cut to fit a comment: ${3000 - shown} more changed functions not shown\\.`,
            ),
        );
        assert.match(markdown, /Fails --fail-on write: many write permissions added/);
    });

    it("leaves a small change whole", () => {
        const markdown = renderDiff("markdown", report([changed(1), changed(2)]));
        assert.equal(markdown.match(/^### /gm)?.length, 2);
        assert.ok(!markdown.includes("Cut to fit"));
    });
});
