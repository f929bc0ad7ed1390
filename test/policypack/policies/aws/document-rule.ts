/** Running a document rule on one policy document, for the tests of the rules that judge documents. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type HarnessOptions, type HarnessResult, runResourcePolicy } from "../../harness";

export function statement(
    action: string | string[],
    resource: string | string[] = "*",
    extra: object = {},
) {
    return { Effect: "Allow", Action: action, Resource: resource, ...extra };
}

export function judgeDocument(
    policy: ResourceValidationPolicy,
    statements: object[],
    options?: HarnessOptions,
    type = "aws:iam/policy:Policy",
): Promise<HarnessResult> {
    const document = JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const props =
        type === "aws:iam/role:Role"
            ? { inlinePolicies: [{ name: "grants", policy: document }] }
            : { policy: document };
    return runResourcePolicy(policy, { type, name: "fn-policy", props }, options);
}

export async function documentKeys(
    policy: ResourceValidationPolicy,
    statements: object[],
    options?: HarnessOptions,
): Promise<(string | undefined)[]> {
    return (await judgeDocument(policy, statements, options)).violations.map((v) => v.findingKey);
}
