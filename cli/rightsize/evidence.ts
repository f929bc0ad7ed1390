/**
 * Evidence that the logs would show a permission's use: a permission the same logs show checked, for
 * any principal, is one whose checks these logs record. Only then can a granted permission nobody saw
 * the function use be called **unused**; otherwise it is **unobservable**. Per cloud:
 *
 * - AWS: a record with `managementEvent: true` of a call needing the action. CloudTrail logs data
 *   events only when a trail selects them, and a trail may log only read or only write management
 *   events, so a data event of one bucket proves nothing of another
 *   (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
 * - Google Cloud: any `authorizationInfo[]` check of the permission in the same project. Admin
 *   Activity logs are always written; Data Access logs only where they are enabled, per project and
 *   service (https://cloud.google.com/logging/docs/audit#data-access). An audit config can exempt
 *   principals from Data Access logs (`exemptedMembers`): a function the stack's audit configs
 *   exempt has nothing called unused (../granted.ts); an exemption outside the stack cannot be seen.
 * - Azure: an activity log event of the action (control-plane writes, deletes and actions, recorded
 *   for the whole subscription), or a resource log check of it in the same storage account (the data
 *   plane is logged only where a diagnostic setting sends it, per account and service)
 *   (https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema).
 *
 * A wildcard permission (an Azure role's `blobs/*`) is never proven unused: no log shows every action it
 * covers.
 */
export class RecordedPermissions {
    private readonly anywhere = new Set<string>();
    private readonly scoped = new Set<string>();

    /**
     * A check of `permission` the logs hold. `where` names what the logging that recorded it covers,
     * when it is set per resource: an Azure storage account (a diagnostic setting is set per account),
     * a Google Cloud project (Data Access logs are set per project). Without it, the check proves the
     * permission recorded everywhere the logs come from (CloudTrail management events, the Azure
     * activity log).
     */
    note(permission: string, where?: string): void {
        const key = permission.toLowerCase();
        if (where === undefined) this.anywhere.add(key);
        else this.scoped.add(`${key} ${where.toLowerCase()}`);
    }

    /** Whether the logs show checks of this exact permission (any case) recorded where it is granted. */
    records(permission: string, where?: string): boolean {
        if (permission.includes("*")) return false;
        const key = permission.toLowerCase();
        return (
            this.anywhere.has(key) ||
            (where !== undefined && this.scoped.has(`${key} ${where.toLowerCase()}`))
        );
    }
}
