import {
    type AppSetting,
    appSettingsOf,
    credentialIn,
    isIdentityConnectionProperty,
} from "../../lib/azure/app-settings";
import {
    APP_SETTINGS_TYPES,
    CONNECTION_STRINGS_TYPES,
    isFunctionAppKind,
    isObject,
    isSiteType,
    SITE_TYPES,
} from "../../lib/azure/resources";
import { defineResourcePolicy, type ReportFinding } from "../../lib/define-policy";
import { describeResource, redact } from "../../lib/finding";

/** The Functions host's own storage connection; `AzureWebJobsStorage__*` is its identity-based form. */
const HOST_STORAGE_SETTING = "azurewebjobsstorage";

interface Config {
    readonly allowedSettings: readonly string[];
}

function judgeSetting(subject: string, setting: AppSetting, value: unknown, report: ReportFinding) {
    if (typeof value !== "string" || value.trim() === "") {
        return;
    }
    const credential = credentialIn(value);
    const at = `${subject} ${setting.where} '${setting.name}'`;
    if (credential !== undefined) {
        report({
            message: `${at} holds ${credential}: ${redact(value)}`,
            key: { kind: "Setting", value: setting.name },
        });
    } else if (setting.name.toLowerCase() === HOST_STORAGE_SETTING) {
        report({
            message: `${at} connects the host to storage with a connection string, not an identity-based connection: ${redact(value)}`,
            key: { kind: "Setting", value: setting.name },
        });
    }
}

/** Flex Consumption deploys from storage; `StorageAccountConnectionString` there means a key. */
function deploymentStorageAuthentication(props: Readonly<Record<string, unknown>>): unknown {
    const config = props["functionAppConfig"];
    const deployment = isObject(config) ? config["deployment"] : undefined;
    const storage = isObject(deployment) ? deployment["storage"] : undefined;
    const authentication = isObject(storage) ? storage["authentication"] : undefined;
    return isObject(authentication) ? authentication["type"] : undefined;
}

export const azureFunctionNoStorageKeys = defineResourcePolicy<Config>({
    name: "azure-function-no-storage-keys",
    description:
        "Checks that function app settings and connection strings hold no storage account keys, SAS tokens or key-bearing connection strings, and that the host reaches its storage through an identity-based connection.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Use `AzureFunction`, which sets `AzureWebJobsStorage__accountName`, `__credential` and " +
        "`__clientId` and grants the host's storage roles to the function's identity; for other " +
        'services use `grants` (for example `{ name: "orders", access: "queue:send", resource: queue.id }`) ' +
        "and identity-based connections. Disable shared key access on the storage account.",
    cloud: "azure",
    services: ["functions", "storage"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "pci-dss:7.2", "cis", "hipaa:164.312"],
    resourceTypes: [...SITE_TYPES, ...APP_SETTINGS_TYPES, ...CONNECTION_STRINGS_TYPES],
    config: {
        allowedSettings: {
            type: "array",
            items: { type: "string" },
            description:
                "Names of settings that may hold a key (for example a third-party connection this pack misreads).",
            default: [],
        },
    },
    validate: (resource, report, config) => {
        if (isSiteType(resource.type) && !isFunctionAppKind(resource.props["kind"])) {
            return;
        }
        const subject = describeResource(resource.type, resource.name);
        const allowed = new Set(config.allowedSettings.map((name) => name.toLowerCase()));
        const unknown: AppSetting[] = [];
        for (const setting of appSettingsOf(resource.type, resource.props)) {
            if (
                allowed.has(setting.name.toLowerCase()) ||
                isIdentityConnectionProperty(setting.name)
            ) {
                continue;
            }
            if (setting.value.known) {
                judgeSetting(subject, setting, setting.value.value, report);
            } else {
                unknown.push(setting);
            }
        }
        if (isSiteType(resource.type)) {
            const authentication = deploymentStorageAuthentication(resource.props);
            if (typeof authentication === "string" && /connectionstring/i.test(authentication)) {
                report({
                    message: `${subject} reads its deployment storage with authentication type '${authentication}', a key-bearing connection string`,
                    key: { kind: "Setting", value: "functionAppConfig.deployment.storage" },
                });
            }
        }
        // Known values are judged first; an unknown one may hold a key, so the SDK reports the rule as
        // unable to run during preview.
        for (const setting of unknown) {
            setting.read();
        }
    },
});
