import * as assert from "node:assert/strict";
import { AzureAuditLogs, AzureFunction } from "../../../components/azure";
import { failureOf, runComponents } from "../harness";
import { CONTAINER, KEY, QUEUE, SECRET, VAULT } from "./fixtures";

const DIAGNOSTIC = "azure-native:monitor:DiagnosticSetting";

describe("AzureAuditLogs", () => {
    it("sends FunctionAppLogs, granted vaults' AuditEvent and granted storage's read/write/delete logs to one workspace", async () => {
        const r = await runComponents(() => {
            const fn = new AzureFunction("ingest", {
                resourceGroupName: "app",
                grants: [
                    { name: "uploads", access: "blob:read", resource: CONTAINER },
                    { name: "jobs", access: "queue:send", resource: QUEUE },
                    { name: "token", access: "keyvault-secret:read", resource: SECRET },
                    { name: "signing", access: "keyvault-key:crypto", resource: KEY },
                ],
            });
            new AzureAuditLogs("audit", {
                resourceGroupName: "app",
                functions: [fn],
                auditGrantedKeyVaults: true,
                auditGrantedStorage: true,
            });
        });
        const workspace = r.named("azure-native:operationalinsights:Workspace", "audit-workspace");
        const settings = r.ofType(DIAGNOSTIC);
        for (const s of settings) {
            assert.equal(s.inputs.workspaceId, workspace.id);
        }
        const byTarget = Object.fromEntries(
            settings.map((s) => [
                s.inputs.resourceUri,
                (s.inputs.logs as { category: string }[]).map((l) => l.category),
            ]),
        );
        const appId = r.named("azure-native:web:WebApp", "ingest").id;
        const account = CONTAINER.replace(/\/blobServices\/.*$/, "");
        assert.deepEqual(byTarget, {
            [String(appId)]: ["FunctionAppLogs"],
            [VAULT]: ["AuditEvent"],
            [`${account}/blobServices/default`]: ["StorageRead", "StorageWrite", "StorageDelete"],
            [`${account}/queueServices/default`]: ["StorageRead", "StorageWrite", "StorageDelete"],
        });
        assert.equal(settings.length, 4, "one setting per vault, even with two grants on it");
    });

    it("names its diagnostic settings per stack, so two stacks auditing one app do not collide", async () => {
        // A diagnostic setting's name is unique per resource (Azure Monitor: one name per resource).
        const names = [];
        for (const stack of ["dev", "prod"]) {
            const r = await runComponents(
                () => {
                    const fn = new AzureFunction("ingest", { resourceGroupName: "app" });
                    new AzureAuditLogs("audit", { resourceGroupName: "app", functions: [fn] });
                },
                { stack },
            );
            names.push(...r.ofType(DIAGNOSTIC).map((s) => s.inputs.name as string));
        }
        assert.equal(names.length, 2);
        assert.notEqual(names[0], names[1]);
        for (const name of names) {
            assert.match(name, /^perimeter-audit-[0-9a-f]{8}$/);
        }
    });

    it("sends only FunctionAppLogs unless granted resources are asked for", async () => {
        const r = await runComponents(() => {
            const fn = new AzureFunction("ingest", {
                resourceGroupName: "app",
                grants: [{ name: "token", access: "keyvault-secret:read", resource: SECRET }],
            });
            new AzureAuditLogs("audit", {
                workspaceId:
                    "/subscriptions/s/resourceGroups/app/providers/Microsoft.OperationalInsights/workspaces/w",
                functions: [fn],
            });
        });
        assert.equal(r.ofType("azure-native:operationalinsights:Workspace").length, 0);
        const settings = r.ofType(DIAGNOSTIC);
        assert.equal(settings.length, 1);
        assert.deepEqual(settings[0]!.inputs.logs, [
            { category: "FunctionAppLogs", enabled: true },
        ]);
    });

    it("names missing functions and a missing workspace destination", async () => {
        const { message } = await failureOf(() => {
            new AzureAuditLogs("audit", { functions: [] });
        });
        assert.ok(message.includes("`functions` must list the AzureFunctions"));
        assert.ok(message.includes("`resourceGroupName` is needed to create a workspace"));
    });
});
