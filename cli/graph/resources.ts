/**
 * The resources of a recorded stack as the policy pack sees them in AnalyzeStack, for the identity
 * graph (policypack/lib/graph) to read outside the pack.
 *
 * The property bag goes the same way the driver sends it: the resource's outputs in the Struct that
 * ../engine/analyzer-messages.ts builds, read back by @pulumi/policy's own `deserializeProperties`
 * (secrets unwrapped to their plaintext, assets as asset objects) and wrapped in its
 * `unknownCheckingProxy`, so reading an unknown value throws the SDK's `UnknownValueError` just as it
 * does inside a stack policy. Parent and property dependencies point at the other resources of the
 * stack, and dependencies on URNs outside it are dropped, as the SDK's server does.
 */
import type { GraphResource } from "../../policypack/lib/graph/model";
import { toStruct } from "../engine/analyzer-messages";
import type { RecordedResource } from "../engine/types";

type Deserialize = (struct: ReturnType<typeof toStruct>, proxySecrets: boolean) => object;

// The SDK marks deserialize.js and the proxy internal (their .d.ts files export nothing), but both ship
// in every release and are exactly the code the pack runs on each AnalyzeStack request.
/* eslint-disable @typescript-eslint/no-require-imports */
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
    deserializeProperties: Deserialize;
};
const { unknownCheckingProxy } = require("@pulumi/policy") as {
    unknownCheckingProxy: <T extends object>(value: T) => T;
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface MutableGraphResource {
    urn: string;
    type: string;
    name: string;
    props: Readonly<Record<string, unknown>>;
    propertyDependencies: Record<string, GraphResource[]>;
    parent?: GraphResource;
}

/**
 * The same for a preview and a deployed stack: the driver sends the same outputs either way (only
 * ConfigureStack's dry-run flag differs, and the SDK does not pass it to policies), and the values a
 * preview does not know are already unknown in them.
 */
export function graphResourcesOf(resources: readonly RecordedResource[]): GraphResource[] {
    const graphResources = resources.map((resource): MutableGraphResource => ({
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        props: unknownCheckingProxy(
            deserializeProperties(toStruct(resource.outputs), false),
        ) as Record<string, unknown>,
        propertyDependencies: {},
    }));
    const byUrn = new Map(graphResources.map((r) => [r.urn, r]));
    resources.forEach((resource, index) => {
        const graphResource = graphResources[index];
        if (graphResource === undefined) return;
        const parent = resource.parent === undefined ? undefined : byUrn.get(resource.parent);
        if (parent !== undefined) {
            graphResource.parent = parent;
        }
        for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
            graphResource.propertyDependencies[property] = urns.flatMap((urn) => {
                const dependency = byUrn.get(urn);
                return dependency === undefined ? [] : [dependency];
            });
        }
    });
    return graphResources;
}
