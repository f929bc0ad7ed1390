/**
 * GcpAuditLogs: Data Access audit logs (DATA_READ, DATA_WRITE, ADMIN_READ) for the services a stack's
 * functions use, so every read of a bucket, secret or key by a function identity is recorded.
 */
import * as organizations from "@pulumi/gcp/organizations";
import * as projects from "@pulumi/gcp/projects";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentProblems, componentName, shown } from "../core";
import type { GcpAuditLogsArgs } from "./args";
import type { GcpAuditLogsShape, GcpFunctionShape } from "./shape";

export const DATA_ACCESS_LOG_TYPES = ["DATA_READ", "DATA_WRITE", "ADMIN_READ"] as const;

const SERVICE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*\.googleapis\.com$/;

export class GcpAuditLogs extends pulumi.ComponentResource implements GcpAuditLogsShape {
    /** The services whose Data Access logs are on, sorted. */
    public readonly services: readonly string[];
    public readonly auditConfigs: readonly projects.IAMAuditConfig[];

    constructor(name: string, args: GcpAuditLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("perimeter:index:GcpAuditLogs", componentName("GcpAuditLogs", name), {}, opts);
        const problems = new ArgumentProblems();
        const services = auditedServices(args, problems);
        problems.throwIfAny("GcpAuditLogs", name, this);

        const config = new pulumi.Config("gcp");
        const project: pulumi.Input<string> =
            args.project ??
            config.get("project") ??
            organizations.getClientConfigOutput({ parent: this }).project;
        this.services = services;
        this.auditConfigs = services.map(
            (service) =>
                new projects.IAMAuditConfig(
                    `${name}-${service.replace(/\.googleapis\.com$/, "")}`,
                    {
                        project,
                        service,
                        auditLogConfigs: DATA_ACCESS_LOG_TYPES.map((logType) => ({ logType })),
                    },
                    // Destroying the stack leaves logging on unless the program asks otherwise.
                    { parent: this, retainOnDelete: args.removeOnDestroy !== true },
                ),
        );
        this.registerOutputs({ services });
    }
}

/** The services to log, sorted: the functions' and the extra ones; every problem is collected. */
function auditedServices(args: GcpAuditLogsArgs, problems: ArgumentProblems): string[] {
    const extra: unknown = args?.services ?? [];
    if (!Array.isArray(extra)) {
        problems.add(
            "services",
            `must be a list of service names, e.g. ["storage.googleapis.com"]`,
        );
    } else {
        extra.forEach((s: unknown, i) => {
            if (typeof s !== "string" || !SERVICE_PATTERN.test(s)) {
                problems.add(
                    `services[${i}]`,
                    `${shown(s)} is not a service name; e.g. "storage.googleapis.com"`,
                );
            }
        });
    }
    if ((args as { projectWide?: unknown } | undefined)?.projectWide !== true) {
        problems.add(
            "projectWide",
            "must be true: audit configs apply to the whole project, replace each service's existing Data Access settings and exemptions, and log every resource of the service (billed as Cloud Logging ingestion); set projectWide: true to accept that",
        );
    }
    const functions: unknown = args?.functions ?? [];
    if (!Array.isArray(functions)) {
        problems.add("functions", `must be a list of GcpFunction`);
    }
    const fromFunctions = Array.isArray(functions)
        ? (functions as GcpFunctionShape[]).flatMap((f) => f.auditServices)
        : [];
    const services = [
        ...new Set([...fromFunctions, ...(Array.isArray(extra) ? (extra as string[]) : [])]),
    ].sort();
    if (problems.size === 0 && services.length === 0) {
        problems.add("functions", `and \`services\` are both empty; name what to log`);
    }
    return services;
}
