/**
 * A validated grant, read once: its target and key as one checked `Output<string>` each (and as a
 * literal when the program gave one, for laying out the policies before anything resolves), and the
 * callee when the target is another AwsFunction. Everything after validation reads this, never the
 * `resource` union again.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AwsFunctionTarget, AwsGrant } from "./args";
import { type AwsAccessEntry, awsAccessEntry } from "./grants";
import { isFunctionTarget, targetProblem } from "./validate";

export interface NormalizedAwsGrant {
    /** The grant as given: name, access, prefix, conditions. */
    readonly grant: AwsGrant;
    readonly entry: AwsAccessEntry;
    /** The target's ARN (an SSM path for `ssm:read`), checked once it resolves. */
    readonly target: pulumi.Output<string>;
    /** The target as a string when the program gave one. */
    readonly literalTarget?: string;
    /** The callee, when the target is another AwsFunction. */
    readonly callee?: AwsFunctionTarget;
    /** The target's KMS key ARN, checked once it resolves. */
    readonly key?: pulumi.Output<string>;
    readonly literalKey?: string;
}

/**
 * Reads each grant's target once. Literal values were checked by validation before anything was
 * created; values that are Outputs get the same check once they resolve, which fails the update with
 * the grant, the value and the fix (a table's ARN for `s3:read`, `*`) instead of becoming a policy.
 */
export function normalizeAwsGrants(
    grants: readonly AwsGrant[],
    component: string,
    parent: pulumi.Resource,
): NormalizedAwsGrant[] {
    return grants.map((grant) => {
        const entry = awsAccessEntry(grant.access);
        const fail = (what: string, problem: string): never => {
            throw new pulumi.ResourceError(
                `AwsFunction '${component}' has a problem with its arguments once its targets are known:\n` +
                    `  - \`grants\` '${grant.name}' (${grant.access}): the ${what} ${problem}`,
                parent,
            );
        };
        const checked = (value: pulumi.Input<string>, what: string, against: AwsAccessEntry) =>
            pulumi.output(value).apply((arn) => {
                const problem = targetProblem(against, arn);
                return problem === undefined ? arn : fail(what, problem);
            });
        const resource: unknown = grant.resource;
        const callee = isFunctionTarget(resource) ? resource : undefined;
        const keyEntry = awsAccessEntry("kms:decrypt");
        return {
            grant,
            entry,
            target: callee
                ? callee.functionArn
                : checked(resource as pulumi.Input<string>, "resource", entry),
            ...(typeof resource === "string" ? { literalTarget: resource } : {}),
            ...(callee ? { callee } : {}),
            ...(grant.key === undefined ? {} : { key: checked(grant.key, "key", keyEntry) }),
            ...(typeof grant.key === "string" ? { literalKey: grant.key } : {}),
        };
    });
}
