import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { readGrants } from "../../../../policypack/lib/gcp/grants";
import {
    GCP_IAM_RESOURCE_TYPES,
    gcpIamResourceType,
} from "../../../../policypack/lib/gcp/iam-resources";

const SDK = path.dirname(require.resolve("@pulumi/gcp/package.json"));

const modulesByDir = new Map<string, Map<string, string>>();

/**
 * The SDK module (path without extension) that registers a type token. File names do not always
 * follow the token (`gcp:organizations/iAMMember:IAMMember` lives in organizations/iamMember.js), so
 * the module directory is searched once for `__pulumiType = '<token>'`.
 */
function sdkModule(type: string): string | undefined {
    const dir = path.join(SDK, /^gcp:([^/]+)\//.exec(type)?.[1] ?? "");
    let modules = modulesByDir.get(dir);
    if (modules === undefined) {
        modules = new Map();
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".js"))) {
            const token = /__pulumiType = '([^']+)'/.exec(
                fs.readFileSync(path.join(dir, file), "utf8"),
            );
            if (token?.[1] !== undefined) {
                modules.set(token[1], path.join(dir, file.slice(0, -".js".length)));
            }
        }
        modulesByDir.set(dir, modules);
    }
    return modules.get(type);
}

function argsFields(type: string): string[] {
    const dts = fs.readFileSync(`${sdkModule(type) ?? type}.d.ts`, "utf8");
    const args = /export interface \w+Args \{([\s\S]*?)\n\}/.exec(dts)?.[1] ?? "";
    return [...args.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]!);
}

describe("the GCP IAM resource table", () => {
    it("names only type tokens that @pulumi/gcp registers", () => {
        for (const entry of GCP_IAM_RESOURCE_TYPES) {
            assert.ok(sdkModule(entry.type) !== undefined, entry.type);
        }
    });

    it("reads the role, member, policy and target fields the SDK declares", () => {
        for (const entry of GCP_IAM_RESOURCE_TYPES) {
            const fields = argsFields(entry.type);
            const expected = [
                entry.roleField,
                entry.memberField,
                entry.policyDataField,
                ...entry.targetFields,
            ].filter((f): f is string => f !== undefined);
            for (const field of expected) {
                assert.ok(
                    fields.includes(field),
                    `${entry.type} has no '${field}' (${fields.join(", ")})`,
                );
            }
        }
    });

    it("covers member, binding and policy at every level", () => {
        const covered = new Set(GCP_IAM_RESOURCE_TYPES.map((t) => `${t.level}/${t.kind}`));
        for (const level of ["organization", "folder", "project", "serviceAccount", "resource"]) {
            for (const kind of ["member", "binding", "policy"]) {
                assert.ok(covered.has(`${level}/${kind}`), `${level}/${kind}`);
            }
        }
    });
});

describe("reading grants", () => {
    const member = gcpIamResourceType("gcp:pubsub/topicIAMMember:TopicIAMMember")!;
    const binding = gcpIamResourceType("gcp:secretmanager/secretIamBinding:SecretIamBinding")!;
    const policy = gcpIamResourceType("gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy")!;

    it("reads a member with its condition as title and expression (one text for rules and graph)", () => {
        const read = readGrants(member, {
            role: "roles/pubsub.publisher",
            member: "serviceAccount:a@p.iam.gserviceaccount.com",
            condition: {
                title: "until 2026",
                expression: 'request.time < timestamp("2026-01-01T00:00:00Z")',
            },
        });
        assert.deepStrictEqual(read, {
            ok: true,
            grants: [
                {
                    role: "roles/pubsub.publisher",
                    members: ["serviceAccount:a@p.iam.gserviceaccount.com"],
                    condition: 'until 2026: request.time < timestamp("2026-01-01T00:00:00Z")',
                    expression: 'request.time < timestamp("2026-01-01T00:00:00Z")',
                    where: "",
                },
            ],
        });
    });

    it("reads a binding's members and a policy's bindings, skipping malformed ones", () => {
        const b = readGrants(binding, {
            role: "roles/secretmanager.secretAccessor",
            members: ["user:a@b.c", 3],
        });
        assert.deepStrictEqual(b.ok && b.grants[0]?.members, ["user:a@b.c"]);
        const p = readGrants(policy, {
            policyData: JSON.stringify({
                bindings: [
                    { role: 7 },
                    { role: "roles/cloudkms.cryptoKeyDecrypter", members: ["group:g@b.c"] },
                ],
            }),
        });
        assert.deepStrictEqual(p.ok && p.grants.map((g) => [g.role, g.where]), [
            ["roles/cloudkms.cryptoKeyDecrypter", "binding 2 of policyData"],
        ]);
    });

    it("says why a policy cannot be read", () => {
        assert.deepStrictEqual(readGrants(policy, { policyData: "[]" }), {
            ok: false,
            error: "policyData is not a JSON object",
        });
        assert.deepStrictEqual(readGrants(policy, { policyData: '{"bindings": {}}' }), {
            ok: false,
            error: "policyData.bindings is not a list",
        });
    });
});
