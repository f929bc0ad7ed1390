import { isFunctionAppKind, isObject, quoteValue, SITE_TYPES } from "../../lib/azure/resources";
import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource, quoteList } from "../../lib/finding";

interface Config {
    readonly minimumTlsVersion: string;
    readonly allowedFtpsStates: readonly string[];
}

/** `1.2` → 1.2; `1.3` → 1.3; anything else is not a version. */
function tlsVersion(value: unknown): number | undefined {
    if (typeof value !== "string" || !/^\d+(\.\d+)?$/.test(value.trim())) {
        return undefined;
    }
    return Number(value.trim());
}

export const azureFunctionHttpsOnly = defineResourcePolicy<Config>({
    name: "azure-function-https-only",
    description:
        "Checks that function apps accept HTTPS only, require TLS 1.2 or later, and do not allow plain FTP.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "`AzureFunction` sets these by default. By hand, set `httpsOnly: true` and in `siteConfig` " +
        '`minTlsVersion: "1.2"` and `ftpsState: "Disabled"` on the `web.WebApp`.',
    cloud: "azure",
    services: ["functions"],
    controls: ["soc2:CC6.1", "cis", "pci-dss:7.2", "hipaa:164.312"],
    resourceTypes: [...SITE_TYPES],
    config: {
        minimumTlsVersion: {
            type: "string",
            enum: ["1.2", "1.3"],
            description: "The lowest TLS version a function app may accept.",
            default: "1.2",
        },
        allowedFtpsStates: {
            type: "array",
            items: { type: "string", enum: ["Disabled", "FtpsOnly", "AllAllowed"] },
            description: "The `siteConfig.ftpsState` values accepted.",
            default: ["Disabled", "FtpsOnly"],
        },
    },
    validate: (resource, report, config) => {
        if (!isFunctionAppKind(resource.props["kind"])) {
            return;
        }
        const subject = describeResource(resource.type, resource.name);
        const httpsOnly = resource.props["httpsOnly"];
        if (httpsOnly !== true) {
            report({
                message: `${subject} accepts plain HTTP: httpsOnly is ${httpsOnly === undefined ? "not set" : quoteValue(httpsOnly)}`,
                key: { kind: "Setting", value: "httpsOnly" },
            });
        }
        const siteConfig = resource.props["siteConfig"];
        const config_ = isObject(siteConfig) ? siteConfig : {};
        const minTls = config_["minTlsVersion"];
        const version = tlsVersion(minTls);
        const minimum = tlsVersion(config.minimumTlsVersion) ?? 1.2;
        // Unset means the platform default, TLS 1.2 for apps created today.
        if (minTls !== undefined && (version === undefined || version < minimum)) {
            report({
                message: `${subject} accepts TLS below ${config.minimumTlsVersion}: siteConfig.minTlsVersion is ${quoteValue(minTls)}`,
                key: { kind: "Setting", value: "minTlsVersion" },
            });
        }
        const ftpsState = config_["ftpsState"];
        const allowed = config.allowedFtpsStates.map((s) => s.toLowerCase());
        if (typeof ftpsState !== "string" || !allowed.includes(ftpsState.toLowerCase())) {
            const shown = ftpsState === undefined ? "not set" : quoteValue(ftpsState);
            report({
                message: `${subject} may allow plain FTP: siteConfig.ftpsState is ${shown}, not ${quoteList(config.allowedFtpsStates)}`,
                key: { kind: "Setting", value: "ftpsState" },
            });
        }
    },
});
