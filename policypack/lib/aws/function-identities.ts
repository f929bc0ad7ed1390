/**
 * Which IAM roles Lambda functions run as: a function's `role` is an ARN, matched to a role of the
 * stack by value, or through the property dependency of `role` while the ARN is unknown in preview.
 */
import { knownString } from "../known-value";
import { resourceIndexOf, AWS_LAMBDA_FUNCTION, AWS_ROLE, linkedBy } from "./stack-links";
import { oncePerRequest } from "../stack/per-request";
import type { StackResource } from "../stack/resource";

export interface FunctionIdentity {
    /** The role in the stack; undefined when the functions name a role outside it. */
    readonly role?: StackResource;
    /** The role ARN as the functions name it, when it is known. */
    readonly roleArn?: string;
    readonly functions: readonly StackResource[];
}

/**
 * The identities functions run as, one entry per role (in the stack, or outside it by ARN); linked
 * once per request (../stack/per-request.ts).
 */
export const functionIdentities: (
    resources: readonly StackResource[],
) => readonly FunctionIdentity[] = oncePerRequest(linkFunctionIdentities);

function linkFunctionIdentities(resources: readonly StackResource[]): FunctionIdentity[] {
    const roles = resourceIndexOf(AWS_ROLE, resources);
    const byKey = new Map<
        string,
        { role?: StackResource; roleArn?: string; functions: StackResource[] }
    >();
    const add = (
        key: string,
        entry: { role?: StackResource; roleArn?: string },
        fn: StackResource,
    ) => {
        const existing = byKey.get(key);
        if (existing === undefined) {
            byKey.set(key, { ...entry, functions: [fn] });
        } else if (!existing.functions.includes(fn)) {
            existing.functions.push(fn);
        }
    };
    for (const fn of resources) {
        if (fn.type !== AWS_LAMBDA_FUNCTION) {
            continue;
        }
        const role = knownString(fn.props, "role");
        const arn = role.known ? role.value : undefined;
        const linked = linkedBy(fn, "role", roles);
        for (const role of linked.resources) {
            add(role.urn, { role, roleArn: arn }, fn);
        }
        if (linked.resources.length === 0 && arn !== undefined) {
            add(arn, { roleArn: arn }, fn);
        }
    }
    return [...byKey.values()];
}

/** The URNs of the roles some function of the stack runs as. */
export function functionRoleUrns(identities: readonly FunctionIdentity[]): Set<string> {
    return new Set(identities.flatMap((i) => (i.role === undefined ? [] : [i.role.urn])));
}
