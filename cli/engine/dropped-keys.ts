/**
 * Properties no policy can judge. The policy SDK reads each resource's properties by assigning them
 * to a plain object (@pulumi/policy deserialize.js, `props[k] = ...`), which drops a key named
 * `__proto__`: a value under it, a secret included, never reaches a rule. The engine keeps such keys
 * (./wire.ts) and reports every one as not evaluated, so a report never implies it was judged.
 */
import type { NotEvaluated, PropertyValue, RecordedResource } from "./types";

export const DROPPED_KEY = "__proto__";

export function droppedKeyNotices(resources: readonly RecordedResource[]): NotEvaluated[] {
    const notices: NotEvaluated[] = [];
    for (const resource of resources) {
        const paths = new Set<string>();
        for (const [side, map] of [
            ["inputs", resource.inputs],
            ["outputs", resource.outputs],
        ] as const) {
            for (const [key, value] of Object.entries(map))
                visit(value, `${side}.${key}`, key, paths);
        }
        for (const path of paths) {
            notices.push({
                policy: "(every policy)",
                urn: resource.urn,
                reason: `\`${path}\` cannot be judged: the policy SDK drops properties named \`${DROPPED_KEY}\` when it reads a resource, so no rule sees its value; rename the key, or check the value by hand`,
            });
        }
    }
    return notices;
}

function visit(value: PropertyValue, path: string, key: string, paths: Set<string>): void {
    if (key === DROPPED_KEY) {
        paths.add(path);
        return;
    }
    if (Array.isArray(value)) {
        value.forEach((item, i) => visit(item, `${path}[${i}]`, String(i), paths));
    } else if (value !== null && typeof value === "object") {
        if ("__secret" in value && value.__secret === true && "value" in value) {
            visit(value.value, path, "", paths);
        } else if (!("__unknown" in value)) {
            for (const [k, item] of Object.entries(value) as [string, PropertyValue][]) {
                visit(item, `${path}.${k}`, k, paths);
            }
        }
    }
}
