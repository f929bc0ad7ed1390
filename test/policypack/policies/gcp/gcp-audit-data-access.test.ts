import * as assert from "assert";
import { gcpAuditDataAccess as policy } from "../../../../policypack/policies/gcp/gcp-audit-data-access";
import { runStackPolicy, UNKNOWN } from "../../harness";
import {
    emailOf,
    gen2,
    PROJECT,
    projectMember,
    runGcpStack,
    type FixtureResource,
} from "./fixtures";

const FN = `serviceAccount:${emailOf("fn")}`;

function auditConfig(service: string, ...logTypes: string[]): FixtureResource {
    return {
        type: "gcp:projects/iAMAuditConfig:IAMAuditConfig",
        name: `audit-${service}`,
        props: {
            project: PROJECT,
            service,
            auditLogConfigs: logTypes.map((logType) => ({ logType })),
        },
    };
}

const bucketRead: FixtureResource = {
    type: "gcp:storage/bucketIAMMember:BucketIAMMember",
    name: "read",
    props: { bucket: "uploads", role: "roles/storage.objectViewer", member: FN },
};

describe("gcp-audit-data-access", () => {
    it("passes when every used service has DATA_READ and DATA_WRITE logs", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            bucketRead,
            projectMember("db", "roles/datastore.user", FN),
            projectMember("logs", "roles/logging.logWriter", FN),
            auditConfig("storage.googleapis.com", "DATA_READ", "DATA_WRITE", "ADMIN_READ"),
            auditConfig("firestore.googleapis.com", "DATA_READ", "DATA_WRITE"),
        ]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("accepts allServices, at project level or in a folder or organization config", async () => {
        for (const type of [
            "gcp:projects/iAMAuditConfig:IAMAuditConfig",
            "gcp:organizations/iamAuditConfig:IamAuditConfig",
        ]) {
            const all = { ...auditConfig("allServices", "DATA_READ", "DATA_WRITE"), type };
            const run = await runGcpStack(policy, [gen2("fn", emailOf("fn")), bucketRead, all]);
            assert.deepStrictEqual(run.messages, [], type);
        }
    });

    it("reports a used service without Data Access logs on the function, naming the missing types", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            bucketRead,
            auditConfig("storage.googleapis.com", "DATA_READ"),
        ]);
        assert.deepStrictEqual(run.on, ["fn"]);
        assert.deepStrictEqual(run.messages, [
            "gcp:cloudfunctionsv2/function:Function 'fn' uses 'storage.googleapis.com', but no IAM audit config in the stack enables DATA_WRITE logs for it (or for allServices) [Service::storage.googleapis.com]",
        ]);
    });

    it("reads audit configs inside an authoritative project policy", async () => {
        const policyData = JSON.stringify({
            bindings: [],
            auditConfigs: [
                {
                    service: "storage.googleapis.com",
                    auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
                },
            ],
        });
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            bucketRead,
            {
                type: "gcp:projects/iAMPolicy:IAMPolicy",
                name: "p",
                props: { project: PROJECT, policyData },
            },
        ]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("has nothing to say about a stack whose functions are granted nothing", async () => {
        const run = await runGcpStack(policy, [gen2("fn", emailOf("fn"))]);
        assert.deepStrictEqual(run.messages, []);
    });

    it("trusts config that says logs are configured outside the stack, and checks the log types it names", async () => {
        const resources = [
            gen2("fn", emailOf("fn")),
            bucketRead,
            auditConfig("storage.googleapis.com", "DATA_READ", "DATA_WRITE"),
        ];
        assert.deepStrictEqual(
            (await runGcpStack(policy, resources, { auditedOutsideStack: true })).messages,
            [],
        );
        const admin = await runGcpStack(policy, resources, {
            logTypes: ["DATA_READ", "DATA_WRITE", "ADMIN_READ"],
        });
        assert.match(admin.messages[0] ?? "", /enables ADMIN_READ logs/);
    });

    it("hides the finding on an exempted function", async () => {
        const result = await runStackPolicy(policy, [gen2("fn", emailOf("fn")), bucketRead], {
            config: { exemptions: [{ resource: "fn", reason: "Org sink covers it, SEC-3" }] },
        });
        assert.deepStrictEqual(result.violations, []);
        assert.deepStrictEqual(
            result.exemptions.map((e) => e.findingKey),
            ["gcp-audit-data-access[Service::storage.googleapis.com]"],
        );
    });

    it("cannot run during preview while an audit config's service is unknown", async () => {
        const run = await runGcpStack(policy, [
            gen2("fn", emailOf("fn")),
            bucketRead,
            { ...auditConfig("x", "DATA_READ"), props: { service: UNKNOWN, auditLogConfigs: [] } },
        ]);
        assert.match(run.unknown ?? "", /\.service can't be known during preview/);
    });
});
