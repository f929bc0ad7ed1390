/**
 * The identity graph of a stack: one model for the stack policies and for the `perimeter` command.
 *
 * Nodes are functions (Lambda, Function App, Cloud Functions gen1/gen2, Cloud Run), the identities
 * they run as, the target resources those identities are granted access to, and one `public` node
 * (anyone). Edges:
 * - `runs-as`: function → identity;
 * - `granted`: identity → target, with the effective permissions and the conditions of one grant;
 * - `can-invoke`: identity → function (AWS identity policies and Lambda permissions, GCP invoker
 *   members, Azure Easy Auth allowed identities);
 * - `public`: the public node → function (anyone may invoke it).
 *
 * Each cloud contributes a `GraphPart` (graph/aws.ts, graph/azure.ts, graph/gcp.ts); graph/build.ts
 * merges them. Parts link resources by value when values are known and by property dependencies
 * (URNs) when they are unknown during preview, and never throw on any property bag.
 */

export type Cloud = "aws" | "azure" | "gcp";

/** Risk categories of a permission, most dangerous first. */
export const RISK_CATEGORIES = [
    "privilegeEscalation",
    "permissionsManagement",
    "credentialsExposure",
    "dataExfiltration",
    "write",
    "read",
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** How reports name a category. */
export const RISK_CATEGORY_LABELS: Readonly<Record<RiskCategory, string>> = {
    privilegeEscalation: "privilege escalation",
    permissionsManagement: "permissions management",
    credentialsExposure: "credentials exposure",
    dataExfiltration: "data exfiltration",
    write: "write",
    read: "read",
};

export type NodeKind = "function" | "identity" | "resource" | "public";

export interface GraphNode {
    /** The URN for a resource of the stack; otherwise `<cloud>:<kind>:<value>` (e.g. an ARN outside the stack). */
    readonly id: string;
    readonly kind: NodeKind;
    /** null for the public node. */
    readonly cloud: Cloud | null;
    /** How reports name it: the resource name, an email, the last part of an ARN or scope. */
    readonly label: string;
    /** The Pulumi type token, for a resource of the stack. */
    readonly type?: string;
    readonly urn?: string;
}

/** One effective permission: an action (AWS action, Azure action, GCP permission) on a resource. */
export interface Permission {
    readonly action: string;
    /** ARN, Azure scope, GCP resource name, or `*`. */
    readonly resource: string;
    /** Empty for permissions in no risk category (e.g. List or Tagging). */
    readonly categories: readonly RiskCategory[];
}

export interface RunsAsEdge {
    readonly kind: "runs-as";
    readonly from: string;
    readonly to: string;
}

export interface GrantedEdge {
    readonly kind: "granted";
    readonly from: string;
    readonly to: string;
    /** URN of the resource that makes the grant (role policy, role assignment, IAM member, ...). */
    readonly via?: string;
    /** What was granted, as a person reads it: `s3:GetObject, s3:ListBucket`, `Storage Blob Data Reader`, `roles/run.invoker`. */
    readonly access: string;
    /** The access level of the grant (read, write, permissions management, ...), the highest risk first. */
    readonly level: RiskCategory | "other";
    readonly permissions: readonly Permission[];
    /** Conditions as a person reads them; empty when unconditional. */
    readonly conditions: readonly string[];
    /**
     * The graph knows only part of what the grant gives: an AWS managed policy (the pack keeps its
     * wildcard and escalation statements), a GCP predefined role the pack lists only in part, a role
     * or document not known yet. `permissions` is then a lower bound, never all it allows.
     */
    readonly partial?: true;
}

export interface CanInvokeEdge {
    readonly kind: "can-invoke";
    readonly from: string;
    readonly to: string;
    readonly via?: string;
    readonly conditions: readonly string[];
}

export interface PublicEdge {
    readonly kind: "public";
    readonly from: typeof PUBLIC_NODE_ID;
    readonly to: string;
    readonly via?: string;
    /** Why anyone may invoke it: `function URL with authType NONE`, `allUsers has roles/run.invoker`. */
    readonly reason: string;
}

export type GraphEdge = RunsAsEdge | GrantedEdge | CanInvokeEdge | PublicEdge;

export const PUBLIC_NODE_ID = "public";

/** Counts of effective permissions per risk category. */
export type RiskCounts = Readonly<Record<RiskCategory, number>>;

/**
 * For functions built with our components: the access the program declared (grants) against what the
 * identity effectively holds. `ratio` = granted / declared; 1 is least privilege.
 */
export interface DeclaredAccess {
    readonly declared: number;
    readonly granted: number;
    readonly ratio: number;
}

export interface FunctionProfile {
    /** The function node's id. */
    readonly functionId: string;
    readonly identityIds: readonly string[];
    /** The effective permissions of the function's identities, without duplicates. */
    readonly permissions: readonly Permission[];
    readonly risk: RiskCounts;
    readonly declared?: DeclaredAccess;
    /** false when some grant of the identity could not be read (an unknown value during preview). */
    readonly complete: boolean;
    /**
     * What could not be read, as a person reads it: a document unknown in preview, a customer-managed
     * policy outside the stack, ... (AWS; absent where a cloud does not say).
     */
    readonly unreadable?: readonly string[];
}

/**
 * Who may invoke which function, without an object per edge: what the call chains walk. A role
 * allowed `*` may invoke every function, so `can-invoke` edges grow with such roles × functions; a
 * part may build its edges only when they are read (the reports do, the pack's rules do not).
 */
export interface InvokeLists {
    /** The functions each identity may invoke (its `can-invoke` targets), each once. */
    readonly byIdentity: ReadonlyMap<string, readonly string[]>;
    /** The functions anyone may invoke (`public` targets), each once. */
    readonly publicCallees: readonly string[];
}

/** What one cloud contributes. */
export interface GraphPart {
    readonly nodes: readonly GraphNode[];
    readonly edges: readonly GraphEdge[];
    readonly functions: readonly FunctionProfile[];
    /** The same invocations as `edges`, when the part has them without reading its edges. */
    readonly invokes?: InvokeLists;
}

export interface IdentityGraph extends GraphPart {
    /** Nodes by id. */
    readonly nodeById: ReadonlyMap<string, GraphNode>;
}

/** The invocations a list of edges holds. */
export function invokesOf(edges: readonly GraphEdge[]): InvokeLists {
    const byIdentity = new Map<string, Set<string>>();
    const publicCallees = new Set<string>();
    for (const edge of edges) {
        if (edge.kind === "can-invoke") {
            const callees = byIdentity.get(edge.from);
            if (callees === undefined) byIdentity.set(edge.from, new Set([edge.to]));
            else callees.add(edge.to);
        } else if (edge.kind === "public") {
            publicCallees.add(edge.to);
        }
    }
    return {
        byIdentity: new Map([...byIdentity].map(([id, callees]) => [id, [...callees]])),
        publicCallees: [...publicCallees],
    };
}

export function riskCounts(permissions: readonly Permission[]): RiskCounts {
    // Permission lists are shared between identities with the same statements: count each once.
    let counts = riskCountsOf.get(permissions);
    if (counts === undefined) {
        counts = countRisks(permissions);
        riskCountsOf.set(permissions, counts);
    }
    return counts;
}

const riskCountsOf = new WeakMap<readonly Permission[], RiskCounts>();

function countRisks(permissions: readonly Permission[]): RiskCounts {
    const counts: Record<RiskCategory, number> = {
        privilegeEscalation: 0,
        permissionsManagement: 0,
        credentialsExposure: 0,
        dataExfiltration: 0,
        write: 0,
        read: 0,
    };
    for (const permission of permissions) {
        for (const category of permission.categories) {
            counts[category] += 1;
        }
    }
    return counts;
}

/** The stable key of a permission, for sets and for deduplication. */
export function permissionKey(permission: Permission): string {
    return `${permission.action} on ${permission.resource}`;
}
