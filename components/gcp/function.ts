/**
 * GcpFunction: a Cloud Functions (2nd gen) function that runs as its own service account with only
 * the access its grants name, builds as a separate account, and is internal-only unless declared
 * public.
 */
// Submodules, not the package index: the index loads every GCP service (~0.4 s).
import * as artifactregistry from "@pulumi/gcp/artifactregistry";
import * as cloudfunctionsv2 from "@pulumi/gcp/cloudfunctionsv2";
import * as organizations from "@pulumi/gcp/organizations";
import * as storage from "@pulumi/gcp/storage";
import type * as gcpInputs from "@pulumi/gcp/types/input";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentProblems, childName, componentName } from "../core";
import {
    baselineMembers,
    functionIdentities,
    callerMembers,
    planBuildMembers,
    planTriggerReceiver,
    type Identity,
} from "./accounts";
import type { GcpFunctionArgs, GcpGrant } from "./args";
import { createIamMember, plannedAsData, type PlannedIamMember } from "./members";
import {
    auditServicesOf,
    declaredAccessOf,
    planGcpGrants,
    planSecretEnvironment,
    type DeclaredGcpAccess,
    type PlannedMember,
} from "./plan";
import type { GcpFunctionShape } from "./shape";
import { callerVariable, validateGcpFunctionArgs } from "./validate";
import { deriveRepositoryId } from "./identity";

export class GcpFunction extends pulumi.ComponentResource implements GcpFunctionShape {
    public readonly function: cloudfunctionsv2.Function;
    /** The runtime service account's email. */
    public readonly serviceAccountEmail: pulumi.Output<string>;
    /** `serviceAccount:<email>` of the runtime account: what grants bind. */
    public readonly serviceAccountMember: pulumi.Output<string>;
    /** The account builds run as; never the runtime account. */
    public readonly buildServiceAccountEmail: pulumi.Output<string>;
    /** The Cloud Run service the function serves from: `projects/<p>/locations/<l>/services/<s>`. */
    public readonly serviceName: pulumi.Output<string>;
    /** The HTTPS URL; also the audience of ID tokens for calling it. */
    public readonly url: pulumi.Output<string>;
    /** true only when `public: true` was said: allUsers may invoke it. */
    public readonly public: boolean;
    public readonly ingress: string;
    /** Every IAM member the component created, as data: target, role, member, condition. */
    public readonly iamMembers: pulumi.Output<PlannedIamMember[]>;
    /** The roles the runtime identity was meant to hold (grants, secrets, baseline), known in preview. */
    public readonly declaredAccess: readonly DeclaredGcpAccess[];
    /** The services whose Data Access logs record this function's access (for GcpAuditLogs). */
    public readonly auditServices: readonly string[];

    constructor(name: string, args: GcpFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("perimeter:index:GcpFunction", componentName("GcpFunction", name), {}, opts);
        const gcpConfig = new pulumi.Config("gcp");
        const problems = new ArgumentProblems();
        const grants = validateGcpFunctionArgs(name, args, gcpConfig.get("region"), problems);
        problems.throwIfAny("GcpFunction", name, this);

        const region = args.region ?? gcpConfig.require("region");
        const project = resolveProject(args, gcpConfig, this);
        this.public = args.public === true;
        this.ingress = args.ingress ?? (this.public ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY");
        const { runtime, build, trigger } = functionIdentities(name, args, project, this);
        const repository = buildRepository(name, args, build, project, region, this);
        const built: GcpFunctionArgs = { ...args, dockerRepository: repository };
        const accounts = { runtime, build, trigger };
        const before = membersBeforeFunction(name, built, grants, project, region, accounts);
        const created = before.map((p) =>
            createIamMember(childName(name, p.key), p, { parent: this }),
        );
        const source = args.sourceObject ?? sourceObject(name, args, this);

        // The function must not run before its permissions exist.
        this.function = new cloudfunctionsv2.Function(
            name,
            functionArgsOf(built, region, source, build, trigger, {
                labels: functionLabels(name, args, this.public),
                serviceConfig: serviceConfigOf(args, grants, runtime, project, this.ingress),
            }),
            { parent: this, dependsOn: created },
        );

        this.serviceName = this.function.serviceConfig.apply((s) => s?.service ?? "");
        this.url = this.function.url;
        const after = callerMembers(this.public, this.serviceName, trigger);
        for (const p of after) {
            createIamMember(childName(name, p.key), p, { parent: this });
        }

        this.serviceAccountEmail = runtime.email;
        this.serviceAccountMember = runtime.member;
        this.buildServiceAccountEmail = build.email;
        this.iamMembers = plannedAsData([...before, ...after]);
        this.auditServices = auditServicesOf(before);
        this.declaredAccess = declaredAccessOf(before);
        this.registerOutputs({
            functionName: this.function.name,
            serviceAccountEmail: this.serviceAccountEmail,
            buildServiceAccountEmail: this.buildServiceAccountEmail,
            serviceName: this.serviceName,
            url: this.url,
            public: this.public,
            ingress: this.ingress,
            iamMembers: this.iamMembers,
            declaredAccess: this.declaredAccess,
        });
    }

    /**
     * A `run:invoke` grant on this function for a caller: roles/run.invoker on its Cloud Run service,
     * and its URL in the caller's environment (`<NAME>_URL` unless `environmentVariable` is given).
     *
     * @example
     * new GcpFunction("api", { ..., grants: [store.invokeGrant("store")] }); // api gets STORE_URL
     */
    invokeGrant(name: string, environmentVariable?: string): GcpGrant {
        return {
            name,
            access: "run:invoke",
            resource: this.serviceName,
            url: this.url,
            calleeIngress: this.ingress,
            ...(environmentVariable !== undefined ? { environmentVariable } : {}),
        };
    }
}

/** The function itself: build from the source with the build account, run as set, and its trigger. */
function functionArgsOf(
    args: GcpFunctionArgs,
    region: string,
    source: pulumi.Input<string>,
    build: Identity,
    trigger: Identity | undefined,
    extra: Pick<cloudfunctionsv2.FunctionArgs, "labels" | "serviceConfig">,
): cloudfunctionsv2.FunctionArgs {
    return {
        ...(args.functionName !== undefined ? { name: args.functionName } : {}),
        ...(args.project !== undefined ? { project: args.project } : {}),
        location: region,
        ...(args.description !== undefined ? { description: args.description } : {}),
        ...extra,
        buildConfig: {
            runtime: args.runtime,
            entryPoint: args.entryPoint,
            source: { storageSource: { bucket: args.sourceBucket, object: source } },
            serviceAccount: build.resourceName,
            ...(args.dockerRepository !== undefined
                ? { dockerRepository: args.dockerRepository }
                : {}),
        },
        ...(args.eventTrigger && trigger
            ? {
                  eventTrigger: {
                      eventType: args.eventTrigger.eventType,
                      eventFilters: (args.eventTrigger.eventFilters ?? []).map((f) => ({
                          attribute: f.attribute,
                          value: f.value,
                      })),
                      ...(args.eventTrigger.pubsubTopic !== undefined
                          ? { pubsubTopic: args.eventTrigger.pubsubTopic }
                          : {}),
                      retryPolicy: args.eventTrigger.retryPolicy ?? "RETRY_POLICY_DO_NOT_RETRY",
                      serviceAccountEmail: trigger.email,
                  },
              }
            : {}),
    };
}

function resolveProject(
    args: GcpFunctionArgs,
    config: pulumi.Config,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    if (args.project !== undefined) {
        return pulumi.output(args.project);
    }
    const configured = config.get("project");
    return configured !== undefined
        ? pulumi.output(configured)
        : organizations.getClientConfigOutput({ parent }).project;
}

function serviceConfigOf(
    args: GcpFunctionArgs,
    grants: readonly GcpGrant[],
    runtime: Identity,
    project: pulumi.Output<string>,
    ingress: string,
): gcpInputs.cloudfunctionsv2.FunctionServiceConfig {
    // A caller with run:invoke gets the callee's URL: the audience of the ID token it must send.
    const callees = Object.fromEntries(
        grants.flatMap((g) =>
            g.access === "run:invoke" && g.url ? [[callerVariable(g), g.url]] : [],
        ),
    );
    const environment = { ...args.environment, ...callees };
    const secrets = args.secretEnvironment ?? [];
    return {
        serviceAccountEmail: runtime.email,
        availableMemory: args.memory ?? "256M",
        timeoutSeconds: args.timeoutSeconds ?? 60,
        maxInstanceCount: args.maxInstances ?? 100,
        ingressSettings: ingress,
        allTrafficOnLatestRevision: true,
        ...(Object.keys(environment).length > 0 ? { environmentVariables: environment } : {}),
        ...(secrets.length > 0
            ? {
                  secretEnvironmentVariables: secrets.map((s) => ({
                      key: s.key,
                      secret: s.secret,
                      version: s.version ?? "latest",
                      projectId: project,
                  })),
              }
            : {}),
        ...(args.vpcConnector !== undefined
            ? {
                  vpcConnector: args.vpcConnector,
                  vpcConnectorEgressSettings: args.vpcConnectorEgress ?? "PRIVATE_RANGES_ONLY",
              }
            : {}),
        ...(args.directVpc !== undefined
            ? {
                  directVpcNetworkInterfaces: [
                      {
                          network: args.directVpc.network,
                          subnetwork: args.directVpc.subnetwork,
                          tags: args.directVpc.tags,
                      },
                  ],
                  directVpcEgress: `VPC_EGRESS_${args.directVpc.egress ?? "PRIVATE_RANGES_ONLY"}`,
              }
            : {}),
    };
}

/**
 * What must be granted before the function runs: the runtime account's baseline and grants, its
 * secrets, the build account's roles and the trigger's receiver role.
 */
function membersBeforeFunction(
    name: string,
    args: GcpFunctionArgs,
    grants: readonly GcpGrant[],
    project: pulumi.Output<string>,
    region: string,
    accounts: { runtime: Identity; build: Identity; trigger: Identity | undefined },
): PlannedMember[] {
    const { runtime, build, trigger } = accounts;
    const context = { member: runtime.member, project, component: name };
    return [
        ...baselineMembers(args, runtime.member, project),
        ...planGcpGrants(grants, context),
        ...planSecretEnvironment(args.secretEnvironment ?? [], context),
        ...(build.account ? planBuildMembers(args, build, project, region) : []),
        ...(trigger?.account ? [planTriggerReceiver(trigger, project)] : []),
    ];
}

/** The uploaded source archive, in the bucket the program names. */
function sourceObject(
    name: string,
    args: GcpFunctionArgs,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    return new storage.BucketObject(
        `${name}-source`,
        {
            bucket: args.sourceBucket,
            source: args.sourceArchive,
            metadata: { [FUNCTION_LABEL]: name },
        },
        { parent },
    ).name;
}

/**
 * The label every labelable child carries (the function, its image repository; the source object as
 * metadata): the component's name, so audits and automation tie each resource to its function.
 * Service accounts take no labels; their descriptions name the function.
 */
export const FUNCTION_LABEL = "perimeter-function";

/** The function's labels: whose it is, the user's (theirs win), and the public marker. */
function functionLabels(
    name: string,
    args: GcpFunctionArgs,
    isPublic: boolean,
): Record<string, string> {
    return {
        [FUNCTION_LABEL]: labelValue(name),
        ...args.labels,
        ...(isPublic ? { "perimeter-public": "true" } : {}),
    };
}

/**
 * A GCP label value: at most 63 lower-case letters, digits, `-` and `_`
 * (https://cloud.google.com/resource-manager/docs/labels-overview#requirements).
 */
export function labelValue(name: string): string {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, "-")
        .slice(0, 63);
}

/**
 * An Artifact Registry repository for the function's images, when the component creates the build
 * account and no `dockerRepository` is given: Cloud Functions' own `gcf-artifacts` exists only after
 * the first deployment in a region, so a writer role bound on it beforehand fails; a repository of
 * the function's own also keeps one function's build from overwriting another's images.
 */
function buildRepository(
    name: string,
    args: GcpFunctionArgs,
    build: Identity,
    project: pulumi.Output<string>,
    region: string,
    parent: pulumi.Resource,
): pulumi.Input<string> | undefined {
    if (args.dockerRepository !== undefined || build.account === undefined) {
        // The repository you name; or your own build account builds where you chose for it.
        return args.dockerRepository;
    }
    const repository = new artifactregistry.Repository(
        `${name}-images`,
        {
            repositoryId: deriveRepositoryId(name, `${pulumi.getProject()}/${pulumi.getStack()}`),
            format: "DOCKER",
            location: region,
            project,
            description: `Images of the function ${name} (Perimeter).`,
            labels: { [FUNCTION_LABEL]: labelValue(name) },
        },
        { parent },
    );
    return repository.id;
}
