import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import {
    hasSystemAssigned,
    hasUserAssigned,
    identityTypeOf,
    isFunctionAppKind,
    isObject,
    SITE_TYPES,
    userAssignedIdentityCount,
} from "../../lib/azure/resources";

export const azureFunctionManagedIdentity = defineResourcePolicy({
    name: "azure-function-managed-identity",
    description:
        "Checks that every Azure Function App runs with a managed identity, so it needs no stored credentials.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Use `AzureFunction`, which creates a user-assigned managed identity for each function app. " +
        'By hand, set `identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] }` on the ' +
        "`web.WebApp` (or `SystemAssigned`).",
    cloud: "azure",
    services: ["functions", "iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "cis", "pci-dss:7.2", "hipaa:164.312"],
    resourceTypes: [...SITE_TYPES],
    config: {},
    validate: (resource, report) => {
        if (!isFunctionAppKind(resource.props["kind"])) {
            return;
        }
        const subject = describeResource(resource.type, resource.name);
        const identity = resource.props["identity"];
        const type = identityTypeOf(identity);
        if (type === undefined || !(hasSystemAssigned(type) || hasUserAssigned(type))) {
            const value = type ?? "none";
            report({
                message: `${subject} is a function app without a managed identity (identity type '${value}')`,
                key: { kind: "Identity", value },
            });
            return;
        }
        if (
            !hasSystemAssigned(type) &&
            isObject(identity) &&
            userAssignedIdentityCount(identity["userAssignedIdentities"]) === 0
        ) {
            report({
                message: `${subject} declares identity type '${type}' but attaches no user-assigned identity`,
                key: { kind: "Identity", value: type },
            });
        }
    },
});
