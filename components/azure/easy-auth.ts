/**
 * Easy Auth (App Service authentication v2) for a callee: every request needs an Entra ID token for
 * the callee's audience, and only the declared callers' identities are admitted.
 */
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core";
import type { AzureFunctionAuthentication } from "./args";
import { azureCloud } from "./cloud";

// Easy Auth treats an empty allow-list as "anyone in the tenant"; with no callers declared, the nil
// GUID (which no principal has) keeps the app closed instead.
const NOBODY = "00000000-0000-0000-0000-000000000000";

export function easyAuth(
    name: string,
    app: web.WebApp,
    resourceGroupName: pulumi.Input<string>,
    auth: AzureFunctionAuthentication,
    deployingTenantId: pulumi.Output<string>,
    parent: pulumi.Resource,
): web.WebAppAuthSettingsV2 {
    const callers = auth.allowedCallers ?? [];
    const principals = callers.map((c) => c.principalId);
    const tenantId = auth.tenantId ?? deployingTenantId;
    return new web.WebAppAuthSettingsV2(
        childName(name, "auth"),
        {
            name: app.name,
            resourceGroupName,
            platform: { enabled: true, runtimeVersion: "~1" },
            globalValidation: {
                requireAuthentication: true,
                unauthenticatedClientAction: "Return401",
            },
            httpSettings: { requireHttps: true },
            identityProviders: {
                azureActiveDirectory: {
                    enabled: true,
                    registration: {
                        clientId: auth.audience,
                        openIdIssuer:
                            auth.openIdIssuer ??
                            pulumi.output(tenantId).apply((t) => azureCloud().issuer(t)),
                    },
                    validation: {
                        allowedAudiences: [
                            auth.audience,
                            pulumi.interpolate`api://${auth.audience}`,
                        ],
                        // Callers are admitted by their principal (object) ID alone. Setting
                        // `allowedApplications` too would make a token pass both lists, so a caller
                        // known without a client ID (a system-assigned identity) was turned away
                        // by a list that could only hold the nil GUID for it.
                        defaultAuthorizationPolicy: {
                            allowedPrincipals: {
                                identities: principals.length > 0 ? principals : [NOBODY],
                            },
                        },
                    },
                },
            },
            login: { tokenStore: { enabled: false } },
        },
        { parent },
    );
}
