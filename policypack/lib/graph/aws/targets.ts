/** The nodes of grant targets: resources of the stack by ARN, or ARNs and patterns outside it. */
import { propertyText } from "../../known-value";
import type { GraphNode } from "../model";
import type { StackResource } from "../../stack/resource";

/** `bucket/*` from `arn:aws:s3:::bucket/*`: what follows the account field of an ARN. */
function shortLabel(value: string): string {
    const parts = value.split(":");
    return parts[0] === "arn" && parts.length >= 6 ? parts.slice(5).join(":") : value;
}

/** Node ids of grant targets: the URN of the stack resource with that ARN, else `aws:resource:<value>`. */
export function targetNodes(resources: readonly StackResource[]): (value: string) => GraphNode {
    let byArn: Map<string, StackResource> | undefined;
    const nodes = new Map<string, GraphNode>();
    return (value) => {
        if (byArn === undefined) {
            byArn = new Map();
            for (const resource of resources) {
                const arn = propertyText(resource, "arn");
                if (arn !== undefined) {
                    byArn.set(arn, resource);
                }
            }
        }
        let node = nodes.get(value);
        if (node === undefined) {
            const resource = byArn.get(value);
            node =
                resource === undefined
                    ? {
                          id: `aws:resource:${value}`,
                          kind: "resource",
                          cloud: "aws",
                          label: shortLabel(value),
                      }
                    : {
                          id: resource.urn,
                          kind: "resource",
                          cloud: "aws",
                          label: resource.name,
                          type: resource.type,
                          urn: resource.urn,
                      };
            nodes.set(value, node);
        }
        return node;
    };
}
