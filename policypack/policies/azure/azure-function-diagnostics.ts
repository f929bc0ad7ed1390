import { readKnown } from "../../lib/known-value";
import { functionAppsOf } from "../../lib/azure/function-identities";
import { DIAGNOSTIC_SETTING_TYPE, isObject } from "../../lib/azure/resources";
import { belongsToSiteByUri } from "../../lib/azure/site-links";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import type { StackResource } from "../../lib/stack/resource";

/**
 * A workspace ID built from the workspace's outputs is unknown in preview; it is still a workspace, so
 * an unknown value counts as one rather than stopping the rule.
 */
function sendsToWorkspace(setting: StackResource): boolean {
    const workspace = readKnown((): unknown => setting.props["workspaceId"]);
    return !workspace.known || (typeof workspace.value === "string" && workspace.value !== "");
}

interface Config {
    readonly categories: readonly string[];
}

/** The log categories a setting sends: `allLogs` covers every category of the resource. */
function sentCategories(setting: StackResource): { all: boolean; categories: Set<string> } {
    const categories = new Set<string>();
    let all = false;
    const logs: unknown = setting.props["logs"];
    for (const log of Array.isArray(logs) ? logs.filter(isObject) : []) {
        if (log["enabled"] !== true) {
            continue;
        }
        if (typeof log["category"] === "string") {
            categories.add(log["category"].toLowerCase());
        }
        if (
            typeof log["categoryGroup"] === "string" &&
            log["categoryGroup"].toLowerCase() === "alllogs"
        ) {
            all = true;
        }
    }
    return { all, categories };
}

export const azureFunctionDiagnostics = defineStackPolicy<Config>({
    name: "azure-function-diagnostics",
    description:
        "Checks that every function app sends its FunctionAppLogs to a Log Analytics workspace through a diagnostic setting in the stack.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add `AzureAuditLogs` for the functions, or a `monitor.DiagnosticSetting` with " +
        '`resourceUri: app.id`, `workspaceId` and `logs: [{ category: "FunctionAppLogs", enabled: true }]`.',
    cloud: "azure",
    services: ["functions", "monitor"],
    controls: ["nist-800-53:AU-2", "nist-800-53:AU-12", "soc2:CC6.1", "hipaa:164.312"],
    config: {
        categories: {
            type: "array",
            items: { type: "string" },
            description: "The log categories each function app must send to a workspace.",
            default: ["FunctionAppLogs"],
        },
    },
    validate: (args, report, config) => {
        const settings = args.resources.filter((r) => r.type === DIAGNOSTIC_SETTING_TYPE);
        for (const app of functionAppsOf(args.resources)) {
            const toWorkspace = settings
                .filter((s) => belongsToSiteByUri(s, app))
                .filter(sendsToWorkspace)
                .map(sentCategories);
            for (const category of config.categories) {
                const sent = toWorkspace.some(
                    (s) => s.all || s.categories.has(category.toLowerCase()),
                );
                if (!sent) {
                    report({
                        resource: app,
                        message: `${describeResource(app.type, app.name)} sends no '${category}' logs to a Log Analytics workspace: no diagnostic setting in the stack sends them`,
                        key: { kind: "Category", value: category },
                    });
                }
            }
        }
    },
});
