/**
 * A function app's own host storage: the account its Functions host keeps its code package, keys,
 * leases and internal queues in (`AzureWebJobsStorage__accountName` / `__<service>ServiceUri`, or the
 * Flex Consumption deployment container's URL). During preview those values may be unknown; a storage
 * account created by the same `AzureFunction` component as the app is its host storage too.
 */
import { appSettingsOf } from "../../azure/app-settings";
import { readKnown, propertyText } from "../../known-value";
import { AZURE_FUNCTION_COMPONENT_TYPE } from "./declared";
import type { Target } from "./grants";
import { readPath } from "./stack";
import type { StackResource } from "../../stack/resource";

const STORAGE_ACCOUNT_TYPE = "azure-native:storage:StorageAccount";
const HOST_SETTING =
    /^AzureWebJobsStorage__(accountName|blobServiceUri|queueServiceUri|tableServiceUri|serviceUri)$/i;
const ACCOUNT_IN_SCOPE = /\/providers\/Microsoft\.Storage\/storageAccounts\/([^/]+)/i;

/** `https://acct.blob.core.windows.net/x` → `acct`; a bare account name stays as it is. */
function accountNameIn(value: string): string {
    const host = /^[a-z]+:\/\/([^/.]+)\./i.exec(value.trim());
    return (host?.[1] ?? value.trim()).toLowerCase();
}

function hostAccountNames(app: StackResource): Set<string> {
    const names = new Set<string>();
    const settings = readKnown(() => appSettingsOf(app.type, app.props));
    for (const setting of settings.known ? settings.value : []) {
        const value = setting.value.known ? setting.value.value : undefined;
        if (HOST_SETTING.test(setting.name) && typeof value === "string") {
            names.add(accountNameIn(value));
        }
    }
    const deployment = readPath(app, ["functionAppConfig", "deployment", "storage", "value"]);
    if (deployment.known && typeof deployment.value === "string") {
        names.add(accountNameIn(deployment.value));
    }
    return names;
}

/** Whether a grant's target is the host storage of one of `apps`. */
export function ownHostStorage(apps: readonly StackResource[]): (target: Target) => boolean {
    const names = new Set(apps.flatMap((app) => [...hostAccountNames(app)]));
    const components = new Set(
        apps.flatMap((app) => {
            const parent = app.parent;
            return parent?.type === AZURE_FUNCTION_COMPONENT_TYPE ? [parent.urn] : [];
        }),
    );
    return (target) => {
        const inScope = ACCOUNT_IN_SCOPE.exec(target.scope)?.[1];
        if (inScope !== undefined && names.has(inScope.toLowerCase())) {
            return true;
        }
        const resource = target.resource;
        if (resource?.type !== STORAGE_ACCOUNT_TYPE) {
            return false;
        }
        const name = propertyText(resource, "accountName") ?? propertyText(resource, "name");
        return (
            (name !== undefined && names.has(name.toLowerCase())) ||
            (resource.parent !== undefined && components.has(resource.parent.urn))
        );
    };
}
