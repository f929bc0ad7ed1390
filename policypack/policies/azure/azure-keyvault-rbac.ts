import { isObject, KEY_VAULT_TYPE, quoteValue } from "../../lib/azure/resources";
import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";

export const azureKeyvaultRbac = defineResourcePolicy({
    name: "azure-keyvault-rbac",
    description:
        "Checks that Key Vaults use the Azure RBAC permission model, so secret access is granted per secret by role assignments and not by vault-wide access policies.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set `properties.enableRbacAuthorization: true` on the `keyvault.Vault` and grant functions " +
        "`keyvault-secret:read` on single secrets through `AzureFunction` `grants`.",
    cloud: "azure",
    services: ["keyvault"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3", "cis", "pci-dss:7.2"],
    resourceTypes: [KEY_VAULT_TYPE],
    config: {},
    validate: (resource, report) => {
        const properties = resource.props["properties"];
        const rbac = isObject(properties) ? properties["enableRbacAuthorization"] : undefined;
        if (rbac !== true) {
            // The Key Vault API creates a vault with access policies when the flag is absent.
            const shown = rbac === undefined ? "not set (access policies)" : quoteValue(rbac);
            report({
                message: `${describeResource(resource.type, resource.name)} does not use the RBAC permission model: properties.enableRbacAuthorization is ${shown}`,
                key: { kind: "Setting", value: "enableRbacAuthorization" },
            });
        }
    },
});
