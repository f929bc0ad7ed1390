/**
 * The Functions host's storage, reached through the app's identity only: a storage account with shared
 * key access disabled (or the caller's own), the deployment container Flex Consumption needs, and the
 * data roles the host needs on that account alone.
 */
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { childName, stableHash } from "../core";
import { parseResourceId } from "./resource-id";
import { azureCloud } from "./cloud";
import { accessEntry } from "./grants";
import { type BuiltInRole, ROLES } from "./roles";

export interface HostStorage {
    readonly accountId: pulumi.Output<string>;
    readonly accountName: pulumi.Output<string>;
    readonly resourceGroupName: pulumi.Output<string>;
    /** `https://<account>.blob.<cloud's storage suffix>/<container>`: Flex Consumption's package store. */
    readonly deploymentContainerUrl: pulumi.Output<string>;
    readonly account?: storage.StorageAccount;
    readonly deploymentContainer: storage.BlobContainer;
}

export interface HostStorageArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location?: pulumi.Input<string>;
    readonly existingStorageAccountId?: pulumi.Input<string>;
    readonly tags?: Readonly<Record<string, pulumi.Input<string>>>;
}

/**
 * The roles the host needs on its storage account, from Microsoft Learn: Storage Blob Data Owner for
 * keys, leases, timers and packages ("Connecting to host storage with an identity",
 * https://learn.microsoft.com/en-us/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity),
 * and Storage Table Data Contributor for the diagnostic events the host writes to Table storage
 * (read, write, delete, add, create; event AZFD0003,
 * https://learn.microsoft.com/en-us/azure/azure-functions/errors-diagnostics/diagnostic-events/azfd0003).
 * Storage Account Contributor is deliberately absent: it can list account keys.
 */
export const HOST_STORAGE_ROLES: readonly { key: string; role: BuiltInRole }[] = [
    { key: "host-blob", role: ROLES.storageBlobDataOwner },
    { key: "host-table", role: ROLES.storageTableDataContributor },
];

/**
 * Storage Queue Data Contributor on the host account: only for what keeps work items in host queues,
 * the blob trigger ("By default, the blob trigger uses Azure Queues internally", Microsoft Learn,
 * Azure Blob storage bindings, identity-based connections) and extensions such as Durable Functions
 * (`hostQueues: true`).
 */
export const HOST_QUEUE_ROLE = { key: "host-queue", role: ROLES.storageQueueDataContributor };

/** The host's roles for an app with these grants (and `hostQueues`, for extensions). */
export function hostStorageRoles(
    plans: readonly { readonly access: string }[],
    hostQueues = false,
): readonly { key: string; role: BuiltInRole }[] {
    const queues = hostQueues || plans.some((p) => accessEntry(p.access).hostQueues === true);
    return queues ? [...HOST_STORAGE_ROLES, HOST_QUEUE_ROLE] : HOST_STORAGE_ROLES;
}

const DEPLOYMENT_CONTAINER = "app-package";

export function hostStorage(
    name: string,
    args: HostStorageArgs,
    parent: pulumi.Resource,
): HostStorage {
    let account: storage.StorageAccount | undefined;
    let accountId: pulumi.Output<string>;
    let accountName: pulumi.Output<string>;
    let resourceGroupName: pulumi.Output<string>;
    if (args.existingStorageAccountId !== undefined) {
        const parsed = pulumi.output(args.existingStorageAccountId).apply((id) => {
            const found = parseResourceId(id);
            if (found?.kind !== "storage-account" || !found.parentName) {
                throw new pulumi.ResourceError(
                    `\`existingStorageAccountId\` '${id}' is not a storage account ID`,
                    parent,
                );
            }
            return found;
        });
        accountId = pulumi.output(args.existingStorageAccountId);
        accountName = parsed.apply((p) => p.parentName ?? "");
        resourceGroupName = parsed.apply((p) => p.resourceGroupName ?? "");
    } else {
        account = new storage.StorageAccount(
            childName(name, "host"),
            {
                // Storage account names are global, 3-24 lower-case letters and digits.
                accountName: `fn${stableHash(`${pulumi.getProject()}/${pulumi.getStack()}/${name}`, 16)}`,
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                kind: "StorageV2",
                sku: { name: "Standard_LRS" },
                allowSharedKeyAccess: false,
                defaultToOAuthAuthentication: true,
                allowBlobPublicAccess: false,
                enableHttpsTrafficOnly: true,
                minimumTlsVersion: "TLS1_2",
                tags: args.tags,
            },
            { parent },
        );
        accountId = account.id;
        accountName = account.name;
        resourceGroupName = pulumi.output(args.resourceGroupName);
    }
    const deploymentContainer = new storage.BlobContainer(
        childName(name, "package"),
        {
            accountName,
            resourceGroupName,
            containerName: DEPLOYMENT_CONTAINER,
            publicAccess: "None",
        },
        { parent },
    );
    return {
        accountId,
        accountName,
        resourceGroupName,
        deploymentContainerUrl: pulumi.interpolate`https://${accountName}.blob.${azureCloud().storage}/${DEPLOYMENT_CONTAINER}`,
        account,
        deploymentContainer,
    };
}
