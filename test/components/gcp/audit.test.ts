import * as assert from "node:assert/strict";
import { GcpAuditLogs, GcpFunction } from "../../../components/gcp";
import { failureOf } from "../harness";
import { baseArgs, runGcp } from "./fixtures";

const AUDIT = "gcp:projects/iAMAuditConfig:IAMAuditConfig";

describe("GcpAuditLogs", () => {
    it("turns on Data Access logs for the services the functions use", async () => {
        const run = await runGcp(() => {
            const ingest = new GcpFunction(
                "ingest",
                baseArgs({
                    grants: [
                        { name: "uploads", access: "storage:read", resource: "uploads" },
                        {
                            name: "out",
                            access: "pubsub:publish",
                            resource: "projects/acme-prod/topics/out",
                        },
                    ],
                }),
            );
            new GcpAuditLogs("audit", {
                projectWide: true,
                functions: [ingest],
                services: ["bigquery.googleapis.com"],
            });
        });
        const configs = run.ofType(AUDIT);
        assert.deepEqual(
            configs.map((c) => c.inputs.service),
            [
                "bigquery.googleapis.com",
                "cloudfunctions.googleapis.com",
                "pubsub.googleapis.com",
                "run.googleapis.com",
                "storage.googleapis.com",
            ],
        );
        for (const config of configs) {
            assert.equal(config.inputs.project, "acme-prod");
            assert.deepEqual(config.inputs.auditLogConfigs, [
                { logType: "DATA_READ" },
                { logType: "DATA_WRITE" },
                { logType: "ADMIN_READ" },
            ]);
            // A destroy leaves project-wide logging on.
            assert.equal(config.retainOnDelete, true);
        }
    });

    it("asks for projectWide: true before changing the whole project, and removes on destroy only when asked", async () => {
        const { message, resources } = await failureOf(
            () => new GcpAuditLogs("audit", { services: ["storage.googleapis.com"] } as never),
        );
        assert.match(
            message,
            /`projectWide` must be true: audit configs apply to the whole project/,
        );
        assert.equal(resources.filter((r) => r.custom).length, 0);
        const run = await runGcp(
            () =>
                new GcpAuditLogs("audit", {
                    projectWide: true,
                    removeOnDestroy: true,
                    services: ["storage.googleapis.com"],
                }),
        );
        assert.equal(run.ofType(AUDIT)[0]?.retainOnDelete, undefined);
    });

    it("rejects a malformed service name and creates nothing", async () => {
        const { message, resources } = await failureOf(
            () => new GcpAuditLogs("audit", { projectWide: true, services: ["storage"] }),
        );
        assert.match(message, /`services\[0\]` 'storage' is not a service name/);
        assert.equal(resources.filter((r) => r.custom).length, 0);
    });
});
