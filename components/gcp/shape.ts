/**
 * What a `GcpFunction` and a `GcpAuditLogs` offer, in types that name no provider SDK type: the
 * package root declares its classes with these, so it type-checks in a project that installed only
 * another cloud's SDK. The classes implement them; `perimeter/gcp` adds the SDK resources (`function`,
 * `auditConfigs`).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { GcpGrant } from "./args";
import type { PlannedIamMember } from "./members";
import type { DeclaredGcpAccess } from "./plan";

export interface GcpFunctionShape extends pulumi.ComponentResource {
    /** The runtime service account's email. */
    readonly serviceAccountEmail: pulumi.Output<string>;
    /** `serviceAccount:<email>` of the runtime account: what grants bind. */
    readonly serviceAccountMember: pulumi.Output<string>;
    /** The account builds run as; never the runtime account. */
    readonly buildServiceAccountEmail: pulumi.Output<string>;
    /** The Cloud Run service the function serves from: `projects/<p>/locations/<l>/services/<s>`. */
    readonly serviceName: pulumi.Output<string>;
    /** The HTTPS URL; also the audience of ID tokens for calling it. */
    readonly url: pulumi.Output<string>;
    /** true only when `public: true` was said: allUsers may invoke it. */
    readonly public: boolean;
    readonly ingress: string;
    /** Every IAM member the component created, as data: target, role, member, condition. */
    readonly iamMembers: pulumi.Output<PlannedIamMember[]>;
    /** The roles the runtime identity was meant to hold (grants, secrets, baseline), known in preview. */
    readonly declaredAccess: readonly DeclaredGcpAccess[];
    /** The services whose Data Access logs record this function's access (for GcpAuditLogs). */
    readonly auditServices: readonly string[];
    /** The grant a caller needs to call this function: `run:invoke` on its service, with its URL. */
    invokeGrant(name: string, environmentVariable?: string): GcpGrant;
}

export interface GcpAuditLogsShape extends pulumi.ComponentResource {
    /** The services whose Data Access logs are on, sorted. */
    readonly services: readonly string[];
}
