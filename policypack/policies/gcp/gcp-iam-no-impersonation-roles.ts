import { permissionsToJudge } from "../../lib/gcp/custom-roles";
import { defineStackPolicy } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { serviceAccountEmailOf } from "../../lib/gcp/functions";
import type { GcpIamLevel } from "../../lib/gcp/iam-resources";
import { readKnown } from "../../lib/known-value";
import { impersonationPermissionsIn, impersonationReasonsOfRole } from "../../lib/gcp/role-risks";
import { type FunctionGrant, identitiesText, stackGrants } from "../../lib/gcp/stack-grants";

type Level = Exclude<GcpIamLevel, "resource">;

interface Config {
    readonly levels: Level[];
}

const LEVEL_TEXT: Readonly<Record<Level, string>> = {
    organization: "at organization level",
    folder: "at folder level",
    project: "at project level",
    serviceAccount: "on a service account",
};

/** Why the grant's role impersonates, or undefined when it does not. */
function impersonationReasons(grant: FunctionGrant): readonly string[] | undefined {
    if (grant.customRole !== undefined) {
        const held = impersonationPermissionsIn(permissionsToJudge(grant.customRole));
        return held.length === 0 ? undefined : held.map((p) => `holds ${p}`);
    }
    return impersonationReasonsOfRole(grant.grant.role);
}

/** A function's account may act as itself: that grants nothing it does not have. */
function isOnlyItself(grant: FunctionGrant): boolean {
    if (grant.entry.level !== "serviceAccount") {
        return false;
    }
    const target = readKnown((): unknown => grant.resource.props["serviceAccountId"]);
    const email = target.known ? serviceAccountEmailOf(target.value) : undefined;
    return email !== undefined && grant.identities.every((i) => i.key === email);
}

export const gcpIamNoImpersonationRoles = defineStackPolicy<Config>({
    name: "gcp-iam-no-impersonation-roles",
    description:
        "Checks that no function identity holds a role that lets it act as other service accounts (serviceAccountUser, serviceAccountTokenCreator and the like) at organization, folder or project level or on another service account.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Remove the grant. A function should run as its own account (`GcpFunction` creates it) and " +
        "never act as others; if a deployment pipeline needs roles/iam.serviceAccountUser, grant it to " +
        "the pipeline's identity on the one account it deploys, not to a function.",
    cloud: "gcp",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "cis", "soc2:CC6.3", "pci-dss:7.2"],
    config: {
        levels: {
            type: "array",
            items: {
                type: "string",
                enum: ["organization", "folder", "project", "serviceAccount"],
            },
            description:
                "Where an impersonation grant is reported: 'organization', 'folder', 'project' and/or 'serviceAccount' (a grant on another service account).",
            default: ["organization", "folder", "project", "serviceAccount"],
        },
    },
    validate: ({ resources }, report, config) => {
        const levels = new Set<GcpIamLevel>(config.levels);
        for (const grant of stackGrants(resources).functionGrants) {
            const level = grant.entry.level;
            if (level === "resource" || !levels.has(level) || isOnlyItself(grant)) {
                continue;
            }
            const reasons = impersonationReasons(grant);
            if (reasons === undefined) {
                continue;
            }
            const subject = describeResource(grant.resource.type, grant.resource.name);
            const at = grant.grant.where === "" ? subject : `${subject} ${grant.grant.where}`;
            report({
                resource: grant.resource,
                message: `${at} grants '${grant.grant.role}' ${LEVEL_TEXT[level]} to function identity ${identitiesText(grant.identities)}; the role ${reasons.join(", ")}`,
                key: { kind: "Role", value: grant.grant.role },
            });
        }
    },
});
