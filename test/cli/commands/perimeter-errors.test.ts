/** Bad input to the `perimeter` command: one line on stderr, exit 2, nothing else. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    assertUsageError,
    audit,
    exportFile,
    FIXTURES,
    perimeter,
    PROGRAMS,
    type Run,
    TEST_PACK,
} from "./run-perimeter";

describe("perimeter (command line) on bad input", () => {
    const cases: [string, () => Run, RegExp][] = [
        [
            "an unknown flag",
            () => audit([exportFile("clean.json")], "--colour"),
            /unknown flag `--colour`/,
        ],
        [
            "a flag without its value",
            () => audit([exportFile("clean.json")], "--format"),
            /`--format` needs a value/,
        ],
        [
            "an unknown format",
            () => audit([exportFile("clean.json")], "--format", "xml"),
            /unknown format `xml`/,
        ],
        ["a missing command", () => perimeter([]), /missing command/],
        [
            "a missing audit file",
            () => audit([exportFile("nope.json")]),
            /cannot read .*nope\.json.*no such file/,
        ],
        [
            "invalid JSON",
            () => audit([exportFile("not-json.json")]),
            /not-json\.json is not valid JSON/,
        ],
        [
            "a stack export of another version",
            () => audit([exportFile("version-4.json")]),
            /version 4 stack export/,
        ],
        [
            "a missing program directory",
            () => perimeter(["preview", path.join(PROGRAMS, "nope")]),
            /does not exist/,
        ],
        [
            "a directory without Pulumi.yaml",
            () => perimeter(["preview", FIXTURES]),
            /no Pulumi\.yaml/,
        ],
        [
            "a pack that fails to start",
            () =>
                audit(
                    [exportFile("clean.json")],
                    "--policy-pack",
                    path.join(FIXTURES, "packs/broken-pack"),
                ),
            /failed to start.*this pack is broken on purpose/,
        ],
        [
            "a policy config that does not match the pack",
            () => {
                const config = path.join(os.tmpdir(), `perimeter-cli-config-${process.pid}.json`);
                fs.writeFileSync(config, JSON.stringify({ "no-such-policy": "mandatory" }));
                try {
                    return audit([exportFile("clean.json")], "--policy-config", config);
                } finally {
                    fs.rmSync(config);
                }
            },
            /no-such-policy/,
        ],
        [
            "a missing policy config file",
            () => audit([exportFile("clean.json")], "--policy-config", "nope.json"),
            /cannot read `--policy-config` nope\.json/,
        ],
    ];
    for (const [what, run, reason] of cases) {
        it(`rejects ${what}`, () => assertUsageError(run(), reason));
    }

    it("prints a program's error of several lines with its lines in order, under the first", () => {
        const run = perimeter([
            "preview",
            path.join(PROGRAMS, "throws"),
            "--policy-pack",
            TEST_PACK,
        ]);
        assert.equal(run.status, 2, run.stderr);
        assert.equal(run.stdout, "");
        assert.equal(
            run.stderr,
            "perimeter: program 'throws' failed: grant 'uploads' has no access level\n" +
                "  (expected one of s3:read, s3:write)\n",
        );
    });

    it("fails a preview whose program fails late, inside an apply, or does not type-check", () => {
        const late = perimeter([
            "preview",
            path.join(PROGRAMS, "late-error"),
            "--policy-pack",
            TEST_PACK,
        ]);
        assert.equal(late.status, 2, late.stderr);
        assert.match(
            late.stderr,
            /^perimeter: program 'late-error' failed: grant 'uploads': '.*' is not an S3 bucket ARN\n  name the bucket's ARN\n$/,
        );
        // An AzureFunction whose grant target resolves, inside an apply, to a scope its level refuses.
        const azure = perimeter([
            "preview",
            path.join(PROGRAMS, "azure-late-scope"),
            "--transpile-only",
            "--policy-pack",
            TEST_PACK,
        ]);
        assert.equal(azure.status, 2, azure.stderr);
        assert.equal(azure.stdout, "");
        assert.match(
            azure.stderr,
            /^perimeter: program 'azure-late-scope' failed: `grants` 'data': '\/subscriptions\/.*\/storageAccounts\/data[0-9a-f]+' is a whole storage account; grant on the container/,
        );
        const typeError = perimeter([
            "preview",
            path.join(PROGRAMS, "type-error"),
            "--policy-pack",
            TEST_PACK,
        ]);
        assert.equal(typeError.status, 2, typeError.stderr);
        assert.match(
            typeError.stderr,
            /Unable to compile TypeScript:\n  index\.ts\(3,7\): error TS2322/,
        );
        const transpiled = perimeter([
            "preview",
            path.join(PROGRAMS, "type-error"),
            "--transpile-only",
            "--policy-pack",
            TEST_PACK,
        ]);
        assert.equal(transpiled.status, 0, transpiled.stderr);
    });

    it("fails a preview whose AwsFunction grant target resolves to the wrong kind of ARN", () => {
        const run = perimeter([
            "preview",
            path.join(PROGRAMS, "aws-wrong-target"),
            "--transpile-only",
            "--policy-pack",
            TEST_PACK,
        ]);
        assert.equal(run.status, 2, run.stderr);
        assert.match(
            run.stderr,
            /^perimeter: program 'aws-wrong-target' failed: AwsFunction 'reader' has a problem with its arguments once its targets are known:\n {2}- `grants` 'orders' \(s3:read\): the resource 'arn:aws:dynamodb:us-east-1:123456789012:table\/orders-[0-9a-f]+' is not the bucket's ARN/,
        );
    });

    it("shows the stack trace under --debug", () => {
        const run = audit([exportFile("not-json.json")], "--debug");
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^perimeter: /);
        assert.match(run.stderr, /\n\s+at /);
    });
});
