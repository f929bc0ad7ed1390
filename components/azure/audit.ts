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

/** One diagnostic setting to create: a resource and the log categories it sends. */
interface AuditedResource {
    /** Stable key of the child: the target's hash when known now, else the first grant naming it. */
    readonly key: string;
    readonly resourceUri: pulumi.Input<string>;
    readonly categories: string[];
}

export class AzureAuditLogs extends pulumi.ComponentResource implements AzureAuditLogsShape {
    public readonly workspaceId: pulumi.Output<string>;
    public readonly diagnosticSettings: monitor.DiagnosticSetting[] = [];

    constructor(name: string, args: AzureAuditLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("perimeter:index:AzureAuditLogs", componentName("AzureAuditLogs", name), {}, opts);
        const problems = new ArgumentProblems();
        validateAuditArgs(args, problems);
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

        // A setting's name is part of its ID, `{resourceUri}/providers/Microsoft.Insights/
        // diagnosticSettings/{name}` (REST API, Diagnostic Settings - Create Or Update,
        // https://learn.microsoft.com/en-us/rest/api/monitor/diagnostic-settings/create-or-update):
        // one name per stack and component, so two stacks auditing one resource do not overwrite
        // each other's setting.
        const settingName = `perimeter-audit-${stableHash(
            `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
        )}`;
        for (const audited of auditedResources(args)) {
            this.diagnosticSettings.push(
                new monitor.DiagnosticSetting(
                    childName(name, audited.key),
                    {
                        name: settingName,
                        resourceUri: audited.resourceUri,
                        workspaceId: this.workspaceId,
                        logs: audited.categories.map((category) => ({ category, enabled: true })),
                    },
                    { parent: this },
                ),
            );
        }
        this.registerOutputs({ workspaceId: this.workspaceId });
    }
}

function validateAuditArgs(args: AzureAuditLogsArgs | undefined, problems: ArgumentProblems): void {
    if (!Array.isArray(args?.functions) || args.functions.length === 0) {
        problems.add("functions", "must list the AzureFunctions whose logs are collected");
    }
    if (args?.workspaceId === undefined && args?.resourceGroupName === undefined) {
        problems.add(
            "resourceGroupName",
            "is needed to create a workspace when `workspaceId` is not given",
        );
    }
}

/**
 * Each function app's FunctionAppLogs, and when asked each granted vault's AuditEvent and each
 * granted storage service's read, write and delete logs; each resource once (a category may go to
 * one destination once per resource).
 */
function auditedResources(args: AzureAuditLogsArgs): AuditedResource[] {
    const found = new Map<string, AuditedResource>();
    const add = (audited: AuditedResource): void => {
        if (!found.has(audited.key)) {
            found.set(audited.key, audited);
        }
    };
    // A target given as the same output object (e.g. `queue.id` in two grants) is one target.
    const outputKeys = new Map<unknown, string>();
    for (const fn of args.functions) {
        add({
            key: `${fn.functionName}-app`,
            resourceUri: fn.appId,
            categories: ["FunctionAppLogs"],
        });
        for (const grant of fn.grants) {
            // Keyed by the target when it is known now, so two functions granted on one vault
            // share a setting; by the first function and grant on that output otherwise.
            const keyOf = (kind: string, known: (id: string) => string): string => {
                if (typeof grant.resource === "string") {
                    return `${kind}-${stableHash(known(grant.resource).toLowerCase())}`;
                }
                const first = outputKeys.get(grant.resource) ?? `${fn.functionName}-${grant.name}`;
                outputKeys.set(grant.resource, first);
                return `${first}-${kind}`;
            };
            const audit = (kind: string, of: (id: string) => string, categories: string[]) =>
                add({
                    key: keyOf(kind, of),
                    resourceUri: pulumi.output(grant.resource).apply(of),
                    categories,
                });
            if (args.auditGrantedKeyVaults && grant.access.startsWith("keyvault-")) {
                audit("vault", vaultOf, ["AuditEvent"]);
            }
            const entry = accessEntry(grant.access);
            const service = entry.connection ? STORAGE_SERVICE[entry.connection] : undefined;
            if (args.auditGrantedStorage && service) {
                const serviceOf = (id: string): string =>
                    `${id.replace(/\/(blob|queue|table)Services\/.*$/i, "")}/${service}/default`;
                audit("storage", serviceOf, ["StorageRead", "StorageWrite", "StorageDelete"]);
            }
        }
    }
    return [...found.values()];
}

/** The vault of a vault, secret or key ID. */
function vaultOf(id: string): string {
    return id.replace(/\/(secrets|keys)\/[^/]+\/?$/i, "");
}
