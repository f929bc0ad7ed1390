/**
 * Creates the additive IAM member a planned member describes. Only `*IAMMember` resources: never a
 * binding or a policy, which would silently remove other members of the role or resource.
 */
import * as artifactregistry from "@pulumi/gcp/artifactregistry";
import * as cloudrunv2 from "@pulumi/gcp/cloudrunv2";
import * as kms from "@pulumi/gcp/kms";
import * as projects from "@pulumi/gcp/projects";
import * as pubsub from "@pulumi/gcp/pubsub";
import * as secretmanager from "@pulumi/gcp/secretmanager";
import * as storage from "@pulumi/gcp/storage";
import * as pulumi from "@pulumi/pulumi";
import type { PlannedMember } from "./plan";

export function createIamMember(
    name: string,
    planned: PlannedMember,
    opts: pulumi.CustomResourceOptions,
): pulumi.CustomResource {
    const common = {
        role: planned.role,
        member: planned.member,
        ...(planned.condition ? { condition: planned.condition } : {}),
    };
    switch (planned.target) {
        case "bucket":
            return new storage.BucketIAMMember(name, { ...common, bucket: planned.resource }, opts);
        case "topic":
            return new pubsub.TopicIAMMember(name, { ...common, topic: planned.resource }, opts);
        case "subscription":
            return new pubsub.SubscriptionIAMMember(
                name,
                { ...common, subscription: planned.resource },
                opts,
            );
        case "secret":
            return new secretmanager.SecretIamMember(
                name,
                {
                    ...common,
                    secretId: planned.resource,
                    ...(planned.project ? { project: planned.project } : {}),
                },
                opts,
            );
        case "cryptoKey":
            return new kms.CryptoKeyIAMMember(
                name,
                { ...common, cryptoKeyId: planned.resource },
                opts,
            );
        case "runService":
            return new cloudrunv2.ServiceIamMember(
                name,
                { ...common, name: planned.resource },
                opts,
            );
        case "firestoreDatabase":
        case "project":
            return new projects.IAMMember(name, { ...common, project: planned.resource }, opts);
        case "repository":
            return new artifactregistry.RepositoryIamMember(
                name,
                {
                    ...common,
                    repository: planned.resource,
                    ...(planned.project ? { project: planned.project } : {}),
                    ...(planned.location ? { location: planned.location } : {}),
                },
                opts,
            );
    }
}

/** A planned member as plain data for the component's outputs (Outputs resolved). */
export interface PlannedIamMember {
    readonly key: string;
    readonly purpose: string;
    readonly grant?: string;
    readonly access?: string;
    readonly resourceType: string;
    readonly resource: string;
    readonly role: string;
    readonly member: string;
    readonly condition?: { title: string; description?: string; expression: string };
}

export function plannedAsData(
    planned: readonly PlannedMember[],
): pulumi.Output<PlannedIamMember[]> {
    return pulumi.all(
        planned.map((p) =>
            pulumi
                .all([p.resource, p.member, p.condition?.expression ?? ""])
                .apply(([resource, member, expression]): PlannedIamMember => ({
                    key: p.key,
                    purpose: p.purpose,
                    ...(p.grant ? { grant: p.grant } : {}),
                    ...(p.access ? { access: p.access } : {}),
                    resourceType: p.memberType,
                    resource,
                    role: p.role,
                    member,
                    ...(p.condition
                        ? {
                              condition: {
                                  title: p.condition.title,
                                  ...(p.condition.description
                                      ? { description: p.condition.description }
                                      : {}),
                                  expression,
                              },
                          }
                        : {}),
                })),
        ),
    );
}
