import * as assert from "node:assert/strict";
import { parseCommandLine } from "../../../cli/commands/args";
import { UsageError } from "../../../cli/engine/errors";

function usageError(args: string[], pattern: RegExp): void {
    assert.throws(
        () => parseCommandLine(args),
        (error: unknown) => error instanceof UsageError && pattern.test(error.message),
    );
}

describe("parseCommandLine", () => {
    it("previews the current directory with the documented defaults", () => {
        assert.deepEqual(parseCommandLine(["preview"]), {
            command: "preview",
            policyPacks: [],
            protocol: false,
            format: "text",
            failOn: "mandatory",
            debug: false,
            dir: ".",
            config: {},
            preview: false,
            transpileOnly: false,
        });
    });

    it("reads every preview flag, in both --flag value and --flag=value forms, and -o for --output", () => {
        const parsed = parseCommandLine([
            "preview",
            "app",
            "--stack=prod",
            "--config",
            "aws:region=eu-west-1",
            "--config=token=a=b",
            "--preview",
            "--policy-pack",
            "one",
            "--policy-pack=two",
            "--policy-config",
            "config.json",
            "--format",
            "sarif",
            "-o",
            "out.sarif",
            "--fail-on",
            "advisory",
            "--debug",
            "--transpile-only",
            "--protocol",
        ]);
        assert.deepEqual(parsed, {
            command: "preview",
            policyPacks: ["one", "two"],
            policyConfig: "config.json",
            protocol: true,
            format: "sarif",
            output: "out.sarif",
            failOn: "advisory",
            debug: true,
            dir: "app",
            stack: "prod",
            config: { "aws:region": "eu-west-1", token: "a=b" },
            preview: true,
            transpileOnly: true,
        });
    });

    it("takes --protocol for the commands that run packs, and not with --no-policy", () => {
        for (const args of [
            ["audit", "a.json"],
            ["diff", "a.json", "b.json"],
        ]) {
            const parsed = parseCommandLine([...args, "--protocol"]);
            assert.equal("protocol" in parsed && parsed.protocol, true);
        }
        usageError(["graph", "a.json", "--protocol"], /--protocol/);
        usageError(
            ["diff", "a.json", "b.json", "--no-policy", "--protocol"],
            /drop .*`--protocol`/,
        );
    });

    it("takes --output - as standard output, for reports and graphs", () => {
        const report = parseCommandLine(["audit", "a.json", "--output", "-"]);
        assert.ok(!("output" in report));
        const graph = parseCommandLine(["graph", "a.json", "-o", "-"]);
        assert.ok(!("output" in graph));
    });

    it("audits several inputs in order, with - for standard input", () => {
        const parsed = parseCommandLine(["audit", "a.json", "-", "exports/"]);
        assert.equal(parsed.command, "audit");
        assert.deepEqual(parsed.command === "audit" ? parsed.inputs : [], [
            "a.json",
            "-",
            "exports/",
        ]);
    });

    it("takes arguments after -- as inputs even when they look like flags", () => {
        const parsed = parseCommandLine(["audit", "--", "--odd-name.json"]);
        assert.deepEqual(parsed.command === "audit" ? parsed.inputs : [], ["--odd-name.json"]);
    });

    it("answers --help, -h and help, per command or in general", () => {
        assert.deepEqual(parseCommandLine(["--help"]), { command: "help" });
        assert.deepEqual(parseCommandLine(["audit", "-h"]), { command: "help", topic: "audit" });
        assert.deepEqual(parseCommandLine(["help", "preview"]), {
            command: "help",
            topic: "preview",
        });
        assert.deepEqual(parseCommandLine(["--version"]), { command: "version" });
    });

    it("rejects a missing or unknown command", () => {
        usageError([], /missing command/);
        usageError(["deploy"], /unknown command `deploy`/);
    });

    it("rejects unknown flags and flags of the other command, naming them", () => {
        usageError(["audit", "x.json", "--colour"], /unknown flag `--colour`/);
        usageError(["audit", "x.json", "-x"], /unknown flag `-x`/);
        usageError(
            ["audit", "x.json", "--stack", "dev"],
            /`--stack` is not an option of `perimeter audit`/,
        );
    });

    it("rejects a flag without its value", () => {
        usageError(["audit", "x.json", "--format"], /`--format` needs a value/);
        usageError(["audit", "x.json", "--output", "--format", "json"], /`--output` needs a value/);
        usageError(["audit", "x.json", "--output="], /`--output` needs a value/);
        usageError(["preview", "--preview=yes"], /`--preview` takes no value/);
    });

    it("rejects a single-valued flag given twice", () => {
        usageError(["audit", "x.json", "--format", "json", "--format", "text"], /more than once/);
    });

    it("rejects an unknown format and lists the formats", () => {
        usageError(
            ["audit", "x.json", "--format", "xml"],
            /unknown format `xml`.*text, json, sarif, junit, markdown, html/,
        );
    });

    it("rejects an unknown --fail-on level", () => {
        usageError(
            ["audit", "x.json", "--fail-on", "high"],
            /unknown level `high` for `--fail-on`/,
        );
    });

    it("rejects --config without key=value", () => {
        usageError(["preview", "--config", "region"], /`--config` expects key=value, got `region`/);
        usageError(["preview", "--config", "=x"], /expects key=value/);
    });

    it("rejects an audit without input, stdin twice, and a preview of two directories", () => {
        usageError(["audit"], /needs a `pulumi stack export` file/);
        usageError(["audit", "-", "-"], /only once/);
        usageError(["preview", "a", "b"], /one project directory, got 2/);
    });
});
