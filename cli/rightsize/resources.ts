/**
 * Whether a resource a log record names lies within what a grant's permission covers, per cloud. A
 * record that names no resource is counted against every grant of its permission: it cannot be told
 * apart, and a use is never hidden.
 *
 * - AWS: the permission's resource is an ARN pattern (IAM's `*` and `?`), matched case-sensitively as
 *   IAM matches ARNs (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 * - Azure: the permission's resource is the assignment's scope, which covers every resource below it
 *   (https://learn.microsoft.com/azure/role-based-access-control/scope-overview); an activity log names
 *   a resource ID, compared without case, and a storage resource log names the request URI
 *   (`https://<account>.blob.core.windows.net/<container>/<blob>`), whose account and container are
 *   compared with the scope's.
 * - Google Cloud: a log names the full resource (`projects/_/buckets/<bucket>/objects/<object>`,
 *   `projects/<p>/topics/<t>`), which lies within the target when it names the target's own name as a
 *   path segment.
 */
import { globMatch } from "../../policypack/lib/glob";
import { storageAccountOf } from "./azure/logs";
import { readKnown } from "../../policypack/lib/known-value";
import type { Cloud, Permission } from "../../policypack/lib/graph/model";
import type { StackResource } from "../../policypack/lib/stack/resource";

/** Storage services as request URIs name them, with the scope segments that hold their containers. */
const STORAGE_SERVICES: Readonly<Record<string, string>> = {
    blob: "blobservices/default/containers",
    queue: "queueservices/default/queues",
    table: "tableservices/default/tables",
    file: "fileservices/default/shares",
};

/** Whether a storage request URI lies within a scope (an account, or one of its containers). */
function uriWithinScope(uri: string, scope: string): boolean {
    const parsed =
        /^https:\/\/([a-z0-9]+)\.(blob|queue|table|file)\.core\.windows\.net\/([^/?]*)/i.exec(uri);
    if (parsed === null) return false;
    const [, account = "", service = "", container = ""] = parsed;
    const lower = scope.toLowerCase();
    const at = lower.indexOf("/providers/microsoft.storage/storageaccounts/");
    if (at < 0) return !lower.includes("/providers/"); // a resource group or subscription scope
    const rest = lower
        .slice(at + "/providers/microsoft.storage/storageaccounts/".length)
        .split("/");
    if (rest[0] !== account.toLowerCase()) return false;
    if (rest.length === 1) return true;
    const within = rest.slice(1, 4).join("/");
    const table = service.toLowerCase() === "table" ? container.replace(/\(.*$/, "") : container;
    return within === STORAGE_SERVICES[service.toLowerCase()] && rest[4] === table.toLowerCase();
}

/** The Google Cloud project a granted resource names (`projects/<p>/...`, `bucket b in projects/<p>`). */
export function projectOf(resource: string): string | undefined {
    return /(?:^|\s)projects\/([^/\s]+)/.exec(resource)?.[1];
}

/**
 * Where a granted resource's logging is set, as ./evidence.ts scopes it: the storage account of an
 * Azure scope, the project of a Google Cloud resource; nothing for AWS.
 */
export function loggingScopeOf(cloud: Cloud, resource: string): string | undefined {
    return cloud === "azure"
        ? storageAccountOf(resource)
        : cloud === "gcp"
          ? projectOf(resource)
          : undefined;
}

function lastSegment(resource: StackResource | undefined): string | undefined {
    if (resource === undefined) return undefined;
    const name = readKnown(() => resource.props["name"]);
    if (!name.known || typeof name.value !== "string" || name.value === "") return undefined;
    return name.value.split("/").pop();
}

/** Whether `resource`, as a log record names it, is within what `permission` of a grant covers. */
export function coversResource(
    cloud: Cloud,
    permission: Permission,
    target: StackResource | undefined,
    resource: string,
): boolean {
    if (permission.resource === "*") return true;
    if (cloud === "aws") return globMatch(permission.resource, resource);
    if (cloud === "azure") {
        const scope = permission.resource.toLowerCase();
        return /^https:\/\//i.test(resource)
            ? uriWithinScope(resource, scope)
            : resource.toLowerCase() === scope || resource.toLowerCase().startsWith(`${scope}/`);
    }
    const name = lastSegment(target);
    return name === undefined || resource.split("/").includes(name);
}

/**
 * The longest path prefix (ending at a `/`) every resource shares, or undefined when they share none
 * deeper than their container: where a function's uses of a grant actually went.
 */
export function commonPrefix(resources: readonly string[]): string | undefined {
    const [first, ...rest] = resources;
    if (first === undefined) return undefined;
    let prefix = first;
    for (const resource of rest) {
        let i = 0;
        while (i < prefix.length && i < resource.length && prefix[i] === resource[i]) i += 1;
        prefix = prefix.slice(0, i);
    }
    const cut = prefix.lastIndexOf("/");
    return cut < 0 ? undefined : prefix.slice(0, cut + 1);
}
