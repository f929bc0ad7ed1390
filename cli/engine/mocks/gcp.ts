/**
 * Computed outputs of Google Cloud resources: service account emails and members, Cloud Functions v2
 * URLs and their underlying Cloud Run service, bucket and topic names, IAM etags. Property names follow
 * @pulumi/gcp.
 */
import type { MockContext, MockResult, OutputRule } from "./context";

function project(c: MockContext): string {
    return c.input("project") ?? c.clouds.gcp.project;
}

function location(c: MockContext): string {
    return c.input("location") ?? c.input("region") ?? c.clouds.gcp.region;
}

/** The account a function or service runs as when none is given: the default compute account. */
function defaultComputeAccount(c: MockContext): string {
    return `${c.clouds.gcp.projectNumber}-compute@developer.gserviceaccount.com`;
}

function objectInput(c: MockContext, key: string): Record<string, unknown> {
    const value = c.inputs[key];
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

const serviceAccount: OutputRule = (c) => {
    const accountId = c.input("accountId") ?? c.physicalName().slice(0, 30);
    const email = `${accountId}@${project(c)}.iam.gserviceaccount.com`;
    const name = `projects/${project(c)}/serviceAccounts/${email}`;
    return {
        id: name,
        outputs: {
            accountId,
            project: project(c),
            email: c.computed(email),
            member: c.computed(`serviceAccount:${email}`),
            name: c.computed(name),
            uniqueId: c.computed(c.digits(21, "unique")),
        },
    };
};

const functionV2: OutputRule = (c): MockResult => {
    const name = c.physicalName();
    const id = `projects/${project(c)}/locations/${location(c)}/functions/${name}`;
    const url = `https://${name}-${c.hex(10, "url")}-uc.a.run.app`;
    const serviceConfig = objectInput(c, "serviceConfig");
    const buildConfig = objectInput(c, "buildConfig");
    return {
        id,
        outputs: {
            name,
            location: location(c),
            project: project(c),
            environment: "GEN_2",
            state: c.computed("ACTIVE"),
            url: c.computed(url),
            serviceConfig: {
                ...serviceConfig,
                // Functions v2 run on a Cloud Run service of the same name; run.invoker is granted on it.
                service: c.computed(
                    `projects/${project(c)}/locations/${location(c)}/services/${name}`,
                ),
                uri: c.computed(url),
                serviceAccountEmail:
                    serviceConfig.serviceAccountEmail ?? c.computed(defaultComputeAccount(c)),
            },
            ...(Object.keys(buildConfig).length > 0
                ? {
                      buildConfig: {
                          ...buildConfig,
                          serviceAccount:
                              buildConfig.serviceAccount ??
                              c.computed(
                                  `projects/${project(c)}/serviceAccounts/${defaultComputeAccount(c)}`,
                              ),
                      },
                  }
                : {}),
        },
    };
};

/** `projects/<project>/<collection>/<name>` resources such as topics and subscriptions. */
function projectScoped(collection: string, nameKey = "name"): OutputRule {
    return (c) => {
        const name = c.physicalName(nameKey);
        return {
            id: `projects/${project(c)}/${collection}/${name}`,
            outputs: { [nameKey]: name, project: project(c) },
        };
    };
}

export const gcpOutputs: Readonly<Record<string, OutputRule>> = {
    "gcp:serviceaccount/account:Account": serviceAccount,
    "gcp:serviceaccount/key:Key": (c) => ({
        id: `projects/${project(c)}/serviceAccounts/${c.input("serviceAccountId") ?? "account"}/keys/${c.hex(40, "key")}`,
        outputs: {
            privateKey: c.computed(c.hex(64, "private")),
            name: c.computed(c.hex(40, "key")),
        },
    }),
    "gcp:cloudfunctionsv2/function:Function": functionV2,
    "gcp:cloudfunctions/function:Function": (c) => {
        const name = c.physicalName();
        const region = c.input("region") ?? c.clouds.gcp.region;
        return {
            id: `projects/${project(c)}/locations/${region}/functions/${name}`,
            outputs: {
                name,
                region,
                httpsTriggerUrl: c.computed(
                    `https://${region}-${project(c)}.cloudfunctions.net/${name}`,
                ),
                // First-generation functions default to the App Engine default service account.
                serviceAccountEmail:
                    c.input("serviceAccountEmail") ??
                    c.computed(`${project(c)}@appspot.gserviceaccount.com`),
            },
        };
    },
    "gcp:cloudrunv2/service:Service": (c) => {
        const name = c.physicalName();
        const template = objectInput(c, "template");
        return {
            id: `projects/${project(c)}/locations/${location(c)}/services/${name}`,
            outputs: {
                name,
                uri: c.computed(`https://${name}-${c.hex(10, "url")}-uc.a.run.app`),
                template: {
                    ...template,
                    serviceAccount: template.serviceAccount ?? c.computed(defaultComputeAccount(c)),
                },
            },
        };
    },
    "gcp:storage/bucket:Bucket": (c) => {
        const name = c.physicalName().toLowerCase();
        return {
            id: name,
            outputs: {
                name,
                project: project(c),
                url: c.computed(`gs://${name}`),
                selfLink: c.computed(`https://www.googleapis.com/storage/v1/b/${name}`),
            },
        };
    },
    "gcp:pubsub/topic:Topic": projectScoped("topics"),
    "gcp:pubsub/subscription:Subscription": projectScoped("subscriptions"),
    "gcp:secretmanager/secret:Secret": (c) => {
        const secretId = c.physicalName("secretId");
        return {
            id: `projects/${project(c)}/secrets/${secretId}`,
            outputs: {
                secretId,
                name: c.computed(`projects/${c.clouds.gcp.projectNumber}/secrets/${secretId}`),
            },
        };
    },
    "gcp:kms/keyRing:KeyRing": (c) => {
        const name = c.physicalName();
        return {
            id: `projects/${project(c)}/locations/${location(c)}/keyRings/${name}`,
            outputs: { name },
        };
    },
    "gcp:kms/cryptoKey:CryptoKey": (c) => {
        const name = c.physicalName();
        return { id: `${c.input("keyRing") ?? "keyRing"}/cryptoKeys/${name}`, outputs: { name } };
    },
};

/** IAM members, bindings and policies on any GCP resource: the provider returns an etag. */
export const gcpIamRule: OutputRule = (c) => {
    const target = [
        "bucket",
        "topic",
        "subscription",
        "secretId",
        "cryptoKeyId",
        "repository",
        "name",
        "serviceAccountId",
        "project",
    ]
        .map((key) => c.input(key))
        .find((value) => value !== undefined);
    const id = [target ?? project(c), c.input("role"), c.input("member")].filter(Boolean).join("/");
    return { id, outputs: { etag: c.computed(`BwX${c.hex(9, "etag")}`) } };
};

export function isGcpIamType(type: string): boolean {
    // Older resources spell it IAMMember, newer ones IamMember (secretmanager, cloudrunv2, artifactregistry).
    return type.startsWith("gcp:") && /:[A-Za-z]*(IAM|Iam)(Member|Binding|Policy)$/.test(type);
}
