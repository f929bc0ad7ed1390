/**
 * Creates the policies that carry a function's grants: the layout (inline policy, spilled managed
 * policies) is planned up front from what is known at construction, the documents are rendered once
 * the target ARNs are known.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsGrantConditions } from "./conditions";
import type { AwsLocation } from "./identity";
import {
    INLINE_POLICY_LIMIT,
    MANAGED_POLICY_LIMIT,
    mergeStatements,
    planAwsGrants,
    policyDocument,
    type AwsPlannedPermission,
    type PlannableGrant,
} from "./plan";
import type { NormalizedAwsGrant } from "./normalize";

/**
 * Length assumed for a target ARN that is not known yet. Most ARNs are shorter (a bucket ARN has at
 * most 76 characters); a longer one is caught when the document is rendered.
 */
const ASSUMED_ARN_LENGTH = 128;
/** A stand-in location no longer than real ones, for planning before the provider answers. */
const ASSUMED_LOCATION: AwsLocation = {
    partition: "aws-us-gov",
    region: "ap-southeast-5",
    account: "123456789012",
};

export interface GrantPolicies {
    /** What the function must wait for: every policy and attachment carrying a grant. */
    readonly resources: pulumi.Resource[];
    readonly permissions: pulumi.Output<AwsPlannedPermission[]>;
}

export interface GrantPolicyArgs {
    readonly name: string;
    readonly parent: pulumi.Resource;
    readonly roleName: pulumi.Input<string>;
    readonly grants: readonly NormalizedAwsGrant[];
    readonly where: pulumi.Output<AwsLocation>;
    readonly defaultConditions?: AwsGrantConditions;
    /** Characters the role's other inline policy (the runtime statements) uses. */
    readonly runtimeSize: number;
    readonly tags?: Record<string, string>;
}

/** A value known now as itself; one known later as a stand-in of the assumed length. */
function standIn(value: string | undefined, grant: string, what: string): string {
    return value ?? `arn:aws:planning:::${grant}-${what}/`.padEnd(ASSUMED_ARN_LENGTH, "x");
}

export function createGrantPolicies(args: GrantPolicyArgs): GrantPolicies {
    const { name, parent, grants, where } = args;
    const inlineBudget = INLINE_POLICY_LIMIT - args.runtimeSize;
    const layout = planAwsGrants(
        grants.map((g) => ({
            ...g.grant,
            resource: standIn(g.literalTarget, g.grant.name, "target"),
            key: g.key === undefined ? undefined : standIn(g.literalKey, g.grant.name, "key"),
        })),
        { ...ASSUMED_LOCATION, defaultConditions: args.defaultConditions },
        { inlineBudget },
    );
    const resolve = (
        subset: readonly NormalizedAwsGrant[],
    ): pulumi.Output<AwsPlannedPermission[]> =>
        pulumi
            .all([
                where,
                pulumi.all(subset.map((g) => g.target)),
                pulumi.all(subset.map((g) => g.key ?? "")),
            ])
            .apply(
                ([location, arns, keys]) =>
                    planAwsGrants(
                        subset.map((g, i): PlannableGrant => ({
                            ...g.grant,
                            resource: arns[i] ?? "",
                            key: keys[i] === "" ? undefined : keys[i],
                        })),
                        { ...location, defaultConditions: args.defaultConditions },
                        { inlineBudget: Number.POSITIVE_INFINITY },
                    ).permissions,
            );

    const resources: pulumi.Resource[] = [];
    for (const doc of layout.documents) {
        const subset = grants.filter((g) => doc.grants.includes(g.grant.name));
        const limit = doc.placement === "inline" ? inlineBudget : MANAGED_POLICY_LIMIT;
        const policy = resolve(subset).apply((permissions) => {
            const json = JSON.stringify(policyDocument(mergeStatements(permissions)));
            if (json.length > limit) {
                throw new Error(
                    `the policy for grants ${doc.grants.join(", ")} of '${name}' has ${json.length} characters, over the ${limit} AWS allows; its target ARNs are longer than planned (${ASSUMED_ARN_LENGTH}); split the grants over functions or pass the ARNs as strings`,
                );
            }
            return json;
        });
        if (doc.placement === "inline") {
            resources.push(
                new aws.iam.RolePolicy(
                    `${name}-grants`,
                    { role: args.roleName, policy },
                    { parent },
                ),
            );
        } else {
            const childName = `${name}-grants-${doc.key}`;
            const managed = new aws.iam.Policy(
                childName,
                {
                    description: `Grants ${doc.grants.join(", ")} of the function '${name}'.`,
                    policy,
                    tags: args.tags,
                },
                { parent },
            );
            resources.push(
                managed,
                new aws.iam.RolePolicyAttachment(
                    childName,
                    { role: args.roleName, policyArn: managed.arn },
                    { parent },
                ),
            );
        }
    }
    return { resources, permissions: resolve(grants) };
}
