/**
 * Granted against used, per Lambda function: what the right-sizing report says of each function's
 * role (./granted.ts from the stack model, ./usage.ts from CloudTrail).
 *
 * An action granted and never seen is **unused** only when the logs prove CloudTrail records its
 * calls: some call needing it was recorded as a management event in the same logs
 * (./cloudtrail.ts `RecordedApis`). Otherwise it is **unobservable**, never unused: CloudTrail does not
 * log data events unless a trail selects them, a trail may log only read or only write management
 * events, and some permissions (`iam:PassRole`) are checked inside other calls and have no event of
 * their own (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
 * The suggestion removes unused actions only, so it is never wider than today's grant.
 */
import type { RecordedApis } from "./cloudtrail";
import type { FunctionGrants, GrantedAction } from "./granted";
import type { ActionUse, RoleUsage, UsageByRole } from "./usage";

export interface UnobservedAction {
    readonly action: string;
    readonly resources: readonly string[];
}

export interface FunctionComparison {
    readonly functions: readonly string[];
    readonly roleArn?: string;
    readonly used: readonly (ActionUse & { readonly granted: boolean })[];
    /** Granted, recorded when called, and not called in the window. */
    readonly unused: readonly UnobservedAction[];
    /** Granted and not seen, where the logs could not have shown a call. */
    readonly unobservable: readonly UnobservedAction[];
    /** Calls refused for want of a permission: what the function needs and lacks. */
    readonly denied: readonly ActionUse[];
    /** Events of the role no IAM action is known for, with their counts. */
    readonly unmapped: readonly { readonly event: string; readonly count: number }[];
    /** Why the grants read may be fewer than the role really has. */
    readonly incomplete: readonly string[];
    readonly summary: {
        readonly granted: number;
        readonly used: number;
        readonly unused: number;
        readonly unobservable: number;
        readonly denied: number;
    };
}

const byAction = <T extends { readonly action: string }>(a: T, b: T): number =>
    a.action.localeCompare(b.action);

function unseen(granted: GrantedAction): UnobservedAction {
    return { action: granted.action, resources: granted.resources };
}

export function compareFunction(
    grants: FunctionGrants,
    usage: UsageByRole,
    recorded: RecordedApis,
): FunctionComparison {
    const role: RoleUsage | undefined =
        grants.roleArn === undefined ? undefined : usage.of(grants.roleArn);
    const used = [...(role?.used.values() ?? [])]
        .map((use) => ({ ...use, granted: grants.granted.has(use.action.toLowerCase()) }))
        .sort(byAction);
    const unused: UnobservedAction[] = [];
    const unobservable: UnobservedAction[] = [];
    // Without the role's ARN (unknown in a preview) no call of it can be found: nothing is unused.
    const findable = grants.roleArn !== undefined;
    for (const [key, granted] of grants.granted) {
        if (role?.used.has(key) === true) continue;
        (findable && recorded.recordsAction(granted.action) ? unused : unobservable).push(
            unseen(granted),
        );
    }
    const denied = [...(role?.denied.values() ?? [])].sort(byAction);
    return {
        functions: grants.functions.map((f) => f.name),
        ...(grants.roleArn === undefined ? {} : { roleArn: grants.roleArn }),
        used,
        unused: unused.sort(byAction),
        unobservable: unobservable.sort(byAction),
        denied,
        unmapped: [...(role?.unmapped ?? [])]
            .map(([event, count]) => ({ event, count }))
            .sort((a, b) => b.count - a.count || a.event.localeCompare(b.event)),
        incomplete: findable
            ? grants.incomplete
            : [
                  ...grants.incomplete,
                  "the role's ARN is not known (a preview leaves it unknown): its calls cannot be found in the logs",
              ],
        summary: {
            granted: grants.granted.size,
            used: used.filter((u) => u.granted).length,
            unused: unused.length,
            unobservable: unobservable.length,
            denied: denied.length,
        },
    };
}
