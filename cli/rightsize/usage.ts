/**
 * What each principal did, on every cloud: per permission (an IAM action, an Azure RBAC action, a GCP
 * permission), how often, first and last seen, which resources; the calls refused for want of it; the
 * events no permission is known for. The log readers (./logs.ts) turn each cloud's records into
 * {@link Use}s. Memory grows with distinct (principal, permission, resource), not with records: a
 * bounded number of resources is kept per permission, the rest counted.
 */

/** Resources kept per permission and principal; more are counted, not listed. */
export const RESOURCES_KEPT = 100;

/** One check of a principal's permission, as a log record shows it. */
export interface Use {
    /** Milliseconds since the epoch. */
    readonly time: number;
    /** How the logs name the principal: a role ARN, a managed identity's object ID, a service account's email. */
    readonly principal: string;
    /** The permission checked; undefined when the record's event maps to none (see `event`). */
    readonly action?: string;
    /** The event as the record names it (`s3.amazonaws.com HeadObject`), kept when no permission is known for it. */
    readonly event?: string;
    /** The call was refused for want of the permission. */
    readonly denied: boolean;
    /** The resources the record names: ARNs, resource IDs or URIs, GCP resource names. */
    readonly resources: readonly string[];
    /** The service that made the call on the principal's behalf (CloudTrail `invokedBy`), if any. */
    readonly onBehalfOf?: string;
}

export interface ActionUse {
    readonly action: string;
    count: number;
    /** Milliseconds since the epoch. */
    first: number;
    last: number;
    /** Distinct resources, at most {@link RESOURCES_KEPT}. */
    readonly resources: Set<string>;
    /** Calls on resources beyond those kept (not distinct: those resources are not remembered). */
    moreResources: number;
    /** The services that called on the principal's behalf, if any. */
    readonly onBehalfOf: Set<string>;
}

export interface PrincipalUsage {
    readonly principal: string;
    /** Checks that were granted, by lower-case permission. */
    readonly used: Map<string, ActionUse>;
    /** Checks refused for want of the permission, by lower-case permission. */
    readonly denied: Map<string, ActionUse>;
    /** Events that map to no permission, with their counts. */
    readonly unmapped: Map<string, number>;
}

function note(uses: Map<string, ActionUse>, action: string, use: Use): void {
    const key = action.toLowerCase();
    let seen = uses.get(key);
    if (seen === undefined) {
        seen = {
            action,
            count: 0,
            first: use.time,
            last: use.time,
            resources: new Set(),
            moreResources: 0,
            onBehalfOf: new Set(),
        };
        uses.set(key, seen);
    }
    seen.count += 1;
    if (use.time < seen.first) seen.first = use.time;
    if (use.time > seen.last) seen.last = use.time;
    for (const resource of use.resources) {
        if (seen.resources.has(resource)) continue;
        if (seen.resources.size < RESOURCES_KEPT) seen.resources.add(resource);
        else seen.moreResources += 1;
    }
    if (use.onBehalfOf !== undefined) seen.onBehalfOf.add(use.onBehalfOf);
}

/**
 * Usage by principal, compared without case: IAM does not distinguish role names by case
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html, "Friendly names and
 * paths"), object IDs are GUIDs and service account emails are lower case.
 */
export class UsageByPrincipal {
    readonly principals = new Map<string, PrincipalUsage>();

    add(use: Use): void {
        const key = use.principal.toLowerCase();
        let usage = this.principals.get(key);
        if (usage === undefined) {
            usage = {
                principal: use.principal,
                used: new Map(),
                denied: new Map(),
                unmapped: new Map(),
            };
            this.principals.set(key, usage);
        }
        if (use.action === undefined) {
            const event = use.event ?? "an event of no known name";
            usage.unmapped.set(event, (usage.unmapped.get(event) ?? 0) + 1);
            return;
        }
        note(use.denied ? usage.denied : usage.used, use.action, use);
    }

    /** The usage of a principal, named in any case. */
    of(principal: string): PrincipalUsage | undefined {
        return this.principals.get(principal.toLowerCase());
    }
}
