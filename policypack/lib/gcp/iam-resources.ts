/**
 * The IAM resources of @pulumi/gcp the rules judge, and how to read a grant from each. Every Google
 * resource with IAM comes in three flavours with the same fields: `...IAMMember` (`role`, `member`,
 * additive), `...IAMBinding` (`role`, `members`, authoritative for the role) and `...IAMPolicy`
 * (`policyData`, authoritative for the whole resource). Type tokens and field names are checked against
 * the installed SDK by test/policypack/lib/gcp/iam-resources.test.ts.
 */

export type GcpIamLevel = "organization" | "folder" | "project" | "serviceAccount" | "resource";
export type GcpIamKind = "member" | "binding" | "policy";

export interface GcpIamResourceType {
    readonly type: string;
    readonly level: GcpIamLevel;
    readonly kind: GcpIamKind;
    /** `role` for members and bindings; policies carry roles inside `policyData`. */
    readonly roleField?: "role";
    /** `member` (member), `members` (binding); none for policies. */
    readonly memberField?: "member" | "members";
    readonly policyDataField?: "policyData";
    /** What the grant is on, for messages: `bucket`, `project`, ... */
    readonly target: string;
    /** The fields that name the target resource. */
    readonly targetFields: readonly string[];
    /** The API whose Data Access audit logs cover the target, e.g. `storage.googleapis.com`. */
    readonly apiService: string;
}

interface Family {
    /** Type token with `{K}` for Member, Binding, Policy (the SDK mixes `IAM` and `Iam`). */
    readonly pattern: string;
    readonly level: GcpIamLevel;
    readonly target: string;
    readonly targetFields: readonly string[];
    readonly apiService: string;
}

const FAMILIES: readonly Family[] = [
    {
        pattern: "gcp:organizations/iAM{K}:IAM{K}",
        level: "organization",
        target: "organization",
        targetFields: ["orgId"],
        apiService: "cloudresourcemanager.googleapis.com",
    },
    {
        pattern: "gcp:folder/iAM{K}:IAM{K}",
        level: "folder",
        target: "folder",
        targetFields: ["folder"],
        apiService: "cloudresourcemanager.googleapis.com",
    },
    {
        pattern: "gcp:projects/iAM{K}:IAM{K}",
        level: "project",
        target: "project",
        targetFields: ["project"],
        apiService: "cloudresourcemanager.googleapis.com",
    },
    {
        pattern: "gcp:serviceaccount/iAM{K}:IAM{K}",
        level: "serviceAccount",
        target: "service account",
        targetFields: ["serviceAccountId"],
        apiService: "iam.googleapis.com",
    },
    ...resourceFamilies(),
];

function resourceFamilies(): Family[] {
    const rows: [pattern: string, target: string, fields: string[], api: string][] = [
        ["gcp:storage/bucketIAM{K}:BucketIAM{K}", "bucket", ["bucket"], "storage"],
        [
            "gcp:storage/managedFolderIam{K}:ManagedFolderIam{K}",
            "managed folder",
            ["bucket", "managedFolder"],
            "storage",
        ],
        ["gcp:pubsub/topicIAM{K}:TopicIAM{K}", "topic", ["topic"], "pubsub"],
        [
            "gcp:pubsub/subscriptionIAM{K}:SubscriptionIAM{K}",
            "subscription",
            ["subscription"],
            "pubsub",
        ],
        ["gcp:pubsub/schemaIam{K}:SchemaIam{K}", "schema", ["schema"], "pubsub"],
        ["gcp:secretmanager/secretIam{K}:SecretIam{K}", "secret", ["secretId"], "secretmanager"],
        [
            "gcp:secretmanager/regionalSecretIam{K}:RegionalSecretIam{K}",
            "secret",
            ["secretId"],
            "secretmanager",
        ],
        ["gcp:kms/cryptoKeyIAM{K}:CryptoKeyIAM{K}", "crypto key", ["cryptoKeyId"], "cloudkms"],
        ["gcp:kms/keyRingIAM{K}:KeyRingIAM{K}", "key ring", ["keyRingId"], "cloudkms"],
        ["gcp:cloudrun/iam{K}:Iam{K}", "Cloud Run service", ["service"], "run"],
        ["gcp:cloudrunv2/serviceIam{K}:ServiceIam{K}", "Cloud Run service", ["name"], "run"],
        ["gcp:cloudrunv2/jobIam{K}:JobIam{K}", "Cloud Run job", ["name"], "run"],
        [
            "gcp:cloudfunctions/functionIam{K}:FunctionIam{K}",
            "function",
            ["cloudFunction"],
            "cloudfunctions",
        ],
        [
            "gcp:cloudfunctionsv2/functionIam{K}:FunctionIam{K}",
            "function",
            ["cloudFunction"],
            "cloudfunctions",
        ],
        [
            "gcp:artifactregistry/repositoryIam{K}:RepositoryIam{K}",
            "repository",
            ["repository"],
            "artifactregistry",
        ],
        ["gcp:bigquery/datasetIam{K}:DatasetIam{K}", "dataset", ["datasetId"], "bigquery"],
        ["gcp:bigquery/iam{K}:Iam{K}", "table", ["datasetId", "tableId"], "bigquery"],
        [
            "gcp:spanner/databaseIAM{K}:DatabaseIAM{K}",
            "database",
            ["instance", "database"],
            "spanner",
        ],
        ["gcp:spanner/instanceIAM{K}:InstanceIAM{K}", "instance", ["instance"], "spanner"],
        ["gcp:cloudtasks/queueIam{K}:QueueIam{K}", "queue", ["name"], "cloudtasks"],
    ];
    return rows.map(([pattern, target, targetFields, api]) => ({
        pattern,
        level: "resource",
        target,
        targetFields,
        apiService: `${api}.googleapis.com`,
    }));
}

const KINDS: readonly [GcpIamKind, string][] = [
    ["member", "Member"],
    ["binding", "Binding"],
    ["policy", "Policy"],
];

function expand(family: Family): GcpIamResourceType[] {
    return KINDS.map(([kind, suffix]) => ({
        type: family.pattern.split("{K}").join(suffix),
        level: family.level,
        kind,
        ...(kind === "policy"
            ? { policyDataField: "policyData" as const }
            : {
                  roleField: "role" as const,
                  memberField: kind === "member" ? "member" : "members",
              }),
        target: family.target,
        targetFields: family.targetFields,
        apiService: family.apiService,
    }));
}

export const GCP_IAM_RESOURCE_TYPES: readonly GcpIamResourceType[] = FAMILIES.flatMap(expand);

const BY_TYPE = new Map(GCP_IAM_RESOURCE_TYPES.map((t) => [t.type, t]));

export function gcpIamResourceType(type: string): GcpIamResourceType | undefined {
    return BY_TYPE.get(type);
}

/** The type tokens of the given levels and kinds, for a policy's `resourceTypes`. */
export function gcpIamTypes(
    filter: { levels?: readonly GcpIamLevel[]; kinds?: readonly GcpIamKind[] } = {},
): [string, ...string[]] {
    const types = GCP_IAM_RESOURCE_TYPES.filter(
        (t) =>
            (filter.levels === undefined || filter.levels.includes(t.level)) &&
            (filter.kinds === undefined || filter.kinds.includes(t.kind)),
    ).map((t) => t.type);
    const [first, ...rest] = types;
    if (first === undefined) {
        throw new Error("no GCP IAM resource type matches the filter");
    }
    return [first, ...rest];
}

/** The types that grant invoker access to functions and Cloud Run services. */
export const GCP_INVOKABLE_TARGETS = new Set(["Cloud Run service", "function"]);
