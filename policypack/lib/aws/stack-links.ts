/**
 * Joining AWS resources of one stack: which role an attachment, role policy or function names, and
 * which policy an ARN names. By value when the value is known (role name, ARN or id; policy ARN or
 * name), and by property dependencies (URNs) when it is unknown during preview.
 */
import { knownStrings } from "../known-value";
import { oncePerRequest } from "../stack/per-request";
import type { StackResource } from "../stack/resource";

export const AWS_ROLE = "aws:iam/role:Role";
export const AWS_POLICY = "aws:iam/policy:Policy";
export const AWS_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const AWS_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const AWS_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
export const AWS_ROLE_POLICIES_EXCLUSIVE = "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive";
export const AWS_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE =
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";
export const AWS_LAMBDA_FUNCTION = "aws:lambda/function:Function";

/** `name` from `arn:aws:iam::123:role/path/name` or `...:policy/path/name`. */
export function nameFromIamArn(arn: string): string | undefined {
    return /^arn:aws[a-z-]*:iam::[^:]*:(?:role|policy)\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}

/** Resources of one type, found by any of their identifying values or by URN. */
export class ResourceIndex {
    private readonly byValue = new Map<string, StackResource>();
    private readonly byUrn = new Map<string, StackResource>();

    constructor(
        readonly type: string,
        resources: readonly StackResource[],
    ) {
        for (const resource of resources) {
            if (resource.type !== type) {
                continue;
            }
            this.byUrn.set(resource.urn, resource);
            for (const key of ["arn", "id", "name"]) {
                const values = knownStrings(resource.props, key);
                for (const item of values.known ? values.value : []) {
                    const value = item.known ? item.value : "";
                    if (value !== "") {
                        this.byValue.set(value, resource);
                        const short = nameFromIamArn(value);
                        if (short !== undefined && !this.byValue.has(short)) {
                            this.byValue.set(short, resource);
                        }
                    }
                }
            }
        }
    }

    get all(): IterableIterator<StackResource> {
        return this.byUrn.values();
    }

    /** The resource a name, ARN or id names; an ARN also matches by its last path segment. */
    lookup(value: string): StackResource | undefined {
        const direct = this.byValue.get(value);
        if (direct !== undefined) {
            return direct;
        }
        const short = nameFromIamArn(value);
        return short === undefined ? undefined : this.byValue.get(short);
    }

    byDependency(urn: string): StackResource | undefined {
        return this.byUrn.get(urn);
    }
}

const indexOfType = new Map<string, (resources: readonly StackResource[]) => ResourceIndex>();

/** The index of one type over a request's resources, built once per request (../stack/per-request.ts). */
export function resourceIndexOf(type: string, resources: readonly StackResource[]): ResourceIndex {
    let index = indexOfType.get(type);
    if (index === undefined) {
        index = oncePerRequest((all) => new ResourceIndex(type, all));
        indexOfType.set(type, index);
    }
    return index(resources);
}

export interface LinkedValues {
    /** Resources of the index's type the property names. */
    readonly resources: readonly StackResource[];
    /** Known values that name nothing in the stack (an existing role or policy, an AWS-managed ARN). */
    readonly external: readonly string[];
}

/**
 * What a property (a string or a list) names in an index. Known values are looked up by value; when
 * the property, or one item of it, is unknown, missing or names nothing in the stack, the property's
 * dependencies of the index's type count instead.
 */
export function linkedBy(
    resource: StackResource,
    property: string,
    index: ResourceIndex,
): LinkedValues {
    const values = knownStrings(resource.props, property);
    const found = new Set<StackResource>();
    const external: string[] = [];
    // No usable value (unknown, absent, or not a string) leaves the dependencies to say what it names.
    let unresolved = !values.known || values.value.length === 0;
    for (const item of values.known ? values.value : []) {
        if (!item.known) {
            unresolved = true;
            continue;
        }
        const value = item.value;
        const target = index.lookup(value);
        if (target === undefined) {
            external.push(value);
            unresolved = true;
        } else {
            found.add(target);
        }
    }
    if (unresolved) {
        for (const dependency of resource.propertyDependencies?.[property] ?? []) {
            const target = index.byDependency(dependency.urn);
            if (target !== undefined) {
                found.add(target);
            }
        }
    }
    return { resources: [...found], external };
}
