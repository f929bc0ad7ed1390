/**
 * The pack library's public entry for reading a stack outside a policy (the `perimeter` command's
 * graph and reports): resources whose property bags behave as in a stack policy. Props are plain JSON
 * where the SDK's unknown sentinel stands for a value not known yet; they are wrapped in
 * `@pulumi/policy`'s `unknownCheckingProxy`, so reading an unknown value throws its
 * `UnknownValueError` exactly as inside a policy. Parent and property dependencies point at the other
 * resources of the list, and URNs outside it are dropped, as the SDK's server does.
 */
import * as policySdk from "@pulumi/policy";
import type { StackResource } from "./stack/resource";

/**
 * The package root exports `unknownCheckingProxy` (its index.js, listed in its index.d.ts); the type
 * of proxy.d.ts is stripped as internal, so it is typed here. It is the proxy every policy reads
 * through, so the reports read values exactly as the rules do.
 */
const { unknownCheckingProxy } = policySdk as unknown as {
    unknownCheckingProxy: <T extends object>(value: T) => T;
};

/** The unknown sentinel of the Pulumi protocol (a string property whose value is not known yet). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface StackResourceInput {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Plain JSON; secrets already unwrapped; {@link UNKNOWN_VALUE} where a value is unknown. */
    readonly props: Readonly<Record<string, unknown>>;
    readonly parent?: string;
    readonly propertyDependencies: { readonly [property: string]: readonly string[] };
}

interface MutableResource {
    urn: string;
    type: string;
    name: string;
    props: Readonly<Record<string, unknown>>;
    propertyDependencies: Record<string, StackResource[]>;
    parent?: StackResource;
}

export function stackResourcesOf(inputs: readonly StackResourceInput[]): StackResource[] {
    const resources = inputs.map((input): MutableResource => ({
        urn: input.urn,
        type: input.type,
        name: input.name,
        props: unknownCheckingProxy({ ...input.props }),
        propertyDependencies: {},
    }));
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    inputs.forEach((input, index) => {
        const resource = resources[index];
        if (resource === undefined) {
            return;
        }
        const parent = input.parent === undefined ? undefined : byUrn.get(input.parent);
        if (parent !== undefined) {
            resource.parent = parent;
        }
        for (const [property, urns] of Object.entries(input.propertyDependencies)) {
            resource.propertyDependencies[property] = urns.flatMap((urn) => {
                const dependency = byUrn.get(urn);
                return dependency === undefined ? [] : [dependency];
            });
        }
    });
    return resources;
}
