/**
 * What each role's sessions did, from their CloudTrail calls (./cloudtrail.ts): per IAM action, how
 * often, first and last seen, which resources; the calls refused for want of a permission; the events
 * that map to no action (./actions.ts). Memory grows with distinct (role, action, resource), not with
 * records: a bounded number of resources is kept per action, the rest counted.
 */
import { iamActionOf } from "./actions";
import type { RoleCall } from "./cloudtrail";

/** Resources kept per action and role; more are counted, not listed. */
export const RESOURCES_KEPT = 100;

export interface ActionUse {
    readonly action: string;
    count: number;
    /** Milliseconds since the epoch. */
    first: number;
    last: number;
    /** Distinct resource ARNs, at most {@link RESOURCES_KEPT}. */
    readonly resources: Set<string>;
    /** Calls on resources beyond those kept (not distinct: those resources are not remembered). */
    moreResources: number;
    /** The services that called on the session's behalf (`invokedBy`), if any. */
    readonly onBehalfOf: Set<string>;
}

export interface RoleUsage {
    readonly roleArn: string;
    /** Calls that were allowed, by lower-case action. */
    readonly used: Map<string, ActionUse>;
    /** Calls refused for want of a permission, by lower-case action. */
    readonly denied: Map<string, ActionUse>;
    /** `eventSource eventName` of events that map to no IAM action, with their counts. */
    readonly unmapped: Map<string, number>;
}

function note(uses: Map<string, ActionUse>, action: string, call: RoleCall): void {
    const key = action.toLowerCase();
    let use = uses.get(key);
    if (use === undefined) {
        use = {
            action,
            count: 0,
            first: call.time,
            last: call.time,
            resources: new Set(),
            moreResources: 0,
            onBehalfOf: new Set(),
        };
        uses.set(key, use);
    }
    use.count += 1;
    if (call.time < use.first) use.first = call.time;
    if (call.time > use.last) use.last = call.time;
    for (const resource of call.resources) {
        if (use.resources.has(resource)) continue;
        if (use.resources.size < RESOURCES_KEPT) use.resources.add(resource);
        else use.moreResources += 1;
    }
    if (call.invokedBy !== undefined) use.onBehalfOf.add(call.invokedBy);
}

/**
 * Usage by role ARN, compared without case: IAM does not distinguish names by case
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html, "Friendly names and paths").
 */
export class UsageByRole {
    readonly roles = new Map<string, RoleUsage>();

    add(call: RoleCall): void {
        const key = call.roleArn.toLowerCase();
        let usage = this.roles.get(key);
        if (usage === undefined) {
            usage = {
                roleArn: call.roleArn,
                used: new Map(),
                denied: new Map(),
                unmapped: new Map(),
            };
            this.roles.set(key, usage);
        }
        const action = iamActionOf(call.eventSource, call.eventName);
        if (action === undefined) {
            const event = `${call.eventSource} ${call.eventName}`;
            usage.unmapped.set(event, (usage.unmapped.get(event) ?? 0) + 1);
            return;
        }
        note(call.denied ? usage.denied : usage.used, action, call);
    }

    /** The usage of a role, by its ARN in any case. */
    of(roleArn: string): RoleUsage | undefined {
        return this.roles.get(roleArn.toLowerCase());
    }
}
