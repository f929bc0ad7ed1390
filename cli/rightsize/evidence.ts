/**
 * Evidence that the logs would show a permission's use: a permission the same logs show checked, for
 * any principal, is one whose checks these logs record. Only then can a granted permission nobody saw
 * the function use be called **unused**; otherwise it is **unobservable**. Per cloud:
 *
 * - AWS: a record with `managementEvent: true` of a call needing the action. CloudTrail logs data
 *   events only when a trail selects them, and a trail may log only read or only write management
 *   events, so a data event of one bucket proves nothing of another
 *   (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
 * - Google Cloud: any `authorizationInfo[]` check of the permission. Admin Activity logs are always
 *   written; Data Access logs only where they are enabled
 *   (https://cloud.google.com/logging/docs/audit#data-access).
 * - Azure: any authorization check of the action, in an activity log event (control-plane writes,
 *   deletes and actions) or a resource log (data plane, only with a diagnostic setting)
 *   (https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema).
 *
 * A wildcard permission (an Azure role's `blobs/*`) is never proven unused: no log shows every action it
 * covers.
 */
export class RecordedPermissions {
    private readonly permissions = new Set<string>();

    note(permission: string): void {
        this.permissions.add(permission.toLowerCase());
    }

    /** Whether the logs show checks of this exact permission (any case) recorded. */
    records(permission: string): boolean {
        return !permission.includes("*") && this.permissions.has(permission.toLowerCase());
    }
}
