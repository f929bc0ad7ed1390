/**
 * Whether the permissions an identity holds cover a permission it needs: same action, and a held
 * resource that contains the needed one. Containment per cloud, decided from the resource text alone:
 *
 * - `*` contains everything; equal texts contain each other;
 * - AWS: the held ARN pattern matches the needed ARN (`arn:aws:s3:::b/*` contains `arn:aws:s3:::b/k`
 *   and the pattern `arn:aws:s3:::b/in/*`); AWS actions compare case-insensitively;
 * - Azure: the held scope is the needed scope or one of its ancestors (a prefix ending at a `/`),
 *   compared case-insensitively as Azure compares resource IDs; Azure actions likewise;
 * - GCP: a project-level grant (`projects/p`) contains every resource of that project, named by its
 *   full name (`projects/p/secrets/s`) or with its project appended (`bucket b in projects/p`), as
 *   ./gcp/targets.ts names them. Organization and folder grants contain only themselves: which
 *   projects sit below them is not in the stack.
 *
 * Held permissions are indexed by action once, so a check costs the held resources of one action.
 */
import { globMatch, hasWildcard } from "../glob";
import type { Permission } from "./model";

/** AWS (`s3:GetObject`) and Azure (`Microsoft.Storage/.../read`) actions ignore case; GCP's do not. */
function actionKey(action: string): string {
    return action.includes(":") || action.includes("/") ? action.toLowerCase() : action;
}

function awsArnContains(held: string, needed: string): boolean {
    // A held `?` matches one character, a needed `*` any run: a pattern cannot vouch for that.
    if (held.includes("?") && hasWildcard(needed)) {
        return false;
    }
    return globMatch(held, needed);
}

function azureScopeContains(held: string, needed: string): boolean {
    const scope = held.toLowerCase().replace(/\/+$/, "");
    const target = needed.toLowerCase();
    return scope === "" || target === scope || target.startsWith(`${scope}/`);
}

const GCP_PROJECT = /^projects\/[^/\s]+$/;

/** The `projects/<id>` a GCP resource text names, by its full name or its ` in projects/<id>` tail. */
export function gcpProjectOf(resource: string): string | undefined {
    const leading = /^(projects\/[^/\s]+)(?:\/|$)/.exec(resource)?.[1];
    return leading ?? / in (projects\/[^/\s]+)$/.exec(resource)?.[1];
}

/** Whether a held resource contains the needed one (the actions being the same). */
export function resourceCovers(held: string, needed: string): boolean {
    if (held === "*" || held === needed) {
        return true;
    }
    if (held.startsWith("arn:")) {
        return needed.startsWith("arn:") && awsArnContains(held, needed);
    }
    if (held.startsWith("/")) {
        return needed.startsWith("/") && azureScopeContains(held, needed);
    }
    return GCP_PROJECT.test(held) && gcpProjectOf(needed) === held;
}

/** The permissions one identity (or function) holds, indexed by action for coverage checks. */
export class HeldPermissions {
    private readonly resourcesByAction = new Map<string, string[]>();

    constructor(held: readonly Permission[]) {
        for (const permission of held) {
            const key = actionKey(permission.action);
            const resources = this.resourcesByAction.get(key);
            if (resources === undefined) {
                this.resourcesByAction.set(key, [permission.resource]);
            } else {
                resources.push(permission.resource);
            }
        }
    }

    /** Whether some held permission has the same action on a resource containing the needed one. */
    covers(needed: Permission): boolean {
        const resources = this.resourcesByAction.get(actionKey(needed.action));
        return resources?.some((held) => resourceCovers(held, needed.resource)) ?? false;
    }
}
