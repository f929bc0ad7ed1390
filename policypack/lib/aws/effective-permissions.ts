/**
 * The effective permissions of AWS IAM roles in a stack: every way a policy can reach a role, read
 * into statements. A pure function over the stack's resources, shared by the stack policies (and the
 * identity graph built on it later).
 *
 * The ways in: the role's `inlinePolicies` and `managedPolicyArns`, `RolePolicy`,
 * `RolePolicyAttachment`, `PolicyAttachment` (`roles`), `RolePoliciesExclusive` (the inline policies it
 * keeps) and `RolePolicyAttachmentsExclusive`. A managed policy ARN is a customer-managed
 * `aws:iam/policy:Policy` of the stack (its document), an AWS-managed policy (from the generated data),
 * or a policy outside the stack (unknown content, recorded as such).
 *
 * Only the documents of the requested roles are read: reading an unknown document during preview stops
 * the policy (the SDK says it cannot run during preview), and an unrelated role must not cause that.
 */
import { identityDocumentsOf } from "../aws-iam-resources";
import { describeResource } from "../finding";
import { type IamStatement, parseIamDocument } from "../iam-document";
import {
    type AwsManagedPolicy,
    awsManagedPolicyName,
    lookupAwsManagedPolicy,
} from "./managed-policies";
import {
    resourceIndexOf,
    AWS_POLICY,
    AWS_POLICY_ATTACHMENT,
    AWS_ROLE,
    AWS_ROLE_POLICIES_EXCLUSIVE,
    AWS_ROLE_POLICY,
    AWS_ROLE_POLICY_ATTACHMENT,
    AWS_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
    linkedBy,
    ResourceIndex,
} from "./stack-links";
import { functionIdentities, functionRoleUrns } from "./function-identities";
import { oncePerRequest } from "../stack/per-request";
import type { StackResource } from "../stack/resource";

/** How a policy reaches a role. */
export type PermissionPath =
    | "inlinePolicies"
    | "managedPolicyArns"
    | "RolePolicy"
    | "RolePolicyAttachment"
    | "PolicyAttachment"
    | "RolePoliciesExclusive"
    | "RolePolicyAttachmentsExclusive";

export interface PermissionSource {
    readonly path: PermissionPath;
    /** How a message names it, e.g. `AWS-managed policy 'IAMFullAccess' attached by aws:iam/...`. */
    readonly description: string;
    /** The resource that brings it to the role: the role itself, a role policy, an attachment. */
    readonly via: StackResource;
    /** The managed policy's ARN, when it is attached by ARN. */
    readonly policyArn?: string;
    readonly awsManaged?: AwsManagedPolicy;
    /** The customer-managed policy resource whose document this is. */
    readonly policy?: StackResource;
    readonly statements: readonly IamStatement[];
    /** Why the statements may be incomplete: an unparseable document, a policy outside the stack. */
    readonly problem?: string;
}

export interface EffectivePermissions {
    readonly role: StackResource;
    readonly sources: readonly PermissionSource[];
}

/** A managed policy reaching a role: a customer-managed policy of the stack, or an ARN. */
export interface PolicyRef {
    readonly path: PermissionPath;
    /** The role itself (managedPolicyArns) or the attachment. */
    readonly via: StackResource;
    /** The ARN, when it names nothing in the stack (AWS-managed, or a policy outside the stack). */
    readonly arn?: string;
    readonly policy?: StackResource;
}

interface Links {
    readonly documents: Map<string, { path: PermissionPath; resource: StackResource }[]>;
    readonly policies: Map<string, PolicyRef[]>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list === undefined) {
        map.set(key, [value]);
    } else {
        list.push(value);
    }
}

function policyRefs(
    path: PermissionPath,
    via: StackResource,
    property: string,
    policies: ResourceIndex,
): PolicyRef[] {
    const linked = linkedBy(via, property, policies);
    return [
        ...linked.resources.map((policy) => ({ path, via, policy })),
        ...linked.external.map((arn) => ({ path, via, arn })),
    ];
}

/** One pass over the stack: which documents and policies each role URN receives. */
function link(resources: readonly StackResource[], roles: ResourceIndex): Links {
    const policies = resourceIndexOf(AWS_POLICY, resources);
    const rolePolicies = resourceIndexOf(AWS_ROLE_POLICY, resources);
    const links: Links = { documents: new Map(), policies: new Map() };
    const attach = (resource: StackResource, roleProperty: string, refs: () => PolicyRef[]) => {
        const targets = linkedBy(resource, roleProperty, roles).resources;
        if (targets.length > 0) {
            const found = refs();
            for (const role of targets) {
                found.forEach((ref) => push(links.policies, role.urn, ref));
            }
        }
    };
    for (const resource of resources) {
        switch (resource.type) {
            case AWS_ROLE:
                for (const ref of policyRefs(
                    "managedPolicyArns",
                    resource,
                    "managedPolicyArns",
                    policies,
                )) {
                    push(links.policies, resource.urn, ref);
                }
                break;
            case AWS_ROLE_POLICY:
                for (const role of linkedBy(resource, "role", roles).resources) {
                    push(links.documents, role.urn, { path: "RolePolicy", resource });
                }
                break;
            case AWS_ROLE_POLICIES_EXCLUSIVE:
                // It adds no permissions of its own, but names the inline policies the role keeps.
                for (const role of linkedBy(resource, "roleName", roles).resources) {
                    for (const kept of linkedBy(resource, "policyNames", rolePolicies).resources) {
                        push(links.documents, role.urn, {
                            path: "RolePoliciesExclusive",
                            resource: kept,
                        });
                    }
                }
                break;
            case AWS_ROLE_POLICY_ATTACHMENT:
                attach(resource, "role", () =>
                    policyRefs("RolePolicyAttachment", resource, "policyArn", policies),
                );
                break;
            case AWS_POLICY_ATTACHMENT:
                attach(resource, "roles", () =>
                    policyRefs("PolicyAttachment", resource, "policyArn", policies),
                );
                break;
            case AWS_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE:
                attach(resource, "roleName", () =>
                    policyRefs("RolePolicyAttachmentsExclusive", resource, "policyArns", policies),
                );
                break;
        }
    }
    return links;
}

function parsedStatements(document: unknown): { statements: IamStatement[]; problem?: string } {
    const parsed = parseIamDocument(document);
    return parsed.ok
        ? { statements: [...parsed.document.statements] }
        : { statements: [], problem: `its document cannot be parsed: ${parsed.error}` };
}

function attachedBy(ref: PolicyRef, role: StackResource): string {
    return ref.via === role
        ? `in managedPolicyArns of ${describeResource(role.type, role.name)}`
        : `attached by ${describeResource(ref.via.type, ref.via.name)}`;
}

function managedSource(ref: PolicyRef, role: StackResource): PermissionSource {
    if (ref.policy !== undefined) {
        const documents = identityDocumentsOf(ref.policy.type, ref.policy.props);
        const read = parsedStatements(documents[0]?.document ?? null);
        return {
            path: ref.path,
            via: ref.via,
            policy: ref.policy,
            description: `${describeResource(ref.policy.type, ref.policy.name)} ${attachedBy(ref, role)}`,
            ...read,
        };
    }
    const arn = ref.arn ?? "";
    const awsManaged = lookupAwsManagedPolicy(arn);
    const managedName = awsManagedPolicyName(arn);
    return {
        path: ref.path,
        via: ref.via,
        policyArn: arn,
        awsManaged,
        description:
            managedName === undefined
                ? `policy '${arn}' ${attachedBy(ref, role)}`
                : `AWS-managed policy '${managedName}' ${attachedBy(ref, role)}`,
        statements: awsManaged?.statements ?? [],
        problem:
            managedName === undefined
                ? "it is a customer-managed policy outside this stack, so its document is unknown"
                : undefined,
    };
}

function sourcesOf(role: StackResource, links: Links): PermissionSource[] {
    const sources: PermissionSource[] = [];
    const subject = describeResource(role.type, role.name);
    for (const embedded of identityDocumentsOf(role.type, role.props)) {
        sources.push({
            path: "inlinePolicies",
            via: role,
            description: `${embedded.where} of ${subject}`,
            ...parsedStatements(embedded.document),
        });
    }
    const seenDocuments = new Set<string>();
    for (const { path, resource } of links.documents.get(role.urn) ?? []) {
        if (seenDocuments.has(resource.urn)) {
            continue;
        }
        seenDocuments.add(resource.urn);
        const documents = identityDocumentsOf(resource.type, resource.props);
        sources.push({
            path,
            via: resource,
            description: describeResource(resource.type, resource.name),
            ...parsedStatements(documents[0]?.document ?? null),
        });
    }
    const seenPolicies = new Set<string>();
    for (const ref of links.policies.get(role.urn) ?? []) {
        const key = ref.policy?.urn ?? ref.arn ?? "";
        if (seenPolicies.has(key)) {
            continue;
        }
        seenPolicies.add(key);
        sources.push(managedSource(ref, role));
    }
    return sources;
}

/**
 * The effective permissions of the roles in `roleUrns` (every role of the stack when omitted), keyed by
 * role URN. Reads the link properties of every resource (tolerating unknowns) and the documents of the
 * requested roles only.
 */
export function effectivePermissions(
    resources: readonly StackResource[],
    roleUrns?: ReadonlySet<string>,
): Map<string, EffectivePermissions> {
    const roles = resourceIndexOf(AWS_ROLE, resources);
    const links = link(resources, roles);
    const result = new Map<string, EffectivePermissions>();
    for (const role of roles.all) {
        if (roleUrns === undefined || roleUrns.has(role.urn)) {
            result.set(role.urn, { role, sources: sourcesOf(role, links) });
        }
    }
    return result;
}

/**
 * The effective permissions of every role a function of the stack runs as, keyed by role URN; read
 * once per request (../stack/per-request.ts) for the rules and the identity graph.
 */
export const functionRolePermissions: (
    resources: readonly StackResource[],
) => ReadonlyMap<string, EffectivePermissions> = oncePerRequest((resources) =>
    effectivePermissions(resources, functionRoleUrns(functionIdentities(resources))),
);

/** The managed policies attached to each role, keyed by role URN, without reading any document. */
export function managedPolicyRefs(
    resources: readonly StackResource[],
): Map<string, readonly PolicyRef[]> {
    return link(resources, resourceIndexOf(AWS_ROLE, resources)).policies;
}
