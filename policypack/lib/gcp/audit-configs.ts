/**
 * Which services have which Data Access log types enabled in a stack: `IAMAuditConfig` at project,
 * folder and organization level, and the `auditConfigs` of authoritative IAM policies. `allServices`
 * covers every service. Exempted members are ignored: the logs exist, for everyone else.
 */
import { gcpIamResourceType } from "./iam-resources";
import { recordOf } from "../values";
import type { StackResource } from "../stack/resource";

export const GCP_AUDIT_CONFIG_TYPES: readonly string[] = [
    "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    "gcp:folder/iamAuditConfig:IamAuditConfig",
    "gcp:organizations/iamAuditConfig:IamAuditConfig",
];
const AUDIT_CONFIG_TYPES = new Set(GCP_AUDIT_CONFIG_TYPES);

export const ALL_SERVICES = "allServices";

export interface AuditedServices {
    has(service: string, logType: string): boolean;
}

function addConfig(into: Map<string, Set<string>>, config: unknown): void {
    const service = recordOf(config)?.["service"];
    const logConfigs = recordOf(config)?.["auditLogConfigs"];
    if (typeof service !== "string" || !Array.isArray(logConfigs)) {
        return;
    }
    const types = into.get(service) ?? new Set<string>();
    for (const logConfig of logConfigs as unknown[]) {
        const logType = recordOf(logConfig)?.["logType"];
        if (typeof logType === "string") {
            types.add(logType);
        }
    }
    into.set(service, types);
}

function policyAuditConfigs(policyData: unknown): unknown[] {
    if (typeof policyData !== "string") {
        return [];
    }
    try {
        const configs = recordOf(JSON.parse(policyData))?.["auditConfigs"];
        return Array.isArray(configs) ? configs : [];
    } catch {
        return []; // gcp-iam-no-basic-roles reports an unparseable policy.
    }
}

export function auditedServices(resources: readonly StackResource[]): AuditedServices {
    const byService = new Map<string, Set<string>>();
    for (const resource of resources) {
        if (AUDIT_CONFIG_TYPES.has(resource.type)) {
            addConfig(byService, resource.props);
        } else if (gcpIamResourceType(resource.type)?.kind === "policy") {
            const level = gcpIamResourceType(resource.type)?.level;
            if (level === "project" || level === "folder" || level === "organization") {
                for (const config of policyAuditConfigs(resource.props["policyData"])) {
                    addConfig(byService, config);
                }
            }
        }
    }
    return {
        has: (service, logType) =>
            (byService.get(service)?.has(logType) ?? false) ||
            (byService.get(ALL_SERVICES)?.has(logType) ?? false),
    };
}
