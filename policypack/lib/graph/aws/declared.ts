/**
 * Declared access of functions built with `AwsFunction` (type `perimeter:index:AwsFunction`): the
 * component registers what the program declared as outputs (components/aws/function.ts), `permissions`
 * (one entry per grant statement: actions and resources) and `runtimePermissions` (what Lambda itself
 * needs: the function's own log streams, VPC and X-Ray when on). The pack reads those outputs by their
 * shape only; it never imports the components.
 *
 * The Lambda a component created is its child (its `parent` is the component), or, in a stack export
 * without parents, the function whose ARN is the component's `functionArn` output.
 */
import { expandAwsActionPattern } from "../../aws-actions";
import { propertyText, readKnown } from "../../known-value";
import type { DeclaredAccess } from "../model";
import type { StackResource } from "../../stack/resource";

export const AWS_FUNCTION_COMPONENT = "perimeter:index:AwsFunction";

/** Outputs of the component that list declared permissions as `{ actions, resources }` entries. */
const DECLARED_OUTPUTS = ["permissions", "runtimePermissions"] as const;

function strings(value: unknown): string[] {
    return Array.isArray(value)
        ? (value as unknown[]).filter((v): v is string => typeof v === "string")
        : [];
}

/**
 * The `action on resource` keys (as ../model.ts permissionKey forms them, actions in AWS casing) the
 * component declared; undefined when its outputs are unknown (preview) or not of our shape.
 */
export function declaredPermissionKeys(component: StackResource): ReadonlySet<string> | undefined {
    const read = readKnown(() => {
        const granted = component.props["permissions"];
        if (!Array.isArray(granted)) {
            return undefined;
        }
        const keys = new Set<string>();
        for (const output of DECLARED_OUTPUTS) {
            const entries: unknown = component.props[output];
            for (const entry of Array.isArray(entries) ? (entries as unknown[]) : []) {
                if (typeof entry !== "object" || entry === null) {
                    continue;
                }
                const { actions, resources } = entry as Record<string, unknown>;
                for (const pattern of strings(actions)) {
                    const expanded = expandAwsActionPattern(pattern).map((a) => a.action);
                    for (const action of expanded.length > 0 ? expanded : [pattern]) {
                        strings(resources).forEach((r) => keys.add(`${action} on ${r}`));
                    }
                }
            }
        }
        return keys;
    });
    return read.known ? read.value : undefined;
}

/** Which component created each Lambda function, by function URN. */
export function componentsByFunction(
    resources: readonly StackResource[],
    functions: readonly StackResource[],
): Map<string, StackResource> {
    const components = resources.filter((r) => r.type === AWS_FUNCTION_COMPONENT);
    const result = new Map<string, StackResource>();
    if (components.length === 0) {
        return result;
    }
    const byUrn = new Map(components.map((c) => [c.urn, c]));
    const byArn = new Map<string, StackResource>();
    for (const component of components) {
        const arn = propertyText(component, "functionArn");
        if (arn !== undefined) {
            byArn.set(arn, component);
        }
    }
    for (const fn of functions) {
        const arn = propertyText(fn, "arn");
        const component =
            (fn.parent === undefined ? undefined : byUrn.get(fn.parent.urn)) ??
            (typeof arn === "string" ? byArn.get(arn) : undefined);
        if (component !== undefined) {
            result.set(fn.urn, component);
        }
    }
    return result;
}

/** granted / declared; 1 is least privilege. Nothing declared and nothing granted is 1 too. */
export function declaredAccess(declared: number, granted: number): DeclaredAccess {
    const ratio = granted === declared ? 1 : granted / Math.max(declared, 1);
    return { declared, granted, ratio };
}
