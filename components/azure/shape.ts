/**
 * What an `AzureFunction` and an `AzureAuditLogs` offer, in types that name no provider SDK type: the
 * package root declares its classes with these, so it type-checks in a project that installed only
 * another cloud's SDK. The classes implement them; `perimeter/azure` adds the SDK resources (`app`,
 * `roleAssignments`, ...).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AzureGrant } from "./args";
import type { PlannedGrant } from "./plan";

/** A planned grant with its scope resolved: the `plannedGrants` output, as data. */
export type PlannedGrantData = Omit<PlannedGrant, "scope"> & { readonly scope: string };

/**
 * One entry of the `declaredAccess` output: a planned grant, or one of the host's storage roles
 * (`access: "host-storage"`), with its scope as an output (each entry resolves on its own, so the roles
 * stay readable in preview while scopes are unknown).
 */
export type DeclaredAccessEntry = Omit<PlannedGrant, "scope"> & {
    readonly scope: pulumi.Output<string>;
};

export interface AzureFunctionShape extends pulumi.ComponentResource {
    /** The function app's resource ID. */
    readonly appId: pulumi.Output<string>;
    /** The identity the app runs as; `id` and `clientId` are set for user-assigned identities. */
    readonly identity: {
        readonly id?: pulumi.Output<string>;
        readonly principalId: pulumi.Output<string>;
        readonly clientId?: pulumi.Output<string>;
    };
    readonly storageAccountId: pulumi.Output<string>;
    readonly storageAccountName: pulumi.Output<string>;
    /** Every grant as data: role, scope, condition. */
    readonly plannedGrants: pulumi.Output<PlannedGrantData[]>;
    /** Every access the component declares for the app's identity (host storage roles, then grants). */
    readonly declaredAccess: readonly DeclaredAccessEntry[];
    /** `https://<default host name>`. */
    readonly url: pulumi.Output<string>;
    /** The Easy Auth audience callers request tokens for (with `authentication`). */
    readonly audience?: pulumi.Output<string>;
    /** The component's name: the stable key of its children. */
    readonly functionName: string;
    /** The validated grants, as given. */
    readonly grants: readonly AzureGrant[];
    /** The grant a caller needs to call this app: `function:invoke` on it, with its audience and URL. */
    invokeGrant(name: string): AzureGrant;
}

export interface AzureAuditLogsShape extends pulumi.ComponentResource {
    readonly workspaceId: pulumi.Output<string>;
}
