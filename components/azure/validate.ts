/**
 * Checks every argument of an AzureFunction before anything is created, collecting all problems into
 * one error. Resource IDs known at construction are checked here; those that arrive as outputs are
 * checked with the same rules when they resolve (see scopeProblem).
 */
import { ArgumentProblems, shown, validateGrantBasics } from "../core";
import type { AzureFunctionArgs, AzureGrant } from "./args";
import { validateConditions } from "./conditions";
import { accessEntry, AZURE_ACCESS_LEVELS, type AzureAccessEntry } from "./grants";
import { parseResourceId } from "./resource-id";

export const RUNTIMES = ["node", "python", "dotnet-isolated", "java", "powershell", "custom"];
export const IDENTITY_TYPES = ["user-assigned", "system-assigned"];
const MEMORY_SIZES = [512, 2048, 4096];

// Settings the component owns: host storage by identity, and the Flex Consumption runtime, which
// rejects FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION as app settings.
const RESERVED_SETTING =
    /^(AzureWebJobsStorage|AzureWebJobsDashboard|WEBSITE_CONTENTAZUREFILECONNECTIONSTRING)(__|$)/i;
const CREDENTIAL_VALUE =
    /(AccountKey=|SharedAccessSignature=|SharedAccessKey=|[?&]sig=[^&]+|DefaultEndpointsProtocol=)/i;
const KEY_VAULT_SECRET_URI =
    /^https:\/\/[a-z0-9-]+\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/secrets\/[^/]+(\/[0-9a-f]*)?$/i;

export function validateAzureFunctionArgs(
    args: AzureFunctionArgs | undefined,
    problems: ArgumentProblems,
): AzureGrant[] {
    if (typeof args !== "object" || args === null) {
        problems.add("args", "are missing; pass at least { resourceGroupName }");
        return [];
    }
    if (args.resourceGroupName === undefined || args.resourceGroupName === "") {
        problems.add("resourceGroupName", "is missing; name the resource group the app goes in");
    }
    oneOf("runtime", args.runtime, RUNTIMES, problems);
    oneOf("identityType", args.identityType, IDENTITY_TYPES, problems);
    if (args.existingIdentityId !== undefined && args.identityType === "system-assigned") {
        problems.add(
            "existingIdentityId",
            "cannot be combined with identityType 'system-assigned'; drop one of them",
        );
    }
    if (args.instanceMemoryMB !== undefined && !MEMORY_SIZES.includes(args.instanceMemoryMB)) {
        problems.add(
            "instanceMemoryMB",
            `${shown(args.instanceMemoryMB)} is not a Flex Consumption size; use 512, 2048 or 4096`,
        );
    }
    const max = args.maximumInstanceCount;
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000)) {
        problems.add("maximumInstanceCount", `${shown(max)} must be a whole number from 1 to 1000`);
    }
    if (args.existingPlanId !== undefined) {
        for (const key of ["instanceMemoryMB", "maximumInstanceCount"] as const) {
            if (args[key] !== undefined) {
                problems.add(key, "applies to Flex Consumption only; drop it or `existingPlanId`");
            }
        }
    }
    validatePackageBlob(args, problems);
    if (args.existingStorageAccountId !== undefined && args.dedicatedHostStorage !== true) {
        problems.add(
            "existingStorageAccountId",
            "needs `dedicatedHostStorage: true`: the host gets Storage Blob Data Owner on the whole account, which would let this app read other apps' host keys and overwrite their packages; give the app an account of its own (or leave this out and the component creates one) and set dedicatedHostStorage: true",
        );
    }
    validateSettings(args, problems);
    if (args.authentication !== undefined) {
        const audience = (args.authentication as { audience?: unknown }).audience;
        if (audience === undefined || audience === "") {
            problems.add(
                "authentication.audience",
                "is missing; give the client ID of the app registration callers request tokens for",
            );
        }
    }
    const grants = validateGrantBasics(args.grants, AZURE_ACCESS_LEVELS, problems) as AzureGrant[];
    const indexOf = (grant: AzureGrant): number => (args.grants ?? []).indexOf(grant);
    return grants.filter((grant) => {
        const before = problems.size;
        validateAzureGrant(grant, `grants[${indexOf(grant)}]`, problems);
        return problems.size === before;
    });
}

function validateAzureGrant(grant: AzureGrant, at: string, problems: ArgumentProblems): void {
    const entry = accessEntry(grant.access);
    if (grant.conditions !== undefined) {
        if (!entry.conditions) {
            problems.add(
                `${at}.conditions`,
                `'${grant.access}' cannot carry conditions; ABAC conditions apply to blob:read, blob:write and blob:readwrite only`,
            );
        } else {
            validateConditions(grant.conditions, `${at}.conditions`, problems);
        }
    }
    const invoke = entry.plane === "easy-auth";
    if (invoke && (grant.audience === undefined || grant.audience === "")) {
        problems.add(
            `${at}.audience`,
            "is missing; 'function:invoke' needs the callee's audience (use callee.invokeGrant(name))",
        );
    }
    for (const key of ["audience", "url"] as const) {
        if (!invoke && grant[key] !== undefined) {
            problems.add(
                `${at}.${key}`,
                `applies to 'function:invoke' only, not '${grant.access}'`,
            );
        }
    }
    if (typeof grant.resource === "string") {
        const problem = scopeProblem(entry, grant, grant.resource);
        if (problem) {
            problems.add(`${at}.resource`, problem);
        }
    }
}

/** Why `resourceId` is not a scope this grant may have, or undefined when it may. */
export function scopeProblem(
    entry: AzureAccessEntry,
    grant: Pick<AzureGrant, "access" | "allowBroadScope" | "conditions">,
    resourceId: string,
): string | undefined {
    const parsed = parseResourceId(resourceId);
    const wanted = entry.scopes.join(" or ");
    if (!parsed) {
        return `${shown(resourceId)} is not a resource ID '${grant.access}' can target; give the ${wanted} ID`;
    }
    if (entry.scopes.includes(parsed.kind)) {
        const wholeAccount =
            parsed.kind === "storage-account" &&
            !(grant.conditions ?? []).some((c) => c.containerName !== undefined);
        if (wholeAccount && grant.allowBroadScope !== true) {
            return `${shown(resourceId)} is a whole storage account; grant on the container, add blobConditions.inContainer(name), or set allowBroadScope: true`;
        }
        return undefined;
    }
    const broad =
        entry.broadScopes.includes(parsed.kind) ||
        parsed.kind === "subscription" ||
        parsed.kind === "resource-group";
    if (broad && entry.plane === "rbac") {
        return grant.allowBroadScope === true
            ? undefined
            : `${shown(resourceId)} is a ${parsed.kind}, wider than the ${wanted} '${grant.access}' needs; grant on the ${wanted}, or set allowBroadScope: true`;
    }
    return `${shown(resourceId)} is a ${parsed.kind}; '${grant.access}' targets a ${wanted}`;
}

function validateSettings(args: AzureFunctionArgs, problems: ArgumentProblems): void {
    for (const [key, value] of Object.entries(args.appSettings ?? {})) {
        if (RESERVED_SETTING.test(key)) {
            problems.add(
                `appSettings.${key}`,
                "is set by AzureFunction (host storage through the identity); remove it",
            );
        } else if (typeof value === "string" && CREDENTIAL_VALUE.test(value)) {
            problems.add(
                `appSettings.${key}`,
                "holds an account key, SAS or key-bearing connection string; grant access instead, or put the secret in Key Vault and use `secretSettings`",
            );
        }
    }
    for (const [key, value] of Object.entries(args.secretSettings ?? {})) {
        if (RESERVED_SETTING.test(key) || key in (args.appSettings ?? {})) {
            problems.add(`secretSettings.${key}`, "is also set elsewhere; give each setting once");
        } else if (typeof value === "string" && !KEY_VAULT_SECRET_URI.test(value)) {
            problems.add(
                `secretSettings.${key}`,
                `${shown(value)} is not a Key Vault secret URI (https://<vault>.vault.azure.net/secrets/<name>)`,
            );
        }
    }
}

/** `packageBlob`: only on an existing plan (Flex Consumption does not run from a package URL), a container's ID. */
function validatePackageBlob(args: AzureFunctionArgs, problems: ArgumentProblems): void {
    const blob = args.packageBlob as { container?: unknown; name?: unknown } | undefined;
    if (blob === undefined) {
        return;
    }
    if (args.existingPlanId === undefined) {
        problems.add(
            "packageBlob",
            "needs `existingPlanId`: Flex Consumption does not run from a package URL; deploy to its deployment container instead (docs/azure.md, Deploying code)",
        );
    }
    if (
        typeof blob.container === "string" &&
        parseResourceId(blob.container)?.kind !== "blob-container"
    ) {
        problems.add(
            "packageBlob.container",
            `${shown(blob.container)} is not a blob container ID; pass the container's \`id\``,
        );
    } else if (blob.container === undefined) {
        problems.add("packageBlob.container", "is missing; pass the blob container's `id`");
    }
    if (blob.name === undefined || blob.name === "") {
        problems.add("packageBlob.name", "is missing; give the zip blob's name in the container");
    }
}

function oneOf(
    argument: string,
    value: unknown,
    allowed: readonly string[],
    problems: ArgumentProblems,
): void {
    if (value !== undefined && (typeof value !== "string" || !allowed.includes(value))) {
        problems.add(argument, `${shown(value)} is not one of ${allowed.join(", ")}`);
    }
}
