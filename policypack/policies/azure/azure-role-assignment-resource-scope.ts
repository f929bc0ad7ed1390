import {
    functionRoleAssignmentsOf,
    describeFunctionIdentity,
} from "../../lib/azure/function-identities";
import { readKnown } from "../../lib/known-value";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import type { StackResource } from "../../lib/stack/resource";

type ScopeLevel = "root" | "management group" | "subscription" | "resource group" | "resource";

/** How broad an ARM scope is; anything with a provider path below a resource group is a resource. */
export function scopeLevelOf(scope: string): ScopeLevel {
    const path = scope.trim().replace(/\/+$/, "");
    if (path === "") {
        return "root";
    }
    if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(path)) {
        return "management group";
    }
    if (/^\/subscriptions\/[^/]+$/i.test(path)) {
        return "subscription";
    }
    if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(path)) {
        return "resource group";
    }
    return "resource";
}

interface Config {
    readonly allowResourceGroupScope: boolean;
}

export const azureRoleAssignmentResourceScope = defineStackPolicy<Config>({
    name: "azure-role-assignment-resource-scope",
    description:
        "Checks that the role assignments of function identities are scoped to a resource (a container, queue, secret, ...), not to a resource group, subscription or management group.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Use `AzureFunction` `grants`, which assign each role at the target's own scope " +
        "(`resource: container.id`). By hand, set `scope` to the resource's ID, not a resource group.",
    cloud: "azure",
    services: ["iam", "functions"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3", "pci-dss:7.2", "cis"],
    config: {
        allowResourceGroupScope: {
            type: "boolean",
            description:
                "Accept assignments at resource group scope (for teams that keep one resource group per function).",
            default: false,
        },
    },
    validate: (args, report, config) => {
        // A scope built from another resource's ID is unknown in preview: judge the known ones first,
        // then let the SDK's proxy report the first unknown one.
        const unknownScopes: StackResource[] = [];
        for (const { assignment, identity } of functionRoleAssignmentsOf(args.resources)) {
            const scope = readKnown((): unknown => assignment.props["scope"]);
            if (!scope.known) {
                unknownScopes.push(assignment);
                continue;
            }
            if (typeof scope.value !== "string") {
                continue;
            }
            const level = scopeLevelOf(scope.value);
            if (
                level === "resource" ||
                (level === "resource group" && config.allowResourceGroupScope)
            ) {
                continue;
            }
            report({
                resource: assignment,
                message: `${describeResource(assignment.type, assignment.name)} gives ${describeFunctionIdentity(identity)} its role at ${level} scope '${scope.value}'`,
                key: { kind: "Scope", value: scope.value },
            });
        }
        for (const assignment of unknownScopes) {
            void assignment.props["scope"];
        }
    },
});
