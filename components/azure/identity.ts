/**
 * The identity a function app runs as: by default a user-assigned managed identity of its own,
 * created before the app so its role assignments can exist before the app starts.
 */
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import type * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core";

export interface FunctionIdentity {
    readonly type: "user-assigned" | "system-assigned";
    /** The user-assigned identity's resource ID (undefined for system-assigned). */
    readonly id?: pulumi.Output<string>;
    /** The identity's principal (object) ID; role assignments are made to it. */
    readonly principalId: pulumi.Output<string>;
    /** The identity's client ID (user-assigned only): host storage and bindings name it. */
    readonly clientId?: pulumi.Output<string>;
    /** A stable key of the principal: part of every role assignment name. */
    readonly principalKey: string;
    /** The identity resource, created or read, when there is one. */
    readonly resource?: managedidentity.UserAssignedIdentity;
}

export interface IdentityArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location?: pulumi.Input<string>;
    readonly existingIdentityId?: pulumi.Input<string>;
    readonly tags?: Readonly<Record<string, pulumi.Input<string>>>;
}

/** A new user-assigned identity for this function alone, or the existing one it was given. */
export function userAssignedIdentity(
    name: string,
    args: IdentityArgs,
    parent: pulumi.Resource,
): FunctionIdentity {
    const identityName = childName(name, "identity");
    const resource =
        args.existingIdentityId !== undefined
            ? managedidentity.UserAssignedIdentity.get(identityName, args.existingIdentityId, {
                  parent,
              })
            : new managedidentity.UserAssignedIdentity(
                  identityName,
                  {
                      resourceGroupName: args.resourceGroupName,
                      location: args.location,
                      tags: args.tags,
                  },
                  { parent },
              );
    const principalKey =
        typeof args.existingIdentityId === "string"
            ? args.existingIdentityId.toLowerCase()
            : `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
    return {
        type: "user-assigned",
        id: resource.id,
        principalId: resource.principalId,
        clientId: resource.clientId,
        principalKey,
        resource,
    };
}

/** The app's own system-assigned identity, known once the app exists. */
export function systemAssignedIdentity(name: string, app: web.WebApp): FunctionIdentity {
    return {
        type: "system-assigned",
        principalId: app.identity.apply((i) => i?.principalId ?? ""),
        principalKey: `${pulumi.getProject()}/${pulumi.getStack()}/${name}/system`,
    };
}
