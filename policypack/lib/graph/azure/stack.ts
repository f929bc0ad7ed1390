/**
 * The stack as the Azure part of the graph reads it: resources by URN and by known ARM ID, property
 * dependencies, and the bridge to the pack's Azure readers (../../azure/*), which take the SDK's
 * `PolicyResource`. Every read of a value goes through `readKnown`: the graph always has a fallback
 * (a property dependency, or an incomplete profile), so it never gives up on a whole stack.
 */
import type { PolicyResource } from "@pulumi/policy";
import { type Known, knownText, readKnown } from "../../known-value";
import type { GraphResource } from "../model";
import { isRecord } from "../../values";

export class AzureStack {
    readonly resources: readonly GraphResource[];
    private readonly byUrn: ReadonlyMap<string, GraphResource>;
    private byId: Map<string, GraphResource> | undefined;
    private policyView: { all: PolicyResource[]; byUrn: Map<string, PolicyResource> } | undefined;

    constructor(resources: readonly GraphResource[]) {
        this.resources = resources;
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    }

    resource(urn: string): GraphResource | undefined {
        return this.byUrn.get(urn);
    }

    ofType(...types: readonly string[]): GraphResource[] {
        return this.resources.filter((r) => types.includes(r.type));
    }

    /** The stack resource whose known `id` is this ARM ID (case-insensitive). */
    withId(armId: string): GraphResource | undefined {
        if (this.byId === undefined) {
            this.byId = new Map();
            for (const resource of this.resources) {
                const id = knownString(resource, "id");
                if (id !== undefined) {
                    this.byId.set(normalizedId(id), resource);
                }
            }
        }
        return this.byId.get(normalizedId(armId));
    }

    /** The stack resources `resource`'s `property` was computed from. */
    dependenciesOf(resource: GraphResource, property: string): GraphResource[] {
        return (resource.propertyDependencies?.[property] ?? []).flatMap((d) => {
            const found = this.byUrn.get(d.urn);
            return found === undefined ? [] : [found];
        });
    }

    dependsOn(resource: GraphResource, property: string, target: GraphResource): boolean {
        return (resource.propertyDependencies?.[property] ?? []).some((d) => d.urn === target.urn);
    }

    /**
     * The same resources as the SDK's `PolicyResource`s (what ../../azure/* reads: urn, type, name,
     * props and property dependencies as resources), sharing each resource's props.
     */
    asPolicyResources(): { all: PolicyResource[]; byUrn: Map<string, PolicyResource> } {
        if (this.policyView === undefined) {
            const byUrn = new Map<string, PolicyResource>();
            const all = this.resources.map((r) => {
                const view = {
                    urn: r.urn,
                    type: r.type,
                    name: r.name,
                    props: r.props,
                    dependencies: [],
                    propertyDependencies: {},
                } as unknown as PolicyResource;
                byUrn.set(r.urn, view);
                return view;
            });
            for (const resource of this.resources) {
                const view = byUrn.get(resource.urn) as { propertyDependencies: unknown };
                view.propertyDependencies = Object.fromEntries(
                    Object.entries(resource.propertyDependencies ?? {}).map(([property, deps]) => [
                        property,
                        deps.flatMap((d) => byUrn.get(d.urn) ?? []),
                    ]),
                );
            }
            this.policyView = { all, byUrn };
        }
        return this.policyView;
    }
}

export function normalizedId(armId: string): string {
    return armId.trim().replace(/\/+$/, "").toLowerCase();
}

/** A value read through the SDK's proxy, or undefined when it is unknown. */
export function known(read: () => unknown): unknown {
    const value = readKnown(read);
    return value.known ? value.value : undefined;
}

export function knownString(resource: GraphResource, property: string): string | undefined {
    return knownText(() => resource.props[property]);
}

export { isRecord };

/** `a.b.c` of a property bag: unknown where a step is unknown; undefined where one is missing. */
export function readPath(resource: GraphResource, path: readonly string[]): Known<unknown> {
    return readKnown((): unknown => {
        let value: unknown = resource.props;
        for (const step of path) {
            if (!isRecord(value)) {
                return undefined;
            }
            value = value[step];
        }
        return value;
    });
}

/** The last segment of an ARM ID, or the ID itself: how reports name a scope outside the stack. */
export function lastSegment(armId: string): string {
    const segments = armId.split("/").filter((s) => s !== "");
    return segments[segments.length - 1] ?? armId;
}
