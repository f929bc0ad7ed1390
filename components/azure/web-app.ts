/**
 * The Function App's own settings: Flex Consumption (functionAppConfig) or an existing plan
 * (linuxFxVersion), the identity, and the hardening that is on unless explicitly opted out.
 */
import type * as web from "@pulumi/azure-native/web";
import type * as pulumi from "@pulumi/pulumi";
import type { AzureFunctionArgs } from "./args";

// linuxFxVersion stack names for apps on Elastic Premium or Dedicated plans.
const LINUX_FX: Readonly<Record<string, string>> = {
    node: "Node",
    python: "Python",
    "dotnet-isolated": "DOTNET-ISOLATED",
    java: "Java",
    powershell: "PowerShell",
    custom: "Custom",
};

const DEFAULT_VERSION: Readonly<Record<string, string>> = {
    node: "20",
    python: "3.11",
    "dotnet-isolated": "8.0",
    java: "17",
    powershell: "7.4",
    custom: "",
};

export interface WebAppInputs {
    readonly args: AzureFunctionArgs;
    readonly serverFarmId: pulumi.Input<string>;
    /** The user-assigned identity's ID; undefined means the app's system-assigned identity. */
    readonly identityId?: pulumi.Input<string>;
    readonly appSettings: { name: string; value: pulumi.Input<string> }[];
    readonly deploymentContainerUrl: pulumi.Input<string>;
}

export function webAppSettings(inputs: WebAppInputs): web.WebAppArgs {
    const { args, identityId } = inputs;
    const runtime = args.runtime ?? "node";
    const version = args.runtimeVersion ?? DEFAULT_VERSION[runtime] ?? "";
    const flex = args.existingPlanId === undefined;
    const secure = args.allowInsecureSettings !== true;
    const appSettings = flex
        ? inputs.appSettings
        : [
              { name: "FUNCTIONS_EXTENSION_VERSION", value: "~4" },
              { name: "FUNCTIONS_WORKER_RUNTIME", value: runtime },
              ...inputs.appSettings,
          ];
    return {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        kind: "functionapp,linux",
        reserved: true,
        serverFarmId: inputs.serverFarmId,
        identity:
            identityId !== undefined
                ? { type: "UserAssigned", userAssignedIdentities: [identityId] }
                : { type: "SystemAssigned" },
        // Key Vault references in settings resolve as this identity, not a system identity.
        keyVaultReferenceIdentity: identityId ?? "SystemAssigned",
        httpsOnly: secure,
        siteConfig: {
            appSettings,
            minTlsVersion: secure ? "1.2" : "1.0",
            scmMinTlsVersion: secure ? "1.2" : "1.0",
            ftpsState: secure ? "Disabled" : "AllAllowed",
            remoteDebuggingEnabled: false,
            ...(flex ? {} : { linuxFxVersion: `${LINUX_FX[runtime] ?? runtime}|${version}` }),
        },
        ...(flex
            ? {
                  functionAppConfig: {
                      deployment: {
                          storage: {
                              type: "blobContainer",
                              value: inputs.deploymentContainerUrl,
                              authentication:
                                  identityId !== undefined
                                      ? {
                                            type: "UserAssignedIdentity",
                                            userAssignedIdentityResourceId: identityId,
                                        }
                                      : { type: "SystemAssignedIdentity" },
                          },
                      },
                      runtime: { name: runtime, version },
                      scaleAndConcurrency: {
                          instanceMemoryMB: args.instanceMemoryMB ?? 2048,
                          maximumInstanceCount: args.maximumInstanceCount ?? 100,
                      },
                  },
              }
            : {}),
        tags: args.tags,
    };
}
