/**
 * A function identity of the graph: a role of the stack (node id = its URN) or a role outside it
 * (`aws:identity:<arn>`), with its effective grants and whether all of them could be read.
 */
import type { EffectivePermissions, PermissionSource } from "../../aws/effective-permissions";
import type { FunctionIdentity } from "../../aws/function-identities";
import { awsManagedPolicyName } from "../../aws/managed-policies";
import { nameFromIamArn } from "../../aws/stack-links";
import type { GraphNode } from "../model";
import { type RoleGrant, roleGrants } from "./grants";
import type { InvokingIdentity } from "./invocations";

export interface Identity extends InvokingIdentity {
    readonly node: GraphNode;
    readonly complete: boolean;
    /** What of its grants could not be read, as a person reads it (empty when complete). */
    readonly unreadable: readonly string[];
}

/**
 * data/aws-managed-policies.json keeps of an AWS-managed policy only the statements the IAM rules judge
 * (wildcards, NotAction, escalation actions), so its read and write actions are not all known.
 */
export function summarised(source: PermissionSource): boolean {
    return source.policyArn !== undefined && awsManagedPolicyName(source.policyArn) !== undefined;
}

export function identityOf(
    entry: FunctionIdentity,
    effective: EffectivePermissions | undefined,
    unknownDocuments: ReadonlySet<string>,
): Identity {
    const role = entry.role;
    const grants: RoleGrant[] = effective === undefined ? [] : roleGrants(effective);
    const hidden: InvokingIdentity["unknownDocuments"][number][] = [];
    if (role !== undefined && unknownDocuments.has(role.urn)) {
        hidden.push({ resource: role, property: "inlinePolicies" });
    }
    for (const source of effective?.sources ?? []) {
        const holder = source.policy ?? source.via;
        if (holder.urn !== role?.urn && unknownDocuments.has(holder.urn)) {
            hidden.push({ resource: holder, property: "policy" });
        }
    }
    const arn = entry.roleArn ?? "";
    const id = role?.urn ?? `aws:identity:${arn}`;
    const unreadable = [
        ...(effective === undefined ? [`the role ${arn} is outside the stack`] : []),
        ...hidden.map(
            (h) => `${h.property} of ${h.resource.type} '${h.resource.name}' is not known yet`,
        ),
        ...(effective?.sources ?? []).flatMap((s) =>
            s.problem !== undefined
                ? [`${s.description}: ${s.problem}`]
                : summarised(s)
                  ? [
                        `${s.description}: only its wildcard and escalation statements are in the pack's data`,
                    ]
                  : [],
        ),
    ];
    return {
        id,
        role,
        roleArn: entry.roleArn,
        grants,
        unknownDocuments: hidden,
        functionUrns: new Set(entry.functions.map((f) => f.urn)),
        complete: unreadable.length === 0,
        unreadable,
        node: {
            id,
            kind: "identity",
            cloud: "aws",
            label: role?.name ?? nameFromIamArn(arn) ?? arn,
            ...(role === undefined ? {} : { type: role.type, urn: role.urn }),
        },
    };
}
