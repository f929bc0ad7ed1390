import * as assert from "node:assert/strict";
import { GcpFunction } from "../../../components/gcp";
import { baseArgs, runGcp } from "./fixtures";

describe("GcpFunction declared access", () => {
    const args = baseArgs({
        metricWriter: true,
        logWriter: true,
        grants: [{ name: "uploads", access: "storage:read", resource: "uploads" }],
        secretEnvironment: [{ key: "API_TOKEN", secret: "token" }],
    });

    for (const preview of [false, true]) {
        it(`registers the runtime identity's roles as plain data${preview ? " in preview" : ""}`, async () => {
            const run = await runGcp(() => new GcpFunction("ingest", args), { preview });
            const component = run.named("perimeter:index:GcpFunction", "ingest");
            assert.deepEqual(component.outputs.declaredAccess, [
                { key: "log-writer", purpose: "baseline", role: "roles/logging.logWriter" },
                {
                    key: "metric-writer",
                    purpose: "baseline",
                    role: "roles/monitoring.metricWriter",
                },
                {
                    key: "grant-uploads",
                    purpose: "grant",
                    role: "roles/storage.objectViewer",
                    grant: "uploads",
                    access: "storage:read",
                },
                {
                    key: "secret-api-token",
                    purpose: "secret-environment",
                    role: "roles/secretmanager.secretAccessor",
                    access: "secretmanager:read",
                },
            ]);
        });
    }
});
