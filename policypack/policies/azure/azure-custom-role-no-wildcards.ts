import { permissionBlocksOf } from "../../lib/azure/role-permissions";
import { ROLE_DEFINITION_TYPE } from "../../lib/azure/resources";
import { ANY_PROVIDER_OPERATIONS, azureActionMatches } from "../../lib/azure/role-permissions";
import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";

/**
 * Writes under Microsoft.Authorization change who may do what: role assignments and definitions,
 * policy, locks, and the elevation of a Global Administrator.
 */
const AUTHORIZATION_WRITES = [
    "Microsoft.Authorization/roleAssignments/write",
    "Microsoft.Authorization/roleDefinitions/write",
    "Microsoft.Authorization/elevateAccess/action",
    "Microsoft.Authorization/policyAssignments/write",
    "Microsoft.Authorization/locks/delete",
];

function reaches(pattern: string, operations: readonly string[], excluded: readonly string[]) {
    return operations.find(
        (operation) =>
            azureActionMatches(pattern, operation) &&
            !excluded.some((not) => azureActionMatches(not, operation)),
    );
}

export const azureCustomRoleNoWildcards = defineResourcePolicy({
    name: "azure-custom-role-no-wildcards",
    description:
        "Checks that custom role definitions grant no operation of every provider ('*') and no write under Microsoft.Authorization.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "List the operations the role needs, each with its provider (`Microsoft.Storage/storageAccounts/" +
        "blobServices/containers/read`), and leave role and policy management to administrators. " +
        "Functions built with `AzureFunction` need no custom roles: use `grants`.",
    cloud: "azure",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3", "pci-dss:7.2", "cis", "hipaa:164.312"],
    resourceTypes: [ROLE_DEFINITION_TYPE],
    config: {},
    validate: (resource, report) => {
        const subject = describeResource(resource.type, resource.name);
        for (const block of permissionBlocksOf(resource.props["permissions"])) {
            for (const pattern of block.actions) {
                if (reaches(pattern, ANY_PROVIDER_OPERATIONS, block.notActions) !== undefined) {
                    report({
                        message: `${subject} allows '${pattern}', which reaches operations of every resource provider`,
                        key: { kind: "Action", value: pattern },
                    });
                    continue;
                }
                const write = reaches(pattern, AUTHORIZATION_WRITES, block.notActions);
                if (write !== undefined) {
                    const via = write === pattern ? "" : ` (it reaches '${write}')`;
                    report({
                        message: `${subject} allows the authorization write '${pattern}'${via}`,
                        key: { kind: "Action", value: pattern },
                    });
                }
            }
            for (const pattern of block.dataActions) {
                if (reaches(pattern, ANY_PROVIDER_OPERATIONS, block.notDataActions) !== undefined) {
                    report({
                        message: `${subject} allows data action '${pattern}', which reaches data of every resource provider`,
                        key: { kind: "DataAction", value: pattern },
                    });
                }
            }
        }
    },
});
