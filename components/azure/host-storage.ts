/**
 * The Functions host's storage, reached through the app's identity only: a storage account with shared
 * key access disabled (or the caller's own), the deployment container Flex Consumption needs, and the
 * data roles the host needs on that account alone.
 */
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { childName, stableHash } from "../core";
import { parseResourceId } from "./resource-id";
import { type BuiltInRole, ROLES } from "./roles";

export interface HostStorage {
    readonly accountId: pulumi.Output<string>;
    readonly accountName: pulumi.Output<string>;
    readonly resourceGroupName: pulumi.Output<string>;
    /** `https://<account>.blob.core.windows.net/<container>`: Flex Consumption's package store. */
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
 * The roles the host needs on its storage account (Microsoft Learn, "Connecting to host storage with
 * an identity"): blobs for keys, leases and packages; queues for its internal work items. Storage
 * Account Contributor is deliberately absent: it can list account keys.
 */
export const HOST_STORAGE_ROLES: readonly { key: string; role: BuiltInRole }[] = [
    { key: "host-blob", role: ROLES.storageBlobDataOwner },
    { key: "host-queue", role: ROLES.storageQueueDataContributor },
];

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
        deploymentContainerUrl: pulumi.interpolate`https://${accountName}.blob.core.windows.net/${DEPLOYMENT_CONTAINER}`,
        account,
        deploymentContainer,
    };
}
