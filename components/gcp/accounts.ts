/**
 * The service accounts around a GcpFunction: the runtime identity, the build identity (never the
 * runtime one, so build permissions never reach the running code) and the Eventarc trigger identity,
 * with the few members each needs, planned as data.
 */
import * as organizations from "@pulumi/gcp/organizations";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as pulumi from "@pulumi/pulumi";
import type { GcpFunctionArgs } from "./args";
import { GCP_TARGETS } from "./grants";
import { deriveAccountId, serviceAccountResourceName } from "./identity";
import { PROJECT_MEMBER_TYPE, type PlannedMember } from "./plan";

export interface Identity {
    readonly email: pulumi.Output<string>;
    readonly member: pulumi.Output<string>;
    /** `projects/<p>/serviceAccounts/<email>`. */
    readonly resourceName: pulumi.Output<string>;
    readonly account?: serviceaccount.Account;
}

interface AccountSpec {
    readonly resourceName: string;
    readonly accountId: string;
    readonly displayName: string;
    readonly description: string;
    readonly project?: pulumi.Input<string>;
}

/** A new account, or the email given; never a default account (the args check rejects those). */
export function identityOf(
    given: pulumi.Input<string> | undefined,
    spec: AccountSpec,
    project: pulumi.Output<string>,
    parent: pulumi.Resource,
): Identity {
    if (given !== undefined) {
        const email = pulumi.output(given);
        return {
            email,
            member: email.apply((e) => `serviceAccount:${e}`),
            resourceName: pulumi
                .all([project, email])
                .apply(([p, e]) => serviceAccountResourceName(p, e)),
        };
    }
    const account = new serviceaccount.Account(
        spec.resourceName,
        {
            accountId: spec.accountId,
            displayName: spec.displayName,
            description: spec.description,
            ...(spec.project !== undefined ? { project: spec.project } : {}),
        },
        { parent },
    );
    return { email: account.email, member: account.member, resourceName: account.name, account };
}

export function projectMember(
    key: string,
    purpose: PlannedMember["purpose"],
    role: string,
    member: pulumi.Input<string>,
    project: pulumi.Input<string>,
): PlannedMember {
    return {
        key,
        purpose,
        role,
        target: "project",
        memberType: PROJECT_MEMBER_TYPE,
        resource: project,
        member,
    };
}

/**
 * What a build account the component created needs, and nothing more (Cloud Functions "custom build
 * service account" guide): write build logs, read the source object, push the image.
 */
export function planBuildMembers(
    args: GcpFunctionArgs,
    build: Identity,
    project: pulumi.Output<string>,
    region: string,
): PlannedMember[] {
    const repository: pulumi.Input<string> = args.dockerRepository ?? "gcf-artifacts";
    return [
        projectMember(
            "build-log-writer",
            "build",
            "roles/logging.logWriter",
            build.member,
            project,
        ),
        {
            key: "build-source-reader",
            purpose: "build",
            role: "roles/storage.objectViewer",
            target: "bucket",
            memberType: GCP_TARGETS.bucket.memberType,
            resource: args.sourceBucket,
            member: build.member,
        },
        // Gen2 deployments copy the source to `gcf-v2-sources-<project number>-<region>` and the
        // build reads it there (Cloud Run functions, "Build process overview"); objectViewer is the
        // storage role the custom build account page lists ("Custom Service Account for Cloud Build",
        // https://cloud.google.com/functions/docs/securing/build-custom-sa), here on that bucket only.
        {
            key: "build-staged-source-reader",
            purpose: "build",
            role: "roles/storage.objectViewer",
            target: "bucket",
            memberType: GCP_TARGETS.bucket.memberType,
            resource: pulumi.interpolate`gcf-v2-sources-${projectNumber(project)}-${region}`,
            member: build.member,
        },
        {
            key: "build-image-writer",
            purpose: "build",
            role: "roles/artifactregistry.writer",
            target: "repository",
            memberType: "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
            resource: repository,
            member: build.member,
            // A full repository name carries its project and location; the default one needs both.
            ...(args.dockerRepository === undefined ? { project, location: region } : {}),
        },
    ];
}

/** The project's number, which names the buckets Cloud Functions keeps per region. */
function projectNumber(project: pulumi.Output<string>): pulumi.Output<string> {
    return project.apply((projectId) => organizations.getProjectOutput({ projectId }).number);
}

/** Eventarc delivers events as the trigger account, which must be an event receiver. */
export function planTriggerReceiver(
    trigger: Identity,
    project: pulumi.Output<string>,
): PlannedMember {
    return projectMember(
        "trigger-event-receiver",
        "trigger",
        "roles/eventarc.eventReceiver",
        trigger.member,
        project,
    );
}

/** run.invoker on this function's own Cloud Run service, for `member` (allUsers or the trigger). */
export function invokerOnService(
    key: string,
    purpose: PlannedMember["purpose"],
    service: pulumi.Output<string>,
    member: pulumi.Input<string>,
): PlannedMember {
    return {
        key,
        purpose,
        role: "roles/run.invoker",
        target: "runService",
        memberType: GCP_TARGETS.runService.memberType,
        resource: service,
        member,
    };
}

export function accountIds(
    name: string,
    args: GcpFunctionArgs,
): { runtime: string; build: string; trigger: string } {
    // Unique per project and stack: several stacks may deploy to one Google Cloud project.
    const scope = `${pulumi.getProject()}/${pulumi.getStack()}`;
    return {
        runtime: args.serviceAccountId ?? deriveAccountId(name, "", scope),
        build: deriveAccountId(name, "build", scope),
        trigger: deriveAccountId(name, "trigger", scope),
    };
}

/** The accounts a function runs, builds and (with an event trigger) receives events as. */
export function functionIdentities(
    name: string,
    args: GcpFunctionArgs,
    project: pulumi.Output<string>,
    parent: pulumi.Resource,
): { runtime: Identity; build: Identity; trigger: Identity | undefined } {
    const ids = accountIds(name, args);
    const inProject = args.project !== undefined ? { project: args.project } : {};
    const runtime = identityOf(
        args.existingServiceAccountEmail,
        {
            resourceName: name,
            accountId: ids.runtime,
            displayName: `${name} (runtime)`,
            description: `Runtime identity of the ${name} function; holds only its grants.`,
            ...inProject,
        },
        project,
        parent,
    );
    const build = identityOf(
        args.buildServiceAccountEmail,
        {
            resourceName: `${name}-build`,
            accountId: ids.build,
            displayName: `${name} (build)`,
            description: `Builds the ${name} function; never used at run time.`,
            ...inProject,
        },
        project,
        parent,
    );
    const trigger = args.eventTrigger
        ? identityOf(
              args.eventTrigger.serviceAccountEmail,
              {
                  resourceName: `${name}-trigger`,
                  accountId: ids.trigger,
                  displayName: `${name} (event trigger)`,
                  description: `Delivers events to the ${name} function and may invoke nothing else.`,
                  ...inProject,
              },
              project,
              parent,
          )
        : undefined;
    return { runtime, build, trigger };
}

/**
 * The project-level roles of the runtime account, only when asked: the log writer (`logWriter`, for
 * the Cloud Logging API; stdout and stderr need no role) and the metric writer (`metricWriter`).
 */
export function baselineMembers(
    args: GcpFunctionArgs,
    member: pulumi.Output<string>,
    project: pulumi.Output<string>,
): PlannedMember[] {
    return [
        ...(args.logWriter
            ? [projectMember("log-writer", "baseline", "roles/logging.logWriter", member, project)]
            : []),
        ...(args.metricWriter
            ? [
                  projectMember(
                      "metric-writer",
                      "baseline",
                      "roles/monitoring.metricWriter",
                      member,
                      project,
                  ),
              ]
            : []),
    ];
}

/** Who may invoke the function's service: everyone when it is public, and its event trigger. */
export function callerMembers(
    isPublic: boolean,
    serviceName: pulumi.Output<string>,
    trigger: Identity | undefined,
): PlannedMember[] {
    return [
        ...(isPublic
            ? [invokerOnService("public-invoker", "public", serviceName, "allUsers")]
            : []),
        ...(trigger
            ? [invokerOnService("trigger-invoker", "trigger", serviceName, trigger.member)]
            : []),
    ];
}
