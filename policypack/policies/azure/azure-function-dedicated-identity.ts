import { readKnown } from "../../lib/known-value";
import { functionAppsOf, userAssignedIdentitiesOf } from "../../lib/azure/function-identities";
import { USER_ASSIGNED_IDENTITY_TYPE } from "../../lib/azure/resources";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource, quoteList } from "../../lib/finding";
import type { StackResource } from "../../lib/stack/resource";

/**
 * A deployment slot is the same function app in another stage, so it may share the app's identity.
 * Site names are globally unique (`<name>.azurewebsites.net`) and a slot carries its app's `name`.
 */
function siteKey(app: StackResource): string {
    const name = readKnown((): unknown => app.props["name"]);
    return name.known && typeof name.value === "string"
        ? `site:${name.value.toLowerCase()}`
        : app.urn;
}

export const azureFunctionDedicatedIdentity = defineStackPolicy({
    name: "azure-function-dedicated-identity",
    description:
        "Checks that each user-assigned managed identity is attached to one function app only, so each function holds only its own access.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Give each function app its own identity: `AzureFunction` creates one per function by default. " +
        "Do not pass the same `existingIdentityId` to several functions; grant each one what it needs.",
    cloud: "azure",
    services: ["functions", "iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3", "pci-dss:7.2", "cis"],
    config: {},
    validate: (args, report) => {
        const apps = functionAppsOf(args.resources);
        const identities = args.resources.filter((r) => r.type === USER_ASSIGNED_IDENTITY_TYPE);
        if (apps.length < 2 || identities.length === 0) {
            return;
        }
        const appsByIdentity = new Map<string, Map<string, StackResource>>();
        for (const app of apps) {
            for (const identity of userAssignedIdentitiesOf(app, args.resources)) {
                const users = appsByIdentity.get(identity.urn) ?? new Map<string, StackResource>();
                const key = siteKey(app);
                if (!users.has(key)) {
                    users.set(key, app);
                }
                appsByIdentity.set(identity.urn, users);
            }
        }
        for (const identity of identities) {
            const users = [...(appsByIdentity.get(identity.urn)?.values() ?? [])];
            if (users.length > 1) {
                const names = users.map((app) => app.name);
                report({
                    resource: identity,
                    message: `${describeResource(identity.type, identity.name)} is attached to ${users.length} function apps: ${quoteList(names, 5)}`,
                    key: { kind: "Identity", value: identity.name },
                });
            }
        }
    },
});
