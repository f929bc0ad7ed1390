/**
 * The stack as the Azure part of the graph reads it: resources by type and by known ARM ID, and
 * property dependencies. The resources are the ones the pack's Azure readers (../../azure/*) take.
 * Every read of a value goes through `readKnown`: the graph always has a fallback (a property
 * dependency, or an incomplete profile), so it never gives up on a whole stack.
 */
import { type Known, propertyText, readKnown } from "../../known-value";
import { normalizedArmId } from "../../azure/resources";
import { isRecord } from "../../values";
import type { StackResource } from "../../stack/resource";

export class AzureStack {
    readonly resources: readonly StackResource[];
    private byId: Map<string, StackResource> | undefined;

    constructor(resources: readonly StackResource[]) {
        this.resources = resources;
    }

    ofType(...types: readonly string[]): StackResource[] {
        return this.resources.filter((r) => types.includes(r.type));
    }

    /** The stack resource whose known `id` is this ARM ID (case-insensitive). */
    withId(armId: string): StackResource | undefined {
        if (this.byId === undefined) {
            this.byId = new Map();
            for (const resource of this.resources) {
                const id = propertyText(resource, "id");
                if (id !== undefined) {
                    this.byId.set(normalizedId(id), resource);
                }
            }
        }
        return this.byId.get(normalizedId(armId));
    }

    /** The stack resources `resource`'s `property` was computed from. */
    dependenciesOf(resource: StackResource, property: string): readonly StackResource[] {
        return resource.propertyDependencies?.[property] ?? [];
    }

    dependsOn(resource: StackResource, property: string, target: StackResource): boolean {
        return (resource.propertyDependencies?.[property] ?? []).some((d) => d.urn === target.urn);
    }
}

export function normalizedId(armId: string): string {
    return normalizedArmId(armId.trim());
}

export { isRecord };

/** `a.b.c` of a property bag: unknown where a step is unknown; undefined where one is missing. */
export function readPath(resource: StackResource, path: readonly string[]): Known<unknown> {
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
