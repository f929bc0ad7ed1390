/**
 * The app settings and connection strings of a site, wherever a program puts them: `siteConfig` on the
 * site or slot, or the separate `WebAppApplicationSettings` / `WebAppConnectionStrings` resources. Values
 * are read through `readKnown` so a rule can judge the known ones before the SDK reports an unknown one.
 */
import { readKnown, type Known } from "../known-value";
import { APP_SETTINGS_TYPES, CONNECTION_STRINGS_TYPES, isObject } from "./resources";

export interface AppSetting {
    /** `app setting`, `connection string` */
    readonly where: string;
    readonly name: string;
    /** Reads the value again, through the SDK's proxy. */
    readonly read: () => unknown;
    readonly value: Known<unknown>;
}

function setting(where: string, name: string, read: () => unknown): AppSetting {
    return { where, name, read, value: readKnown(read) };
}

/** `[{ name, value }]` lists of siteConfig.appSettings and siteConfig.connectionStrings. */
function namedList(list: unknown, where: string, valueKey: string): AppSetting[] {
    if (!Array.isArray(list)) {
        return [];
    }
    return list.filter(isObject).flatMap((entry) => {
        const name = entry["name"];
        return typeof name === "string" ? [setting(where, name, () => entry[valueKey])] : [];
    });
}

/** `{ NAME: value }` maps of WebAppApplicationSettings, `{ NAME: { value, type } }` of connection strings. */
function namedMap(map: unknown, where: string, nested: boolean): AppSetting[] {
    if (!isObject(map)) {
        return [];
    }
    return Object.keys(map).map((name) =>
        setting(where, name, () => {
            const entry = map[name];
            return nested && isObject(entry) ? entry["value"] : entry;
        }),
    );
}

export function appSettingsOf(
    type: string,
    props: Readonly<Record<string, unknown>>,
): AppSetting[] {
    if ((APP_SETTINGS_TYPES as readonly string[]).includes(type)) {
        return namedMap(props["properties"], "app setting", false);
    }
    if ((CONNECTION_STRINGS_TYPES as readonly string[]).includes(type)) {
        return namedMap(props["properties"], "connection string", true);
    }
    const siteConfig = props["siteConfig"];
    if (!isObject(siteConfig)) {
        return [];
    }
    return [
        ...namedList(siteConfig["appSettings"], "app setting", "value"),
        ...namedList(siteConfig["connectionStrings"], "connection string", "connectionString"),
    ];
}

/**
 * The property names of identity-based connections (`<Connection>__accountName`, `__credential`, ...):
 * they carry an account name, an endpoint or a client ID, never a key, so their values (often computed
 * from other resources and unknown in preview) need not be read.
 * https://learn.microsoft.com/azure/azure-functions/functions-reference#configure-an-identity-based-connection
 */
const IDENTITY_CONNECTION_PROPERTIES = new Set(
    [
        "accountName",
        "serviceUri",
        "blobServiceUri",
        "queueServiceUri",
        "tableServiceUri",
        "credential",
        "clientId",
        "managedIdentityResourceId",
        "tenantId",
        "fullyQualifiedNamespace",
        "accountEndpoint",
    ].map((p) => p.toLowerCase()),
);

export function isIdentityConnectionProperty(name: string): boolean {
    const at = name.lastIndexOf("__");
    return at > 0 && IDENTITY_CONNECTION_PROPERTIES.has(name.slice(at + 2).toLowerCase());
}

/** What kind of credential a setting value holds, or undefined. */
export function credentialIn(value: string): string | undefined {
    if (/(^|;)\s*AccountKey\s*=\s*[^;\s]/i.test(value)) {
        return "a storage account key";
    }
    if (/(^|;)\s*SharedAccessKey\s*=\s*[^;\s]/i.test(value)) {
        return "a shared access key";
    }
    if (/(^|;)\s*SharedAccessSignature\s*=\s*[^;\s]/i.test(value)) {
        return "a SAS token";
    }
    if (/(^|[?&])sig=[^&\s]+/i.test(value) && /(^|[?&])(sv|se|sp)=/i.test(value)) {
        return "a SAS token";
    }
    return undefined;
}
