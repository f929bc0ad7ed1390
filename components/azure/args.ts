import type * as pulumi from "@pulumi/pulumi";
import type { AzureGrantCondition } from "./conditions";
import type { AzureFunctionShape } from "./shape";

/**
 * What one Azure function may access. `access` is one of the Azure access levels (docs/grants.md);
 * `resource` is the target's Azure resource ID: the role is assigned at exactly that scope.
 *
 * @example
 * { name: "uploads", access: "blob:read", resource: container.id }
 */
export interface AzureGrant {
    /** Stable key: child resource names and the app setting prefix derive from it. */
    readonly name: string;
    /** `<service>:<level>`, e.g. `blob:read`, `queue:send`, `keyvault-secret:read`. */
    readonly access: string;
    /** The target's resource ID (container, queue, table, secret, key, entity, Cosmos scope, app). */
    readonly resource: pulumi.Input<string>;
    /** ABAC conditions; blob levels only. @default none */
    readonly conditions?: readonly AzureGrantCondition[];
    /**
     * Accept a scope wider than the target (a storage account for a queue, a vault for a secret, a
     * resource group or subscription). @default false
     */
    readonly allowBroadScope?: boolean;
    /** `function:invoke` only: the callee's Easy Auth audience (its app registration client ID). */
    readonly audience?: pulumi.Input<string>;
    /** `function:invoke` only: the callee's base URL. @default https://<site name>.azurewebsites.net (or the cloud's App Service domain) */
    readonly url?: pulumi.Input<string>;
}

/** An identity allowed to call a function app through Easy Auth. */
export interface AzureFunctionCaller {
    /** The caller identity's principal (object) ID: matched against the token's `oid` claim. */
    readonly principalId: pulumi.Input<string>;
    /**
     * The caller identity's client (application) ID. Not used to admit the caller (its principal ID
     * is), so a caller without one, such as a system-assigned identity, is admitted too.
     */
    readonly clientId?: pulumi.Input<string>;
}

/**
 * Easy Auth (App Service authentication v2) for a function app that other functions call.
 *
 * @example
 * { audience: workerAppRegistrationClientId, allowedCallers: [apiIdentity] }
 */
export interface AzureFunctionAuthentication {
    /** The client ID of the callee's Entra ID app registration; tokens must be issued for it. */
    readonly audience: pulumi.Input<string>;
    /** The identities allowed to call; every other token is rejected with 403. @default none */
    readonly allowedCallers?: readonly AzureFunctionCaller[];
    /** The Entra ID tenant issuing the tokens. @default the deploying tenant (getClientConfig) */
    readonly tenantId?: pulumi.Input<string>;
    /**
     * The token issuer Easy Auth validates against. @default the cloud's, from
     * `azure-native:environment`: `https://sts.windows.net/<tenant>/v2.0` (public),
     * `https://login.microsoftonline.us/<tenant>/v2.0` (usgovernment),
     * `https://login.partner.microsoftonline.cn/<tenant>/v2.0` (china)
     */
    readonly openIdIssuer?: pulumi.Input<string>;
}

/**
 * A function app with its own identity and only the access its grants give.
 *
 * @example
 * new AzureFunction("resize", {
 *     resourceGroupName: group.name,
 *     grants: [{ name: "uploads", access: "blob:read", resource: uploads.id }],
 * });
 */
export interface AzureFunctionArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    /** @default the resource group's location (the provider's default location) */
    readonly location?: pulumi.Input<string>;
    /** Functions runtime stack: node, python, dotnet-isolated, java, powershell or custom. @default "node" */
    readonly runtime?: string;
    /** @default "20" */
    readonly runtimeVersion?: string;
    /**
     * Run on this existing App Service plan (Elastic Premium or Dedicated) instead of a new Flex
     * Consumption (FC1) plan. @default a new Flex Consumption plan
     */
    readonly existingPlanId?: pulumi.Input<string>;
    /**
     * With `existingPlanId`: run the app's code from this zip blob, fetched with the app's identity
     * (`WEBSITE_RUN_FROM_PACKAGE` and `WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID`); the identity
     * gets Storage Blob Data Reader on the container. This is how an Elastic Premium app without
     * Azure Files gets its code. Flex Consumption deploys to its own deployment container instead
     * (see docs/azure.md, "Deploying code").
     *
     * @example
     * { container: releases.id, name: "api-1.4.2.zip" }
     */
    readonly packageBlob?: {
        /** The blob container's resource ID (private access). */
        readonly container: pulumi.Input<string>;
        /** The zip blob's name in the container. */
        readonly name: pulumi.Input<string>;
    };
    /** Flex Consumption instance memory. @default 2048 */
    readonly instanceMemoryMB?: number;
    /** Flex Consumption scale-out limit. @default 100 */
    readonly maximumInstanceCount?: number;
    /**
     * "user-assigned" creates a user-assigned managed identity for this app alone, before the app, so
     * its roles exist when the app starts; "system-assigned" uses the app's own identity (roles are
     * then created after the app). @default "user-assigned"
     */
    readonly identityType?: string;
    /** Use this existing user-assigned identity instead of creating one. @default none */
    readonly existingIdentityId?: pulumi.Input<string>;
    /**
     * The app uses an extension that keeps queues in host storage (Durable Functions with the Azure
     * Storage provider): the identity also gets Storage Queue Data Contributor on the host account.
     * A `blob:trigger` grant turns this on by itself. @default false
     */
    readonly hostQueues?: boolean;
    /**
     * Host storage: an existing storage account ID (it should have shared key access disabled). It
     * must be this app's alone, and `dedicatedHostStorage: true` says so: the host's Storage Blob
     * Data Owner on the account reaches every blob in it, so an app sharing it could read other
     * apps' host keys and overwrite their packages.
     * @default a new storage account with shared key access disabled
     */
    readonly existingStorageAccountId?: pulumi.Input<string>;
    /** Required with `existingStorageAccountId`: the account holds no other app's host storage. */
    readonly dedicatedHostStorage?: boolean;
    /** What the function may access. @default none */
    readonly grants?: readonly AzureGrant[];
    /** Plain app settings. Secrets do not belong here: use `secretSettings`. @default none */
    readonly appSettings?: Readonly<Record<string, pulumi.Input<string>>>;
    /**
     * App settings resolved from Key Vault with the function's identity: setting name → secret URI
     * (`https://<vault>.vault.azure.net/secrets/<name>`). Grant `keyvault-secret:read` on the secret.
     * @default none
     */
    readonly secretSettings?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Require Easy Auth tokens and admit only the listed callers. @default no Easy Auth */
    readonly authentication?: AzureFunctionAuthentication;
    /**
     * Opt out of hardening (HTTPS only, TLS 1.2, no FTP/FTPS, no basic publishing credentials, no
     * remote debugging). Only for migration; the policy pack reports it. @default false
     */
    readonly allowInsecureSettings?: boolean;
    readonly tags?: Readonly<Record<string, pulumi.Input<string>>>;
}

/**
 * @example
 * new AzureAuditLogs("audit", { resourceGroupName: group.name, functions: [ingest, worker],
 *     auditGrantedKeyVaults: true, auditGrantedStorage: true });
 */
export interface AzureAuditLogsArgs {
    /** The functions whose FunctionAppLogs are sent. */
    readonly functions: readonly AzureFunctionShape[];
    /** An existing Log Analytics workspace ID. @default a new workspace in `resourceGroupName` */
    readonly workspaceId?: pulumi.Input<string>;
    /** Where a new workspace goes (required without `workspaceId`). */
    readonly resourceGroupName?: pulumi.Input<string>;
    /** Retention of a new workspace. @default 90 */
    readonly retentionInDays?: number;
    /** Also send AuditEvent of every Key Vault the functions are granted on. @default false */
    readonly auditGrantedKeyVaults?: boolean;
    /** Also send StorageRead/Write/Delete of every storage service the functions are granted on. @default false */
    readonly auditGrantedStorage?: boolean;
}
