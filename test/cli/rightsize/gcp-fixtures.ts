/**
 * Cloud Audit Logs entries written from the documented LogEntry and AuditLog fields
 * (https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry,
 * https://cloud.google.com/logging/docs/reference/audit/auditlog/rest/Shared.Types/AuditLog): one call
 * of a principal, with one `authorizationInfo` element per permission checked.
 */
export interface AuditCall {
    readonly principal: string;
    /** `storage.googleapis.com`. */
    readonly service: string;
    /** `storage.objects.get`. */
    readonly method: string;
    readonly permission: string;
    /** The full resource name the check is on: `projects/_/buckets/b/objects/o`. */
    readonly resource: string;
    /** Written as given; left out when undefined (proto3 JSON leaves a false bool out). */
    readonly granted?: boolean;
    /** `status.code`: 7 is PERMISSION_DENIED. */
    readonly status?: number;
    readonly time?: string;
    readonly project?: string;
    /** `data_access` for Data Access logs, `activity` for Admin Activity logs. */
    readonly log?: "data_access" | "activity";
}

export function auditEntry(call: AuditCall): Record<string, unknown> {
    const project = call.project ?? "shop";
    const check: Record<string, unknown> = {
        resource: call.resource,
        permission: call.permission,
        resourceAttributes: {},
    };
    if (call.granted !== undefined) check["granted"] = call.granted;
    const time = call.time ?? "2026-11-30T09:15:00.123456Z";
    return {
        protoPayload: {
            "@type": "type.googleapis.com/google.cloud.audit.AuditLog",
            status:
                call.status === undefined
                    ? {}
                    : { code: call.status, message: "PERMISSION_DENIED" },
            authenticationInfo: { principalEmail: call.principal },
            requestMetadata: { callerIp: "2001:db8::1" },
            serviceName: call.service,
            methodName: call.method,
            authorizationInfo: [check],
            resourceName: call.resource,
        },
        insertId: `${Date.parse(time).toString(36)}${call.permission.length}`,
        resource: { type: "audited_resource", labels: { project_id: project } },
        timestamp: time,
        severity: call.status === undefined ? "INFO" : "ERROR",
        logName: `projects/${project}/logs/cloudaudit.googleapis.com%2F${call.log ?? "data_access"}`,
        receiveTimestamp: time,
    };
}
