import * as assert from "assert";
import { effectivePermissions } from "../../../../policypack/lib/aws/effective-permissions";
import { functionIdentities } from "../../../../policypack/lib/aws/function-identities";
import type { StackResource } from "../../../../policypack/lib/stack/resource";

const ACCOUNT = "111122223333";
const READ = JSON.stringify({
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
});

function r(
    type: string,
    name: string,
    props: Record<string, unknown>,
    deps: Record<string, StackResource[]> = {},
): StackResource {
    return {
        type,
        name,
        urn: `urn:pulumi:t::p::${type}::${name}`,
        props,
        propertyDependencies: deps,
    };
}

const role = r("aws:iam/role:Role", "fn-role", {
    name: "fn-role",
    arn: `arn:aws:iam::${ACCOUNT}:role/fn-role`,
    inlinePolicies: [{ name: "own", policy: READ }],
    managedPolicyArns: [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        `arn:aws:iam::${ACCOUNT}:policy/elsewhere`,
    ],
});
const policy = r("aws:iam/policy:Policy", "shared", {
    arn: `arn:aws:iam::${ACCOUNT}:policy/shared`,
    name: "shared",
    policy: READ,
});

describe("effective permissions of AWS roles", () => {
    it("collects every path by which a policy reaches a role, each once", () => {
        const resources = [
            role,
            policy,
            r("aws:iam/rolePolicy:RolePolicy", "extra", { role: "fn-role", policy: READ }),
            r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a1", {
                role: "fn-role",
                policyArn: policy.props["arn"],
            }),
            r("aws:iam/policyAttachment:PolicyAttachment", "a2", {
                roles: ["fn-role"],
                policyArn: "arn:aws:iam::aws:policy/IAMFullAccess",
            }),
        ];
        const permissions = effectivePermissions(resources).get(role.urn);
        assert.deepStrictEqual(
            permissions?.sources.map((s) => [s.path, s.description, s.problem ?? ""]),
            [
                ["inlinePolicies", "inline policy 'own' of aws:iam/role:Role 'fn-role'", ""],
                ["RolePolicy", "aws:iam/rolePolicy:RolePolicy 'extra'", ""],
                [
                    "managedPolicyArns",
                    "AWS-managed policy 'AWSLambdaBasicExecutionRole' in managedPolicyArns of aws:iam/role:Role 'fn-role'",
                    "",
                ],
                [
                    "managedPolicyArns",
                    `policy 'arn:aws:iam::${ACCOUNT}:policy/elsewhere' in managedPolicyArns of aws:iam/role:Role 'fn-role'`,
                    "it is a customer-managed policy outside this stack, so its document is unknown",
                ],
                [
                    "RolePolicyAttachment",
                    "aws:iam/policy:Policy 'shared' attached by aws:iam/rolePolicyAttachment:RolePolicyAttachment 'a1'",
                    "",
                ],
                [
                    "PolicyAttachment",
                    "AWS-managed policy 'IAMFullAccess' attached by aws:iam/policyAttachment:PolicyAttachment 'a2'",
                    "",
                ],
            ],
        );
    });

    it("reads only the documents of the roles asked for", () => {
        const other = r("aws:iam/role:Role", "other", {
            get inlinePolicies(): unknown {
                throw new Error("read a document of a role nobody asked about");
            },
        });
        const result = effectivePermissions([role, other], new Set([role.urn]));
        assert.deepStrictEqual([...result.keys()], [role.urn]);
    });

    it("finds the role of each function by ARN, or by dependency when the ARN is not a value", () => {
        const byArn = r("aws:lambda/function:Function", "a", { role: role.props["arn"] });
        const byDependency = r("aws:lambda/function:Function", "b", { role: 42 }, { role: [role] });
        const external = r("aws:lambda/function:Function", "c", {
            role: `arn:aws:iam::${ACCOUNT}:role/legacy`,
        });
        const identities = functionIdentities([role, byArn, byDependency, external]);
        assert.deepStrictEqual(
            identities.map((i) => [i.role?.name, i.roleArn, i.functions.map((f) => f.name)]),
            [
                ["fn-role", role.props["arn"], ["a", "b"]],
                [undefined, `arn:aws:iam::${ACCOUNT}:role/legacy`, ["c"]],
            ],
        );
    });
});
