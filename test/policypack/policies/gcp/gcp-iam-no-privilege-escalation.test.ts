import * as assert from "assert";
import { gcpIamNoPrivilegeEscalation as policy } from "../../../../policypack/policies/gcp/gcp-iam-no-privilege-escalation";
import { runStackPolicy, UNKNOWN_ARRAY } from "../../harness";
import { emailOf, gen2, PROJECT, projectMember, runGcpStack } from "./fixtures";

const FN = `serviceAccount:${emailOf("fn")}`;

function customRole(name: string, permissions: unknown) {
    return {
        type: "gcp:projects/iAMCustomRole:IAMCustomRole",
        name,
        props: { project: PROJECT, roleId: name, title: name, permissions },
    };
}

describe("gcp-iam-no-privilege-escalation", () => {
    it("passes a function identity with roles that complete no method, and harmless custom roles", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            projectMember("logs", "roles/logging.logWriter", FN),
            customRole("reader", ["storage.objects.get", "storage.objects.list"]),
        ]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("reports a role that completes a method alone, naming the method, its permissions and source", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            projectMember("roles", "roles/iam.roleAdmin", FN),
        ]);
        assert.ok(
            run.findingKeys.includes("gcp-iam-no-privilege-escalation[Method::UpdateIAMRole]"),
        );
        assert.ok(
            run.messages.includes(
                `gcp:projects/iAMMember:IAMMember 'roles' grants 'roles/iam.roleAdmin' to function identity ${emailOf("fn")} (function 'fn'), which completes escalation method 'UpdateIAMRole' (iam.roles.update) from RhinoSecurityLabs/GCP-IAM-Privilege-Escalation [Method::UpdateIAMRole]`,
            ),
        );
    });

    it("reports a method that two project roles complete only together, on the function", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            projectMember("dev", "roles/cloudfunctions.developer", FN),
            projectMember("act-as", "roles/iam.serviceAccountUser", FN),
        ]);
        const i = run.findingKeys.indexOf(
            "gcp-iam-no-privilege-escalation[Method::UpdateCloudFunction]",
        );
        assert.ok(i >= 0, run.findingKeys.join("\n"));
        assert.strictEqual(run.on[i], "fn");
        assert.match(
            run.messages[i] ?? "",
            /whose roles 'roles\/cloudfunctions\.developer', 'roles\/iam\.serviceAccountUser' together complete/,
        );
    });

    it("reports custom roles that hold a method's permissions, granted or not", async () => {
        const run = await runGcpStack(policy, [
            customRole("keys", ["iam.serviceAccountKeys.create", "iam.serviceAccounts.get"]),
        ]);
        assert.deepStrictEqual(run.on, ["keys"]);
        assert.deepStrictEqual(run.findingKeys, [
            "gcp-iam-no-privilege-escalation[Method::CreateServiceAccountKey]",
        ]);
    });

    it("applies a method only at the levels where Rhino scopes it", async () => {
        const bucketGrant = {
            type: "gcp:storage/bucketIAMMember:BucketIAMMember",
            name: "on-bucket",
            props: { bucket: "b", role: "roles/storage.admin", member: FN },
        };
        const onSa = {
            type: "gcp:serviceaccount/iAMMember:IAMMember",
            name: "on-sa",
            props: {
                serviceAccountId: emailOf("admin"),
                role: "roles/iam.serviceAccountTokenCreator",
                member: FN,
            },
        };
        const run = await runGcpStack(policy, [gen2("fn", emailOf("fn")), bucketGrant, onSa]);
        assert.deepStrictEqual([...new Set(run.on)], ["on-sa"]);
        assert.ok(
            run.findingKeys.includes(
                "gcp-iam-no-privilege-escalation[Method::GetServiceAccountAccessToken]",
            ),
        );
    });

    it("skips methods ignored in config", async () => {
        const run = await runGcpStack(
            policy,
            [customRole("keys", ["iam.serviceAccountKeys.create"])],
            {
                ignoredMethods: ["CreateServiceAccountKey"],
            },
        );
        assert.deepStrictEqual(run.messages, []);
    });

    it("hides one exempted method", async () => {
        const result = await runStackPolicy(
            policy,
            [customRole("keys", ["iam.serviceAccountKeys.create", "iam.roles.update"])],
            {
                config: {
                    exemptions: [
                        {
                            resource: "keys",
                            reason: "Key rotation role, SEC-77",
                            finding: "Method::CreateServiceAccountKey",
                        },
                    ],
                },
            },
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["gcp-iam-no-privilege-escalation[Method::UpdateIAMRole]"],
        );
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("cannot run during preview while a custom role's permissions are unknown", async () => {
        const run = await runGcpStack(policy, [customRole("keys", UNKNOWN_ARRAY)]);
        assert.match(run.unknown ?? "", /\.permissions can't be known during preview/);
    });

    it("has nothing to judge in a stack without functions or custom roles", async () => {
        const run = await runGcpStack(policy, [
            projectMember("owner", "roles/owner", "user:a@b.c"),
        ]);
        assert.deepStrictEqual(run.messages, []);
    });
});
