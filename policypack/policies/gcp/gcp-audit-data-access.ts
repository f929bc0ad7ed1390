import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { type AuditedServices, auditedServices } from "../../lib/gcp/audit-configs";
import { stackGrants } from "../../lib/gcp/stack-grants";
import type { StackResource } from "../../lib/stack/resource";

interface Config {
    readonly auditedOutsideStack: boolean;
    readonly logTypes: string[];
    readonly ignoredServices: string[];
}

/** Firestore's Data Access logs are configured under either name, depending on the database mode. */
const ALTERNATIVE_NAMES: Readonly<Record<string, readonly string[]>> = {
    "datastore.googleapis.com": ["firestore.googleapis.com"],
};

/** `roles/storage.objectViewer` → `storage.googleapis.com`. */
function serviceOfRole(role: string): string | undefined {
    const match = /^roles\/([a-z0-9]+)\./.exec(role);
    return match?.[1] === undefined ? undefined : `${match[1]}.googleapis.com`;
}

function missingLogTypes(audited: AuditedServices, service: string, wanted: readonly string[]) {
    const names = [service, ...(ALTERNATIVE_NAMES[service] ?? [])];
    const best = names
        .map((name) => wanted.filter((t) => !audited.has(name, t)))
        .sort((a, b) => a.length - b.length)[0];
    return best ?? [...wanted];
}

export const gcpAuditDataAccess = defineStackPolicy<Config>({
    name: "gcp-audit-data-access",
    description:
        "Checks that Data Access audit logs (DATA_READ, DATA_WRITE) are enabled for every service the stack's functions are granted access to.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add `GcpAuditLogs` for the functions (it creates `gcp.projects.IAMAuditConfig` with DATA_READ, " +
        "DATA_WRITE and ADMIN_READ for the services they use), or set `auditedOutsideStack` when an " +
        "organization or folder audit config already covers them.",
    cloud: "gcp",
    services: ["logging", "cloudfunctions"],
    controls: ["nist-800-53:AU-2", "nist-800-53:AU-12", "hipaa:164.312", "soc2:CC6.1"],
    config: {
        auditedOutsideStack: {
            type: "boolean",
            description:
                "Data Access logs are configured outside this stack (organization, folder or another project stack).",
            default: false,
        },
        logTypes: {
            type: "array",
            items: { type: "string", enum: ["DATA_READ", "DATA_WRITE", "ADMIN_READ"] },
            description: "The log types every used service must have enabled.",
            default: ["DATA_READ", "DATA_WRITE"],
        },
        ignoredServices: {
            type: "array",
            items: { type: "string" },
            description:
                "Services whose data access need not be logged (the log and metric sinks).",
            default: [
                "logging.googleapis.com",
                "monitoring.googleapis.com",
                "cloudtrace.googleapis.com",
            ],
        },
    },
    validate: ({ resources }, report, config) => {
        if (config.auditedOutsideStack) {
            return;
        }
        const { functionGrants } = stackGrants(resources);
        const users = new Map<string, Set<StackResource>>();
        for (const grant of functionGrants) {
            const service =
                grant.entry.level === "resource"
                    ? grant.entry.apiService
                    : grant.entry.level === "serviceAccount"
                      ? undefined
                      : serviceOfRole(grant.grant.role);
            if (service === undefined || config.ignoredServices.includes(service)) {
                continue;
            }
            const fns = users.get(service) ?? new Set();
            grant.identities.forEach((i) => i.functions.forEach((f) => fns.add(f)));
            users.set(service, fns);
        }
        if (users.size === 0) {
            return;
        }
        const audited = auditedServices(resources);
        for (const [service, fns] of [...users].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
            const missing = missingLogTypes(audited, service, config.logTypes);
            if (missing.length === 0) {
                continue;
            }
            for (const fn of fns) {
                report({
                    resource: fn,
                    message: `${describeResource(fn.type, fn.name)} uses '${service}', but no IAM audit config in the stack enables ${missing.join(", ")} logs for it (or for allServices)`,
                    key: { kind: "Service", value: service },
                });
            }
        }
    },
});
