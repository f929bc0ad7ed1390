/**
 * AzureAuditLogs: diagnostic settings that send every function app's FunctionAppLogs (and, when
 * asked, the AuditEvent log of each granted Key Vault and the read/write/delete logs of each granted
 * storage service) to a Log Analytics workspace.
 */
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentProblems, childName, componentName, stableHash } from "../core";
import { accessEntry } from "./grants";
import type { AzureAuditLogsArgs } from "./args";
import type { AzureAuditLogsShape } from "./shape";

const STORAGE_SERVICE: Readonly<Record<string, string>> = {
    blob: "blobServices",
    queue: "queueServices",
    table: "tableServices",
};

export class AzureAuditLogs extends pulumi.ComponentResource implements AzureAuditLogsShape {
    public readonly workspaceId: pulumi.Output<string>;
    public readonly diagnosticSettings: monitor.DiagnosticSetting[] = [];

    constructor(name: string, args: AzureAuditLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("perimeter:index:AzureAuditLogs", componentName("AzureAuditLogs", name), {}, opts);
        const problems = new ArgumentProblems();
        if (!Array.isArray(args?.functions) || args.functions.length === 0) {
            problems.add("functions", "must list the AzureFunctions whose logs are collected");
        }
        if (args?.workspaceId === undefined && args?.resourceGroupName === undefined) {
            problems.add(
                "resourceGroupName",
                "is needed to create a workspace when `workspaceId` is not given",
            );
        }
        problems.throwIfAny("AzureAuditLogs", name, this);

        this.workspaceId =
            args.workspaceId !== undefined
                ? pulumi.output(args.workspaceId)
                : new operationalinsights.Workspace(
                      childName(name, "workspace"),
                      {
                          resourceGroupName: args.resourceGroupName!,
                          sku: { name: "PerGB2018" },
                          retentionInDays: args.retentionInDays ?? 90,
                      },
                      { parent: this },
                  ).id;

        const seen = new Set<string>();
        // A target given as the same output object (e.g. `queue.id` in two grants) is one target.
        const outputKeys = new Map<unknown, string>();
        const send = (
            key: string,
            resourceUri: pulumi.Input<string>,
            categories: string[],
        ): void => {
            if (seen.has(key)) {
                return; // A category may go to one destination once per resource.
            }
            seen.add(key);
            this.diagnosticSettings.push(
                new monitor.DiagnosticSetting(
                    childName(name, key),
                    {
                        name: "perimeter-audit",
                        resourceUri,
                        workspaceId: this.workspaceId,
                        logs: categories.map((category) => ({ category, enabled: true })),
                    },
                    { parent: this },
                ),
            );
        };
        for (const fn of args.functions) {
            send(`${fn.functionName}-app`, fn.appId, ["FunctionAppLogs"]);
            for (const grant of fn.grants) {
                const entry = accessEntry(grant.access);
                // Keyed by the target when it is known now, so two functions granted on one vault
                // share a setting; by the first function and grant on that output otherwise.
                const keyOf = (kind: string, known: (id: string) => string): string => {
                    if (typeof grant.resource === "string") {
                        return `${kind}-${stableHash(known(grant.resource).toLowerCase())}`;
                    }
                    const first =
                        outputKeys.get(grant.resource) ?? `${fn.functionName}-${grant.name}`;
                    outputKeys.set(grant.resource, first);
                    return `${first}-${kind}`;
                };
                if (args.auditGrantedKeyVaults && grant.access.startsWith("keyvault-")) {
                    const vaultOf = (id: string): string =>
                        id.replace(/\/(secrets|keys)\/[^/]+\/?$/i, "");
                    send(keyOf("vault", vaultOf), pulumi.output(grant.resource).apply(vaultOf), [
                        "AuditEvent",
                    ]);
                }
                const service = entry.connection ? STORAGE_SERVICE[entry.connection] : undefined;
                if (args.auditGrantedStorage && service) {
                    const serviceOf = (id: string): string =>
                        `${id.replace(/\/(blob|queue|table)Services\/.*$/i, "")}/${service}/default`;
                    send(
                        keyOf("storage", serviceOf),
                        pulumi.output(grant.resource).apply(serviceOf),
                        ["StorageRead", "StorageWrite", "StorageDelete"],
                    );
                }
            }
        }
        this.registerOutputs({ workspaceId: this.workspaceId });
    }
}
