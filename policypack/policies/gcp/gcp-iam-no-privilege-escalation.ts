import { defineStackPolicy, type ReportStackFinding } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { permissionsToJudge } from "../../lib/gcp/custom-roles";
import { escalationsOf } from "../../lib/gcp/escalation";
import type { FunctionIdentity } from "../../lib/gcp/identities";
import {
    type EscalationMethod,
    escalationMethodsIn,
    escalationPermissionsOfRole,
} from "../../lib/gcp/role-risks";
import { type FunctionGrant, identitiesText, stackGrants } from "../../lib/gcp/stack-grants";

interface Config {
    readonly ignoredMethods: string[];
}

function methodText(method: EscalationMethod): string {
    return `escalation method '${method.method}' (${method.permissions.join(", ")}) from ${method.source}`;
}

function permissionsOf(grant: FunctionGrant): readonly string[] {
    return grant.customRole !== undefined
        ? permissionsToJudge(grant.customRole)
        : escalationPermissionsOfRole(grant.grant.role);
}

function grantSubject(grant: FunctionGrant): string {
    const subject = describeResource(grant.resource.type, grant.resource.name);
    return grant.grant.where === "" ? subject : `${subject} ${grant.grant.where}`;
}

/**
 * Methods one grant completes alone are reported on that grant; methods only the roles of one identity
 * at organization, folder and project level complete together are reported on its functions.
 */
function judgeIdentity(
    identity: FunctionIdentity,
    grants: readonly FunctionGrant[],
    wanted: (method: EscalationMethod) => boolean,
    report: ReportStackFinding,
): void {
    // The same judgement the identity graph marks escalating permissions with (lib/gcp/escalation.ts).
    const found = escalationsOf(
        grants.map((g) => ({ level: g.entry.level, permissions: permissionsOf(g) })),
    );
    const alone = new Set<string>();
    for (const { index, method } of found.alone) {
        const grant = grants[index];
        if (grant === undefined || !wanted(method)) {
            continue;
        }
        alone.add(method.method);
        report({
            resource: grant.resource,
            message: `${grantSubject(grant)} grants '${grant.grant.role}' to function identity ${identitiesText([identity])}, which completes ${methodText(method)}`,
            key: { kind: "Method", value: method.method },
        });
    }
    const above = found.above.flatMap((index) => grants[index] ?? []);
    for (const method of found.together) {
        if (alone.has(method.method) || !wanted(method)) {
            continue;
        }
        const roles = above
            .filter((g) => permissionsOf(g).some((p) => method.permissions.includes(p)))
            .map((g) => `'${g.grant.role}'`);
        for (const fn of identity.functions) {
            report({
                resource: fn,
                message: `${describeResource(fn.type, fn.name)} runs as ${identity.label}, whose roles ${roles.join(", ")} together complete ${methodText(method)}`,
                key: { kind: "Method", value: method.method },
            });
        }
    }
}

export const gcpIamNoPrivilegeEscalation = defineStackPolicy<Config>({
    name: "gcp-iam-no-privilege-escalation",
    description:
        "Checks that no custom role, and no set of roles granted to a function identity, contains the permissions of a known GCP privilege escalation method (Rhino Security Labs).",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Grant functions only resource-level roles through `GcpFunction` `grants`. Remove the permissions " +
        "named in the finding from custom roles, and do not combine roles such as " +
        "roles/cloudfunctions.developer with roles/iam.serviceAccountUser for a function identity.",
    cloud: "gcp",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.3", "pci-dss:7.2", "cis", "hipaa:164.312"],
    config: {
        ignoredMethods: {
            type: "array",
            items: { type: "string" },
            description:
                "Escalation methods not to report, by Rhino's name (e.g. 'CreateServiceAccountHMACKey').",
            default: [],
        },
    },
    validate: ({ resources }, report, config) => {
        const ignored = new Set(config.ignoredMethods);
        const wanted = (method: EscalationMethod) => !ignored.has(method.method);
        const { customRoles, functionGrants, identities } = stackGrants(resources);
        for (const role of customRoles) {
            for (const method of escalationMethodsIn(permissionsToJudge(role)).filter(wanted)) {
                report({
                    resource: role.resource,
                    message: `${describeResource(role.resource.type, role.resource.name)} holds the permissions of ${methodText(method)}`,
                    key: { kind: "Method", value: method.method },
                });
            }
        }
        const byIdentity = new Map<FunctionIdentity, FunctionGrant[]>();
        for (const grant of functionGrants) {
            for (const identity of grant.identities) {
                const list = byIdentity.get(identity) ?? [];
                list.push(grant);
                byIdentity.set(identity, list);
            }
        }
        for (const identity of identities.values()) {
            judgeIdentity(identity, byIdentity.get(identity) ?? [], wanted, report);
        }
    },
});
