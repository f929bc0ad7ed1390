// The "unsafe" scenario: what the policy pack exists to catch, written the way it happens in
// real stacks (around the components, not through them).
import * as authorization from "@pulumi/azure-native/authorization";
import type * as resources from "@pulumi/azure-native/resources";
import type * as storage from "@pulumi/azure-native/storage";
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import type { AzureFunction } from "perimeter/azure";

// Contributor (b24988ac-6180-42a0-ab88-20f7382dd24c, built-in; ../shared/DESIGN.md §4.2).
const CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";

export function addUnsafeResources(stack: {
    group: resources.ResourceGroup;
    data: storage.StorageAccount;
    ingest: AzureFunction;
}): void {
    const client = authorization.getClientConfigOutput();
    // 1. "Just make it work": Contributor on the whole resource group for a function's identity.
    new authorization.RoleAssignment("ingest-contributor", {
        scope: stack.group.id,
        principalId: stack.ingest.identity.principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR}`,
    });
    // 2. A legacy function app: no managed identity, an account key in its settings, plain HTTP,
    //    FTP and basic publishing credentials left on.
    const legacy = new web.WebApp("legacy", {
        resourceGroupName: stack.group.name,
        kind: "functionapp,linux",
        httpsOnly: false,
        siteConfig: {
            ftpsState: "AllAllowed",
            minTlsVersion: "1.0",
            appSettings: [
                {
                    name: "AzureWebJobsStorage",
                    value: pulumi.interpolate`DefaultEndpointsProtocol=https;AccountName=${stack.data.name};AccountKey=bm90LWEtcmVhbC1rZXk=;EndpointSuffix=core.windows.net`,
                },
            ],
        },
    });
    new web.WebAppScmAllowed("legacy-scm-basic-auth", {
        name: legacy.name,
        resourceGroupName: stack.group.name,
        allow: true,
    });
}
