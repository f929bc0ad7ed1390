/**
 * Who may invoke a function app, from its Easy Auth (App Service authentication v2,
 * `azure-native:web:WebAppAuthSettingsV2`):
 * - `can-invoke` identity → app when the Entra ID provider admits the identity: every allow-list the
 *   settings configure (`allowedPrincipals.identities` by principal ID, `allowedApplications` and
 *   `jwtClaimChecks.allowedClientApplications` by client ID) names it, by value, or, when a list holds
 *   values unknown in preview, by a property dependency of `identityProviders` on the identity. With no
 *   list configured, Easy Auth admits any identity of the tenant: every function identity may invoke.
 * - `public` → app when Easy Auth is on and lets unauthenticated requests through
 *   (`requireAuthentication` not true, or `unauthenticatedClientAction: AllowAnonymous`).
 * An app without Easy Auth gets neither: whether its HTTP triggers are anonymous is decided in code
 * (the trigger's `authLevel`), which a stack does not show (see docs/azure.md, "Identity graph").
 */
import { WEB_APP_SLOT_TYPE } from "../../azure/resources";
import { belongsToSiteByName } from "../../azure/site-links";
import { readKnown } from "../../known-value";
import { type CanInvokeEdge, PUBLIC_NODE_ID, type PublicEdge } from "../model";
import { type AzureStack, readPath } from "./stack";
import type { StackResource } from "../../stack/resource";

export const AUTH_SETTINGS_TYPES = [
    "azure-native:web:WebAppAuthSettingsV2",
    "azure-native:web:WebAppAuthSettingsV2Slot",
] as const;

/** A function identity as Easy Auth matches it. */
export interface CallerIdentity {
    readonly nodeId: string;
    /** The user-assigned identity resource, or the app of a system-assigned identity. */
    readonly holder: StackResource;
    readonly appUrn: string;
    readonly principalId?: string;
    readonly clientId?: string;
}

type AllowList =
    | { readonly configured: false }
    | { readonly configured: true; readonly values: readonly string[]; readonly unknown: boolean };

const AAD = ["identityProviders", "azureActiveDirectory"];
const LISTS: readonly { path: readonly string[]; matches: "principalId" | "clientId" }[] = [
    {
        path: [
            ...AAD,
            "validation",
            "defaultAuthorizationPolicy",
            "allowedPrincipals",
            "identities",
        ],
        matches: "principalId",
    },
    {
        path: [...AAD, "validation", "defaultAuthorizationPolicy", "allowedApplications"],
        matches: "clientId",
    },
    {
        path: [...AAD, "validation", "jwtClaimChecks", "allowedClientApplications"],
        matches: "clientId",
    },
];

function allowList(settings: StackResource, path: readonly string[]): AllowList {
    const list = readPath(settings, path);
    if (!list.known) {
        return { configured: true, values: [], unknown: true };
    }
    const items = list.value;
    if (!Array.isArray(items) || items.length === 0) {
        return { configured: false };
    }
    const values: string[] = [];
    let unknown = false;
    for (let i = 0; i < items.length; i += 1) {
        const item = readKnown((): unknown => items[i]);
        if (!item.known) {
            unknown = true;
        } else if (typeof item.value === "string") {
            values.push(item.value.toLowerCase());
        }
    }
    return { configured: true, values, unknown };
}

function admits(list: AllowList, value: string | undefined, dependsOnCaller: boolean): boolean {
    if (!list.configured) {
        return true;
    }
    return (
        (value !== undefined && list.values.includes(value.toLowerCase())) ||
        (list.unknown && dependsOnCaller)
    );
}

/** Why unauthenticated requests reach the app, or undefined when Easy Auth requires a token. */
function anonymousAccess(settings: StackResource): string | undefined {
    const action = readPath(settings, ["globalValidation", "unauthenticatedClientAction"]);
    if (action.known && action.value === "AllowAnonymous") {
        return "unauthenticatedClientAction is AllowAnonymous";
    }
    const required = readPath(settings, ["globalValidation", "requireAuthentication"]);
    return required.known && required.value !== true
        ? "requireAuthentication is not true"
        : undefined;
}

export interface EasyAuthEdges {
    readonly canInvoke: readonly CanInvokeEdge[];
    readonly publicEdges: readonly PublicEdge[];
}

function edgesOf(
    settings: StackResource,
    app: StackResource,
    callers: readonly CallerIdentity[],
    stack: AzureStack,
): EasyAuthEdges {
    const anonymous = anonymousAccess(settings);
    const publicEdges: PublicEdge[] =
        anonymous === undefined
            ? []
            : [
                  {
                      kind: "public",
                      from: PUBLIC_NODE_ID,
                      to: app.urn,
                      via: settings.urn,
                      reason: `Easy Auth lets unauthenticated requests through (${anonymous})`,
                  },
              ];
    const aadEnabled = readPath(settings, [...AAD, "enabled"]);
    const aad = readPath(settings, AAD);
    if (
        (aadEnabled.known && aadEnabled.value === false) ||
        (aad.known && aad.value === undefined)
    ) {
        return { canInvoke: [], publicEdges };
    }
    const lists = LISTS.map((l) => ({ list: allowList(settings, l.path), matches: l.matches }));
    const tenantWide = lists.every((l) => !l.list.configured);
    const canInvoke: CanInvokeEdge[] = [];
    for (const caller of callers) {
        if (caller.appUrn === app.urn) {
            continue;
        }
        const dependsOnCaller = stack.dependsOn(settings, "identityProviders", caller.holder);
        if (lists.every((l) => admits(l.list, caller[l.matches], dependsOnCaller))) {
            canInvoke.push({
                kind: "can-invoke",
                from: caller.nodeId,
                to: app.urn,
                via: settings.urn,
                conditions: tenantWide
                    ? ["Easy Auth admits any identity of the tenant (no allow-list)"]
                    : [],
            });
        }
    }
    return { canInvoke, publicEdges };
}

/** The can-invoke and public edges of every function app with Easy Auth settings in the stack. */
export function easyAuthEdges(
    apps: readonly StackResource[],
    callers: readonly CallerIdentity[],
    stack: AzureStack,
): EasyAuthEdges {
    const canInvoke: CanInvokeEdge[] = [];
    const publicEdges: PublicEdge[] = [];
    for (const settings of stack.ofType(...AUTH_SETTINGS_TYPES)) {
        const platform = readPath(settings, ["platform", "enabled"]);
        if (platform.known && platform.value !== true) {
            continue; // Easy Auth is off: the settings admit and refuse nobody.
        }
        const forSlot = settings.type.endsWith("Slot");
        for (const app of apps) {
            if (forSlot !== (app.type === WEB_APP_SLOT_TYPE)) {
                continue;
            }
            if (belongsToSiteByName(settings, app)) {
                const edges = edgesOf(settings, app, callers, stack);
                for (const edge of edges.canInvoke) {
                    canInvoke.push(edge);
                }
                for (const edge of edges.publicEdges) {
                    publicEdges.push(edge);
                }
            }
        }
    }
    return { canInvoke, publicEdges };
}
