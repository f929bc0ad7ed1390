/**
 * Plans the IAM members of a GcpFunction as data: for each grant, which role on which target with
 * which condition. Pure (no resources are created here), so the plan is tested on its own and shown
 * in the component's outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { GcpGrant, GcpSecretEnvironmentVariable } from "./args";
import { GcpConditions, celString, combineConditions, type RenderedCondition } from "./conditions";
import { GCP_TARGETS, gcpAccessEntry, type GcpTargetKind } from "./grants";
import { gcpTargetProblem } from "./targets";

/** Where a planned member comes from: a user grant, or something the component needs itself. */
export type MemberPurpose =
    "grant" | "secret-environment" | "baseline" | "public" | "build" | "trigger";

export interface PlannedMember {
    /** Stable key; the child resource is named `<component>-<key>`. */
    readonly key: string;
    readonly purpose: MemberPurpose;
    /** The grant name, for grants. */
    readonly grant?: string;
    readonly access?: string;
    readonly role: string;
    readonly target: GcpTargetKind | "project" | "repository";
    /** The Pulumi type token of the IAM member resource. */
    readonly memberType: string;
    /** The target: bucket, topic ID, secret ID, key ID, service name, project or repository. */
    readonly resource: pulumi.Input<string>;
    readonly member: pulumi.Input<string>;
    /** Set where the IAM member takes a project next to a short resource ID. */
    readonly project?: pulumi.Input<string>;
    readonly location?: pulumi.Input<string>;
    readonly condition?: RenderedCondition;
}

export interface PlanContext {
    /** `serviceAccount:<email>` of the runtime account. */
    readonly member: pulumi.Input<string>;
    readonly project: pulumi.Input<string>;
    /** The component's name, for the message when a target resolves to something it cannot be. */
    readonly component?: string;
}

export const PROJECT_MEMBER_TYPE = "gcp:projects/iAMMember:IAMMember";

/** One additive IAM member per grant, on the grant's target, in the order the grants are given. */
export function planGcpGrants(grants: readonly GcpGrant[], context: PlanContext): PlannedMember[] {
    return grants.map((grant) => {
        const entry = gcpAccessEntry(grant.access);
        if (!entry) {
            throw new Error(`unvalidated access level '${grant.access}' reached the planner`);
        }
        // Checked once it resolves, as literals were before anything was created: an Output that
        // resolves to a wildcard or to another kind of resource fails the update instead of
        // becoming an IAM member.
        const resource =
            typeof grant.resource === "string"
                ? grant.resource
                : pulumi.output(grant.resource).apply((value) => {
                      const problem = gcpTargetProblem(entry, value);
                      if (problem !== undefined) {
                          throw new Error(
                              `GcpFunction '${context.component ?? "?"}' has a problem with its arguments once its targets are known:\n` +
                                  `  - \`grants\` '${grant.name}' (${grant.access}): the resource ${problem}`,
                          );
                      }
                      return value;
                  });
        const conditions = [...(grant.conditions ?? [])];
        if (grant.prefix !== undefined) {
            conditions.unshift(GcpConditions.objectPrefix(resource, grant.prefix));
        }
        const base = {
            key: `grant-${grant.name}`,
            purpose: "grant" as const,
            grant: grant.name,
            access: grant.access,
            role: entry.role,
            target: entry.target,
            memberType: GCP_TARGETS[entry.target].memberType,
            member: context.member,
        };
        if (entry.target === "firestoreDatabase") {
            // No IAM policy on a Firestore database: bound on the project, limited to the database.
            conditions.unshift(firestoreDatabaseCondition(resource, context.project));
            return {
                ...base,
                resource: context.project,
                condition: combineConditions(conditions),
            };
        }
        const condition = combineConditions(conditions);
        return { ...base, resource, ...(condition ? { condition } : {}) };
    });
}

/** secretAccessor on each secret the function reads into its environment. */
export function planSecretEnvironment(
    secrets: readonly GcpSecretEnvironmentVariable[],
    context: PlanContext,
): PlannedMember[] {
    return secrets.map((secret) => ({
        key: `secret-${secret.key.toLowerCase().replace(/_/g, "-")}`,
        purpose: "secret-environment",
        access: "secretmanager:read",
        role: "roles/secretmanager.secretAccessor",
        target: "secret",
        memberType: GCP_TARGETS.secret.memberType,
        resource: secret.secret,
        project: context.project,
        member: context.member,
    }));
}

/** Limits a project-level Firestore role to one database (`(default)` or a full database name). */
export function firestoreDatabaseCondition(
    database: pulumi.Input<string>,
    project: pulumi.Input<string>,
): { title: string; description: string; expression: pulumi.Output<string> } {
    const name = pulumi
        .all([database, project])
        .apply(([d, p]) => (d.startsWith("projects/") ? d : `projects/${p}/databases/${d}`));
    return {
        title: "One Firestore database",
        description: "Firestore databases have no IAM policy; the project grant is limited to one.",
        expression: name.apply((n) => `resource.name == ${celString(n)}`),
    };
}

/**
 * What the runtime identity was meant to hold, as plain data known even in preview (no Outputs): the
 * policy pack's identity graph compares it with what the identity effectively holds.
 */
export interface DeclaredGcpAccess {
    readonly key: string;
    readonly purpose: MemberPurpose;
    readonly role: string;
    readonly grant?: string;
    readonly access?: string;
}

const RUNTIME_PURPOSES: ReadonlySet<MemberPurpose> = new Set([
    "grant",
    "secret-environment",
    "baseline",
]);

/** The planned members of the runtime identity (not the build, trigger or public ones). */
export function declaredAccessOf(planned: readonly PlannedMember[]): DeclaredGcpAccess[] {
    return planned
        .filter((p) => RUNTIME_PURPOSES.has(p.purpose))
        .map((p) => ({
            key: p.key,
            purpose: p.purpose,
            role: p.role,
            ...(p.grant !== undefined ? { grant: p.grant } : {}),
            ...(p.access !== undefined ? { access: p.access } : {}),
        }));
}

/** The services whose Data Access logs record what the planned members allow. */
export function auditServicesOf(planned: readonly PlannedMember[]): string[] {
    const services = new Set(["cloudfunctions.googleapis.com", "run.googleapis.com"]);
    for (const p of planned) {
        if (p.target !== "project" && p.target !== "repository") {
            services.add(GCP_TARGETS[p.target].auditService);
        }
    }
    return [...services].sort();
}
