/**
 * Creates the policies of a function's role from one plan (role-plan.ts): the plan is made once at
 * construction with placeholders for the values not known yet, and each document is rendered in one
 * apply over the values it holds.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsGrantConditions } from "./conditions";
import type { AwsLocation } from "./identity";
import type { NormalizedAwsGrant } from "./normalize";
import { type AwsPlannedPermission, policyDocument, targetArn } from "./plan";
import {
    ASSUMED_ARN_LENGTH,
    ASSUMED_LOCATION,
    type AwsRoleDocument,
    fillPlaceholders,
    placeholder,
    placeholdersIn,
    planRole,
    type RuntimeFeatures,
} from "./role-plan";

export interface RolePolicies {
    /** What the function must wait for: the runtime policy and every policy carrying a grant. */
    readonly resources: pulumi.Resource[];
    readonly permissions: pulumi.Output<AwsPlannedPermission[]>;
    readonly runtimePermissions: pulumi.Output<AwsPlannedPermission[]>;
}

export interface RolePolicyArgs {
    readonly name: string;
    readonly parent: pulumi.Resource;
    readonly roleName: pulumi.Input<string>;
    readonly grants: readonly NormalizedAwsGrant[];
    readonly where: pulumi.Output<AwsLocation>;
    readonly logGroupArn: pulumi.Output<string>;
    /** The log group's name, fixed at construction: the length of its ARN is known up front. */
    readonly logGroupName: string;
    readonly features: RuntimeFeatures;
    readonly defaultConditions?: AwsGrantConditions;
    readonly tags?: Record<string, string>;
}

/** The values a plan holds placeholders for, and how to render text that holds them. */
class PlanValues {
    private readonly values: pulumi.Output<string>[] = [];

    /** A placeholder for `value`, assumed `length` characters long. */
    add(value: pulumi.Output<string>, length: number): string {
        this.values.push(value);
        return placeholder(this.values.length - 1, length);
    }

    /** `text` with its placeholders filled, in one apply over the values it holds. */
    render(text: string): pulumi.Output<string> {
        const indices = placeholdersIn(text);
        return pulumi
            .all(indices.map((i) => this.values[i] as pulumi.Output<string>))
            .apply((resolved) =>
                fillPlaceholders(text, new Map(indices.map((i, n) => [i, resolved[n] ?? ""]))),
            );
    }
}

export function createRolePolicies(args: RolePolicyArgs): RolePolicies {
    const { name, grants, where } = args;
    const values = new PlanValues();
    const location = {
        partition: values.add(
            where.apply((w) => w.partition),
            ASSUMED_LOCATION.partition.length,
        ),
        region: values.add(
            where.apply((w) => w.region),
            ASSUMED_LOCATION.region.length,
        ),
        account: values.add(
            where.apply((w) => w.account),
            ASSUMED_LOCATION.account.length,
        ),
    };
    const assumedLogGroupArn = `arn:${ASSUMED_LOCATION.partition}:logs:${ASSUMED_LOCATION.region}:${ASSUMED_LOCATION.account}:log-group:${args.logGroupName}`;
    const plan = planRole({
        grants: grants.map((g) => ({
            ...g.grant,
            // An SSM path that is an Output becomes its parameter's ARN once the location is known.
            resource:
                g.literalTarget ??
                values.add(
                    pulumi
                        .all([where, g.target])
                        .apply(([w, t]) =>
                            targetArn({ ...g.grant, resource: t, key: undefined }, w),
                        ),
                    ASSUMED_ARN_LENGTH,
                ),
            key:
                g.key === undefined
                    ? undefined
                    : (g.literalKey ?? values.add(g.key, ASSUMED_ARN_LENGTH)),
        })),
        context: { ...location, defaultConditions: args.defaultConditions },
        logGroupArn: values.add(args.logGroupArn, assumedLogGroupArn.length),
        features: args.features,
    });

    const resources = plan.documents.flatMap((doc) =>
        createDocument(args, doc, renderDocument(values, doc, name)),
    );
    const asData = (permissions: readonly AwsPlannedPermission[]) =>
        values
            .render(JSON.stringify(permissions))
            .apply((json) => JSON.parse(json) as AwsPlannedPermission[]);
    return {
        resources,
        permissions: asData(plan.permissions),
        runtimePermissions: asData(plan.runtimePermissions),
    };
}

/** The document's JSON once its values are known; over its limit (a value longer than assumed) it fails the update. */
function renderDocument(
    values: PlanValues,
    doc: AwsRoleDocument,
    component: string,
): pulumi.Output<string> {
    return values.render(JSON.stringify(policyDocument(doc.statements))).apply((json) => {
        if (json.length > doc.limit) {
            const what = doc.grants.length > 0 ? `grants ${doc.grants.join(", ")}` : "runtime";
            throw new Error(
                `the ${what} policy of '${component}' has ${json.length} characters, over the ${doc.limit} AWS allows; its target ARNs are longer than planned (${ASSUMED_ARN_LENGTH}); split the grants over functions or pass the ARNs as strings`,
            );
        }
        return json;
    });
}

/** The runtime and inline documents are inline policies of the role; a managed one is attached. */
function createDocument(
    args: RolePolicyArgs,
    doc: AwsRoleDocument,
    policy: pulumi.Output<string>,
): pulumi.Resource[] {
    const { name, parent, roleName } = args;
    if (doc.placement !== "managed") {
        const suffix = doc.placement === "runtime" ? "runtime" : "grants";
        return [
            new aws.iam.RolePolicy(`${name}-${suffix}`, { role: roleName, policy }, { parent }),
        ];
    }
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
    return [
        managed,
        new aws.iam.RolePolicyAttachment(
            childName,
            { role: roleName, policyArn: managed.arn },
            { parent },
        ),
    ];
}

/**
 * Exclusive ownership of a role's policy set: its inline policies are exactly the component's
 * `RolePolicy` resources and its managed attachments exactly the component's own. Both resources are
 * in the pinned provider (@pulumi/aws 7.48.0, iam/rolePoliciesExclusive.d.ts and
 * iam/rolePolicyAttachmentsExclusive.d.ts): "Policies attached to this role but not configured in this
 * argument will be removed". The provider's note: drift in them is detected by `pulumi refresh` (or
 * `pulumi up --refresh`), not by a plain `pulumi up` (pulumi-aws#4766).
 */
export function ownPolicySet(
    name: string,
    roleName: pulumi.Input<string>,
    policies: readonly pulumi.Resource[],
    parent: pulumi.Resource,
): pulumi.Resource[] {
    const inline = policies.filter((p): p is aws.iam.RolePolicy =>
        aws.iam.RolePolicy.isInstance(p),
    );
    const attachments = policies.filter((p): p is aws.iam.RolePolicyAttachment =>
        aws.iam.RolePolicyAttachment.isInstance(p),
    );
    return [
        new aws.iam.RolePoliciesExclusive(
            `${name}-inline-policies`,
            { roleName, policyNames: inline.map((p) => p.name) },
            { parent, dependsOn: inline },
        ),
        new aws.iam.RolePolicyAttachmentsExclusive(
            `${name}-attached-policies`,
            { roleName, policyArns: attachments.map((a) => a.policyArn) },
            { parent, dependsOn: attachments },
        ),
    ];
}
