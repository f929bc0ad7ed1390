/**
 * A property named `__proto__`: the policy SDK drops it when it reads a resource (deserialize.js,
 * `props[k] = ...`), so no rule can judge its value. The engine keeps the key, and every report says
 * the value was not judged, instead of passing silently over a secret hidden there.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { droppedKeyNotices } from "../../../cli/engine/dropped-keys";
import { readStackExport } from "../../../cli/engine/stack-export";
import { fromWireMap, toWireMap } from "../../../cli/engine/wire";
import { perimeter } from "../commands/run-perimeter";

const EXPORT = `{
  "version": 3,
  "deployment": {
    "manifest": { "time": "2026-12-01T00:00:00Z", "magic": "x", "version": "v3.200.0" },
    "resources": [
      { "urn": "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", "custom": false, "type": "pulumi:pulumi:Stack" },
      {
        "urn": "urn:pulumi:dev::p::aws:lambda/function:Function::api",
        "custom": true, "id": "api", "type": "aws:lambda/function:Function",
        "inputs": { "runtime": "nodejs20.x", "environment": { "variables": { "__proto__": { "DB_PASSWORD": "hunter2-but-longer" } } } },
        "outputs": { "runtime": "nodejs20.x" }
      }
    ]
  }
}`;

describe("properties named __proto__", () => {
    it("are kept by the engine as own properties, both ways over the wire", () => {
        const map = fromWireMap(JSON.parse('{"a":{"__proto__":{"x":"y"}}}'));
        const inner = map.a as Record<string, unknown>;
        assert.ok(Object.prototype.hasOwnProperty.call(inner, "__proto__"));
        assert.equal(Object.getPrototypeOf(inner), Object.prototype);
        assert.equal(JSON.stringify(toWireMap(map)), '{"a":{"__proto__":{"x":"y"}}}');
        assert.equal(({} as Record<string, unknown>).x, undefined, "no prototype was polluted");
    });

    it("are named, with their path, as not judged by any policy", () => {
        const snapshot = readStackExport(EXPORT, "x.json");
        assert.deepEqual(
            droppedKeyNotices(snapshot.resources).map((n) => [n.urn, n.reason.split(":")[0]]),
            [
                [
                    "urn:pulumi:dev::p::aws:lambda/function:Function::api",
                    "`inputs.environment.variables.__proto__` cannot be judged",
                ],
            ],
        );
    });

    it("show in the audit report, and the value stays out of it", function () {
        this.timeout(120_000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perimeter-proto-"));
        const file = path.join(dir, "proto.json");
        fs.writeFileSync(file, EXPORT);
        const run = perimeter(["audit", file, "--format", "json"]);
        fs.rmSync(dir, { recursive: true, force: true });
        assert.ok(run.status === 0 || run.status === 1, run.stderr);
        const report = JSON.parse(run.stdout);
        const reasons = (report.notEvaluated as { reason: string }[]).map((n) => n.reason);
        assert.ok(
            reasons.some((r) =>
                r.startsWith(
                    "`inputs.environment.variables.__proto__` cannot be judged: the policy SDK drops",
                ),
            ),
            JSON.stringify(report.notEvaluated),
        );
        assert.ok(!run.stdout.includes("hunter2"));
    });
});
