import { strict as assert } from "assert";
import * as fs from "fs";
import { UsageError } from "../../../cli/engine/errors";
import { readStackExport } from "../../../cli/engine/stack-export";
import { fixture, text } from "./fixtures";

function readFixture(name: string): string {
    return fs.readFileSync(fixture("exports", name), "utf8");
}

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

describe("readStackExport", function () {
    it("reads every resource of a version 3 export with its graph and properties", function () {
        const snapshot = readStackExport(
            readFixture("admin-role-policy.json"),
            "admin-role-policy.json",
        );
        assert.equal(snapshot.source, "admin-role-policy.json");
        assert.equal(snapshot.project, "billing");
        assert.equal(snapshot.stack, "prod");
        assert.equal(snapshot.resources.length, 5);
        const admin = snapshot.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy");
        assert.ok(admin);
        assert.equal(admin.name, "invoices-admin", "the name comes from the URN");
        assert.equal(admin.custom, true);
        assert.equal(admin.id, "invoices-7a1f2c3:invoices-admin-91be0d4");
        assert.equal(admin.parent, "urn:pulumi:prod::billing::pulumi:pulumi:Stack::billing-prod");
        assert.match(admin.provider ?? "", /::pulumi:providers:aws::default_6_37_1::7c1d8b4e-/);
        assert.deepEqual(admin.dependencies, [
            "urn:pulumi:prod::billing::aws:iam/role:Role::invoices",
        ]);
        assert.deepEqual(admin.propertyDependencies.role, [
            "urn:pulumi:prod::billing::aws:iam/role:Role::invoices",
        ]);
        assert.match(text(admin.inputs.policy), /"Action":"\*"/);
        assert.deepEqual(snapshot.resources[0]?.inputs, {}, "missing inputs read as empty");
    });

    it("keeps ciphertext secrets secret, with content unknown rather than a plain object", function () {
        const snapshot = readStackExport(readFixture("ciphertext-secret.json"), "secret.json");
        const policy = snapshot.resources.find((r) => r.name === "invoices-secret-policy");
        assert.deepEqual(policy?.inputs.policy, { __secret: true, value: { __unknown: true } });
        assert.deepEqual(policy?.outputs.policy, { __secret: true, value: { __unknown: true } });
    });

    it("reads --show-secrets plaintext as a secret with its value", function () {
        const text = JSON.stringify({
            version: 3,
            deployment: {
                resources: [
                    {
                        urn: "urn:pulumi:dev::app::aws:ssm/parameter:Parameter::token",
                        custom: true,
                        type: "aws:ssm/parameter:Parameter",
                        outputs: { value: { [SIG]: SECRET, plaintext: '{"nested":["a",1]}' } },
                    },
                ],
            },
        });
        const [parameter] = readStackExport(text, "-").resources;
        assert.deepEqual(parameter?.outputs.value, { __secret: true, value: { nested: ["a", 1] } });
    });

    it("leaves out resources pending deletion", function () {
        const text = JSON.stringify({
            version: 3,
            deployment: {
                resources: [
                    {
                        urn: "urn:pulumi:dev::app::aws:iam/role:Role::old",
                        custom: true,
                        type: "aws:iam/role:Role",
                        delete: true,
                    },
                    {
                        urn: "urn:pulumi:dev::app::aws:iam/role:Role::new",
                        custom: true,
                        type: "aws:iam/role:Role",
                    },
                ],
            },
        });
        assert.deepEqual(
            readStackExport(text, "-").resources.map((r) => r.name),
            ["new"],
        );
    });

    it("refuses values nested beyond any resource's properties, with a reason", function () {
        // Written as text: JSON.stringify itself overflows the stack on such a value.
        const deep = `${'{"next":'.repeat(20_000)}"leaf"${"}".repeat(20_000)}`;
        const text =
            '{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:dev::app::aws:iam/role:Role::r",' +
            `"custom":true,"outputs":{"tags":${deep}}}]}}`;
        assert.throws(
            () => readStackExport(text, "deep.json"),
            (error: Error) =>
                error instanceof UsageError &&
                error.message.startsWith("deep.json nests values more than 500 levels deep"),
        );
    });

    it("reads an export that starts with a UTF-8 byte-order mark", function () {
        const text = JSON.stringify({
            version: 3,
            deployment: {
                resources: [{ urn: "urn:pulumi:dev::app::aws:iam/role:Role::r", custom: true }],
            },
        });
        assert.deepEqual(
            readStackExport(`\uFEFF${text}`, "bom.json").resources.map((r) => r.name),
            ["r"],
        );
    });

    it("refuses two live resources with one URN, and keeps one beside its pending deletion", function () {
        const role = { urn: "urn:pulumi:dev::app::aws:iam/role:Role::r", custom: true };
        const twice = JSON.stringify({ version: 3, deployment: { resources: [role, role] } });
        assert.throws(
            () => readStackExport(twice, "twice.json"),
            (error: Error) =>
                error instanceof UsageError &&
                error.message.startsWith(
                    "twice.json: the URN 'urn:pulumi:dev::app::aws:iam/role:Role::r' appears twice among the live resources",
                ),
        );
        const replacing = JSON.stringify({
            version: 3,
            deployment: { resources: [{ ...role, delete: true }, role] },
        });
        assert.equal(readStackExport(replacing, "replacing.json").resources.length, 1);
    });

    it("rejects an export of another version, naming the version found and the one expected", function () {
        assert.throws(
            () => readStackExport(readFixture("version-2.json"), "old.json"),
            (error: Error) =>
                error instanceof UsageError &&
                error.message ===
                    "old.json is a version 2 stack export; perimeter reads version 3, so export it again with a current Pulumi CLI",
        );
    });

    it("rejects invalid JSON and JSON that is not a stack export", function () {
        assert.throws(
            () => readStackExport("{ nope", "bad.json"),
            /^UsageError: bad\.json is not valid JSON/,
        );
        assert.throws(
            () => readStackExport("[1, 2]", "list.json"),
            /list\.json is not a Pulumi stack export/,
        );
        assert.throws(
            () =>
                readStackExport(
                    JSON.stringify({ version: 3, deployment: { resources: [{ type: "x" }] } }),
                    "f",
                ),
            /f: resource #1 has no valid 'urn'/,
        );
    });
});
