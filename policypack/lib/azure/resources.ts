/**
 * Azure (azure-native) resource types the rules judge, and the reading of a function app's identity.
 * Type tokens and property names are those of @pulumi/azure-native 3.x; the pack matches them as strings
 * and never loads the SDK.
 */
import { isRecord as isObject } from "../values";

export const WEB_APP_TYPE = "azure-native:web:WebApp";
export const WEB_APP_SLOT_TYPE = "azure-native:web:WebAppSlot";
export const SITE_TYPES = [WEB_APP_TYPE, WEB_APP_SLOT_TYPE] as const;
export const APP_SETTINGS_TYPES = [
    "azure-native:web:WebAppApplicationSettings",
    "azure-native:web:WebAppApplicationSettingsSlot",
] as const;
export const CONNECTION_STRINGS_TYPES = [
    "azure-native:web:WebAppConnectionStrings",
    "azure-native:web:WebAppConnectionStringsSlot",
] as const;
export const USER_ASSIGNED_IDENTITY_TYPE = "azure-native:managedidentity:UserAssignedIdentity";
export const ROLE_ASSIGNMENT_TYPE = "azure-native:authorization:RoleAssignment";
export const ROLE_DEFINITION_TYPE = "azure-native:authorization:RoleDefinition";
export const DIAGNOSTIC_SETTING_TYPE = "azure-native:monitor:DiagnosticSetting";
export const KEY_VAULT_TYPE = "azure-native:keyvault:Vault";
/** Basic publishing credential policies: `allow: false` turns off FTP or SCM (Kudu) basic auth. */
export const FTP_POLICY_TYPES = [
    "azure-native:web:WebAppFtpAllowed",
    "azure-native:web:WebAppFtpAllowedSlot",
] as const;
export const SCM_POLICY_TYPES = [
    "azure-native:web:WebAppScmAllowed",
    "azure-native:web:WebAppScmAllowedSlot",
] as const;

export function isSiteType(type: string): boolean {
    return type === WEB_APP_TYPE || type === WEB_APP_SLOT_TYPE;
}

/** `functionapp`, `functionapp,linux`, `functionapp,workflowapp`, ...: a site that runs functions. */
export function isFunctionAppKind(kind: unknown): boolean {
    return typeof kind === "string" && kind.toLowerCase().includes("functionapp");
}

/** A property bag or nested block (../values.ts); named as the Azure readers have always called it. */
export { isObject };

export function stringsOf(value: unknown): string[] {
    return Array.isArray(value)
        ? value.filter((v): v is string => typeof v === "string")
        : typeof value === "string"
          ? [value]
          : [];
}

/** `SystemAssigned`, `UserAssigned`, `SystemAssigned, UserAssigned` or `None`, as the site declares it. */
export function identityTypeOf(identity: unknown): string | undefined {
    return isObject(identity) && typeof identity["type"] === "string"
        ? identity["type"]
        : undefined;
}

export function hasSystemAssigned(identityType: string | undefined): boolean {
    return identityType !== undefined && /systemassigned/i.test(identityType.replace(/[\s_]/g, ""));
}

export function hasUserAssigned(identityType: string | undefined): boolean {
    return identityType !== undefined && /userassigned/i.test(identityType.replace(/[\s_]/g, ""));
}

/**
 * The user-assigned identity resource IDs of a site: inputs hold a list of IDs, outputs (and stack
 * exports) a map keyed by ID.
 */
export function userAssignedIdentityIds(value: unknown): string[] {
    if (Array.isArray(value)) {
        return stringsOf(value);
    }
    return isObject(value) ? Object.keys(value) : [];
}

/** How many identities a site attaches; counting reads no element, so unknown IDs in preview do not matter. */
export function userAssignedIdentityCount(value: unknown): number {
    if (Array.isArray(value)) {
        return value.length;
    }
    return isObject(value) ? Object.keys(value).length : 0;
}

/** ARM IDs compare case-insensitively (resource group names come back lower-cased, for one). */
export function sameArmId(a: string, b: string): boolean {
    return normalizedArmId(a) === normalizedArmId(b);
}

/** An ARM ID as {@link sameArmId} compares it: without trailing slashes, lower-cased. */
export function normalizedArmId(id: string): string {
    return id.replace(/\/+$/, "").toLowerCase();
}

/** `'1.0'`, `'false'`: a property value as messages quote it. */
export function quoteValue(value: unknown): string {
    return `'${typeof value === "string" ? value : (JSON.stringify(value) ?? String(value))}'`;
}
