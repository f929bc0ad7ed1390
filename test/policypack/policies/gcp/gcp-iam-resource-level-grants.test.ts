import * as assert from "assert";
import { gcpIamResourceLevelGrants as policy } from "../../../../policypack/policies/gcp/gcp-iam-resource-level-grants";
import { runStackPolicy, UNKNOWN } from "../../harness";
import { account, emailOf, gen2, policyData, projectMember, runGcpStack } from "./fixtures";

const FN = `serviceAccount:${emailOf("fn")}`;

describe("gcp-iam-resource-level-grants", () => {
    it("passes resource-level grants and project roles of services without resource IAM", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            {
                type: "gcp:storage/bucketIAMMember:BucketIAMMember",
                name: "read",
                props: { bucket: "b", role: "roles/storage.objectViewer", member: FN },
            },
            projectMember("logs", "roles/logging.logWriter", FN),
            projectMember("db", "roles/datastore.user", FN),
        ]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("reports project and folder grants of roles whose resources carry their own IAM", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            projectMember("read", "roles/storage.objectViewer", FN),
            {
                type: "gcp:folder/iAMPolicy:IAMPolicy",
                name: "folder",
                props: {
                    folder: "folders/1",
                    policyData: policyData({ role: "roles/pubsub.publisher", members: [FN] }),
                },
            },
        ]);
        assert.deepStrictEqual(run.findingKeys, [
            "gcp-iam-resource-level-grants[Role::roles/storage.objectViewer]",
            "gcp-iam-resource-level-grants[Role::roles/pubsub.publisher]",
        ]);
        assert.strictEqual(
            run.messages[0],
            `gcp:projects/iAMMember:IAMMember 'read' grants 'roles/storage.objectViewer' at project level to function identity ${emailOf("fn")} (function 'fn'); grant it on the bucket or managed folder instead [Role::roles/storage.objectViewer]`,
        );
    });

    it("is not about grants to identities that no function runs as", async () => {
        const run = await runGcpStack(policy, [
            projectMember("read", "roles/storage.objectViewer", "group:data@b.c"),
        ]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("allows the project-only roles in config, and others added there", async () => {
        const resources = [
            gen2("fn", emailOf("fn")),
            projectMember("jobs", "roles/bigquery.jobUser", FN),
            projectMember("secrets", "roles/secretmanager.secretAccessor", FN),
        ];
        assert.strictEqual((await runGcpStack(policy, resources)).messages.length, 1);
        const run = await runGcpStack(policy, resources, {
            allowedRoles: ["roles/bigquery.jobUser", "roles/secretmanager.secretAccessor"],
        });
        assert.deepStrictEqual(run.messages, []);
    });

    it("hides an exempted grant", async () => {
        const result = await runStackPolicy(
            policy,
            [gen2("fn", emailOf("fn")), projectMember("read", "roles/storage.objectViewer", FN)],
            {
                config: { exemptions: [{ resource: "read", reason: "Reads 40 buckets, SHOP-70" }] },
            },
        );
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.exemptions.length, 1);
    });

    it("follows dependencies in preview and cannot run while a role is unknown", async () => {
        const linked = await runGcpStack(policy, [
            account("fn-sa", UNKNOWN),
            { ...gen2("fn", UNKNOWN), dependsOn: { serviceConfig: ["fn-sa"] } },
            {
                ...projectMember("read", "roles/storage.objectViewer", UNKNOWN),
                dependsOn: { member: ["fn-sa"] },
            },
        ]);
        assert.strictEqual(linked.messages.length, 1);
        const unknown = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            projectMember("read", UNKNOWN, FN),
        ]);
        assert.match(unknown.unknown ?? "", /can't be known during preview/);
    });
});
