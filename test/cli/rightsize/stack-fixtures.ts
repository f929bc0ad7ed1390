/** Stacks of one Lambda function and its role, as the pack's readers see them (policypack/lib/stack-view.ts). */
import { stackResourcesOf, type StackResourceInput } from "../../../policypack/lib/stack-view";
import type { StackResource } from "../../../policypack/lib/stack/resource";
import { LAMBDA_TRUST_POLICY } from "../export-builder";

const urn = (type: string, name: string) => `urn:pulumi:dev::shop::${type}::${name}`;

export function resource(
    type: string,
    name: string,
    props: Record<string, unknown>,
): StackResourceInput {
    return { urn: urn(type, name), type, name, props, propertyDependencies: {} };
}

export const ROLE_ARN = "arn:aws:iam::123456789012:role/orders-fn-role";

/** The role `orders-fn-role` with one inline policy, and the function `orders` running as it. */
export function ordersStack(policy: unknown, extra: StackResourceInput[] = []): StackResource[] {
    return stackResourcesOf([
        resource("aws:iam/role:Role", "orders-fn-role", {
            name: "orders-fn-role",
            arn: ROLE_ARN,
            assumeRolePolicy: LAMBDA_TRUST_POLICY,
        }),
        resource("aws:iam/rolePolicy:RolePolicy", "orders-access", {
            role: "orders-fn-role",
            policy: JSON.stringify(policy),
        }),
        resource("aws:lambda/function:Function", "orders", { name: "orders", role: ROLE_ARN }),
        ...extra,
    ]);
}
