/**
 * One request judged by an IAM policy simulator (@cloud-copilot/iam-simulate, a test-only AGPL
 * dependency): the role `orders-fn` of account 123456789012 with `policy` as its identity policy.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";

export const ACCOUNT = "123456789012";
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-fn`;

/** KMS reads identity policies only when the key policy lets the account delegate (the default). */
const DEFAULT_KEY_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "Enable IAM User Permissions",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "kms:*",
            Resource: "*",
        },
    ],
};

/** `Allowed`, `ImplicitlyDenied` or `ExplicitlyDenied`. */
export async function decision(
    policy: object,
    action: string,
    resource: string,
    context: Record<string, string> = {},
): Promise<string> {
    const result = await runSimulation(
        {
            identityPolicies: [{ name: "grants", policy }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            // KMS Developer Guide, "Default key policy".
            ...(action.startsWith("kms:") ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
            request: {
                principal: ROLE,
                action,
                resource: { resource, accountId: ACCOUNT },
                contextVariables: context,
            },
        },
        {},
    );
    if (result.resultType === "error") {
        throw new Error(`${action} on ${resource}: ${JSON.stringify(result.errors)}`);
    }
    return result.overallResult;
}
