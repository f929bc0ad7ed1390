/**
 * Which services have which Data Access log types enabled in a stack: `IAMAuditConfig` at project,
 * folder and organization level, and the `auditConfigs` of authoritative IAM policies. `allServices`
 * covers every service. Exempted members are left out of `auditedServices` (the logs exist, for everyone
 * else) and listed by `exemptedMembers`: whose reads and writes those logs leave out.
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

/** Every audit config of the stack: the config resources' own, and those inside authoritative IAM policies. */
function auditConfigsOf(resources: readonly StackResource[]): unknown[] {
    const configs: unknown[] = [];
    for (const resource of resources) {
        if (AUDIT_CONFIG_TYPES.has(resource.type)) {
            configs.push(resource.props);
        } else if (gcpIamResourceType(resource.type)?.kind === "policy") {
            const level = gcpIamResourceType(resource.type)?.level;
            if (level === "project" || level === "folder" || level === "organization") {
                configs.push(...policyAuditConfigs(resource.props["policyData"]));
            }
        }
    }
    return configs;
}

export function auditedServices(resources: readonly StackResource[]): AuditedServices {
    const byService = new Map<string, Set<string>>();
    for (const config of auditConfigsOf(resources)) addConfig(byService, config);
    return {
        has: (service, logType) =>
            (byService.get(service)?.has(logType) ?? false) ||
            (byService.get(ALL_SERVICES)?.has(logType) ?? false),
    };
}

/**
 * The members some audit config of the stack exempts from a Data Access log type
 * (`auditLogConfigs[].exemptedMembers`, https://cloud.google.com/logging/docs/audit/configure-data-access),
 * in lower case: `serviceaccount:fn@project.iam.gserviceaccount.com`.
 */
export function exemptedMembers(resources: readonly StackResource[]): Set<string> {
    const members = new Set<string>();
    for (const config of auditConfigsOf(resources)) {
        const logConfigs = recordOf(config)?.["auditLogConfigs"];
        for (const logConfig of Array.isArray(logConfigs) ? (logConfigs as unknown[]) : []) {
            const exempted = recordOf(logConfig)?.["exemptedMembers"];
            for (const member of Array.isArray(exempted) ? (exempted as unknown[]) : []) {
                if (typeof member === "string") members.add(member.toLowerCase());
            }
        }
    }
    return members;
}
