/**
 * Hand-written GCP stacks for the identity graph tests, shaped as a stack policy receives them: property
 * bags behind the SDK's unknown-checking proxy, property dependencies and parents by URN.
 */
import { stackResourcesOf } from "../../../../policypack/lib/stack-view";
import type { StackResource } from "../../../../policypack/lib/stack/resource";
import { account, emailOf, gen2, PROJECT, type FixtureResource } from "../../policies/gcp/fixtures";

export const RUN_MEMBER = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";
export const SECRET_MEMBER = "gcp:secretmanager/secretIamMember:SecretIamMember";
export const TOPIC_MEMBER = "gcp:pubsub/topicIAMMember:TopicIAMMember";
export const REGION = "europe-west1";

export interface GraphStackResource extends FixtureResource {
    /** name of the resource (in the same list) that is the parent */
    readonly parentName?: string;
}

export const urnOf = (r: { type: string; name: string }): string =>
    `urn:pulumi:test::shop::${r.type}::${r.name}`;

/** The resources as a stack policy gets them, with dependencies and parents resolved by name. */
export function graphResources(resources: readonly GraphStackResource[]): StackResource[] {
    const urns = new Map(resources.map((r) => [r.name, r.urn ?? urnOf(r)]));
    const urn = (name: string) => urns.get(name) ?? `missing:${name}`;
    return stackResourcesOf(
        resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn ?? urnOf(r),
            props: structuredClone(r.props),
            propertyDependencies: Object.fromEntries(
                Object.entries(r.dependsOn ?? {}).map(([property, names]) => [
                    property,
                    names.map(urn),
                ]),
            ),
            ...(r.parentName !== undefined ? { parent: urn(r.parentName) } : {}),
        })),
    );
}

export const serviceNameOf = (fn: string): string =>
    `projects/${PROJECT}/locations/${REGION}/services/${fn}`;

/** A gen2 function `name` running as its own account `name`, with its underlying Cloud Run service. */
export function fnWithAccount(name: string): GraphStackResource[] {
    const fn = gen2(name, emailOf(name));
    const serviceConfig = { ...(fn.props.serviceConfig as object), service: serviceNameOf(name) };
    return [account(name), { ...fn, props: { ...fn.props, name, serviceConfig } }];
}

/** roles/run.invoker on `callee`'s Cloud Run service for `caller`'s account. */
export function invoker(caller: string, callee: string): GraphStackResource {
    return {
        type: RUN_MEMBER,
        name: `${caller}-invokes-${callee}`,
        props: {
            name: serviceNameOf(callee),
            location: REGION,
            role: "roles/run.invoker",
            member: `serviceAccount:${emailOf(caller)}`,
        },
    };
}

export function secretAccessor(fn: string, secret: string): GraphStackResource {
    return {
        type: SECRET_MEMBER,
        name: `${fn}-reads-${secret}`,
        props: {
            secretId: `projects/${PROJECT}/secrets/${secret}`,
            role: "roles/secretmanager.secretAccessor",
            member: `serviceAccount:${emailOf(fn)}`,
        },
    };
}
