/**
 * Whether an action allowed on a resource pattern can be the lever of an escalation method: the
 * pattern can name a resource the action acts on (its resource types in the Service Authorization
 * Reference, data/aws-iam-risks.json `actionResources`), and that resource can be changed by a
 * customer. An AWS managed policy (`arn:aws:iam::aws:policy/...`) cannot: "You cannot change the
 * permissions defined in AWS managed policies"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies),
 * so `iam:CreatePolicyVersion` allowed only there opens no path. Read by
 * aws-iam-no-privilege-escalation and the identity graph alike.
 */
import { disjointPatterns } from "./deny";
import { escalationActionResources } from "./risks";

/** `arn:<partition>:iam::aws:policy/...`: the AWS managed policies, which only AWS writes. */
const AWS_MANAGED_POLICY = /^arn:[^:]*:iam::aws:policy\//;

/** ARN segments (arn, partition, service, region, account, resource); the resource keeps its colons. */
function segments(arn: string): string[] {
    const parts = arn.split(":");
    return parts.length < 6 ? [arn] : [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** Whether two ARN patterns cannot name the same resource: a literal segment that differs. */
function disjointArns(a: string, b: string): boolean {
    const sa = segments(a);
    const sb = segments(b);
    if (sa.length === 6 && sb.length === 6) {
        // Service and account segments without wildcards must be equal; the resource part is compared
        // as a glob. A wildcard in an earlier segment may span colons, so those are not compared.
        for (const index of [2, 4]) {
            const x = sa[index] ?? "";
            const y = sb[index] ?? "";
            if (!/[*?]/.test(x) && !/[*?]/.test(y) && x !== y) {
                return true;
            }
        }
        return disjointPatterns(sa[5] ?? "", sb[5] ?? "");
    }
    return disjointPatterns(a, b);
}

/** Whether `action` allowed on `resource` can serve an escalation method. */
export function isLever(action: string, resource: string): boolean {
    const arns = escalationActionResources(action);
    if (arns === undefined || arns.includes("*") || /^\*+$/.test(resource)) {
        return true;
    }
    if (AWS_MANAGED_POLICY.test(resource)) {
        return false;
    }
    return arns.some((arn) => !disjointArns(arn, resource));
}

/** The patterns among `resources` on which `action` can serve an escalation method. */
export function leverResources(action: string, resources: readonly string[]): string[] {
    return resources.filter((r) => isLever(action, r));
}
