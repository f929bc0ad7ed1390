/**
 * The GCP helpers in ../../gcp read stack resources as the SDK's `PolicyResource`, following property
 * dependencies to the resources themselves (`dependency.type`, `dependency.props`). A graph resource
 * names its dependencies by URN only, so this view resolves them within the resource list; for the
 * SDK's own resources it reads the same objects. Nothing is copied but references.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { GraphResource } from "../model";

const NO_OPTIONS: PolicyResource["opts"] = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

function pulumiTypeOf(resourceClass: object): unknown {
    return (resourceClass as { readonly __pulumiType?: unknown }).__pulumiType;
}

export interface ResourceViews {
    readonly all: readonly PolicyResource[];
    readonly byUrn: ReadonlyMap<string, PolicyResource>;
}

export function policyResourceViews(resources: readonly GraphResource[]): ResourceViews {
    const byUrn = new Map<string, PolicyResource>();
    const all = resources.map((resource) => {
        const view: PolicyResource = {
            type: resource.type,
            name: resource.name,
            urn: resource.urn,
            props: resource.props,
            opts: NO_OPTIONS,
            dependencies: [],
            propertyDependencies: {},
            // As the SDK's server checks a class: by the type token generated classes carry.
            isType: (resourceClass) => pulumiTypeOf(resourceClass) === resource.type,
            asType: <T>(resourceClass: object): T | undefined =>
                pulumiTypeOf(resourceClass) === resource.type ? (resource.props as T) : undefined,
        };
        byUrn.set(resource.urn, view);
        return view;
    });
    resources.forEach((resource, index) => {
        const view = all[index];
        if (view === undefined) {
            return;
        }
        for (const [property, dependencies] of Object.entries(
            resource.propertyDependencies ?? {},
        )) {
            view.propertyDependencies[property] = dependencies.flatMap(
                (d) => byUrn.get(d.urn) ?? [],
            );
        }
        const parent = resource.parent === undefined ? undefined : byUrn.get(resource.parent.urn);
        if (parent !== undefined) {
            view.parent = parent;
        }
    });
    return { all, byUrn };
}
