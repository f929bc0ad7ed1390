import * as assert from "assert";
import { awsIamNoPrivilegeEscalation } from "../../../../policypack/policies/aws/aws-iam-no-privilege-escalation";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import {
    ACCOUNT,
    type Dependencies,
    doc,
    lambda,
    resource,
    role,
    withDependencies,
} from "./stack-fixtures";

const PUT_ROLE_POLICY = doc({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" });
const PUT_ROLE_POLICY_KEY = "aws-iam-no-privilege-escalation[Method::cloudsplaining:PutRolePolicy]";
const CUSTOMER_POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/escalate`;
const customerPolicy = resource("aws:iam/policy:Policy", "escalate", {
    arn: CUSTOMER_POLICY_ARN,
    name: "escalate",
    policy: PUT_ROLE_POLICY,
});

async function keys(
    resources: HarnessResource[],
    options?: HarnessOptions,
    dependencies?: Dependencies,
) {
    const policy = withDependencies(awsIamNoPrivilegeEscalation, dependencies ?? {});
    const result = await runStackPolicy(policy, resources, options);
    return result.violations.map((v) => v.findingKey);
}

describe("aws-iam-no-privilege-escalation", () => {
    it("passes a function whose role only reads its bucket and writes its logs", async () => {
        const scoped = doc(
            { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::uploads/*" },
            {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: "*",
            },
        );
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role", { inlinePolicies: [{ name: "grants", policy: scoped }] }),
            lambda("fn", "fn-role"),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports a method completed by an inline policy, naming the method, its source and the grant", async () => {
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role", { inlinePolicies: [{ name: "ops", policy: PUT_ROLE_POLICY }] }),
            lambda("fn", "fn-role"),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/role:Role 'fn-role' (used by function 'fn') can escalate privileges by cloudsplaining " +
                    "method 'cloudsplaining:PutRolePolicy' (https://pathfinding.cloud/paths/iam-005): it is " +
                    "granted 'iam:PutRolePolicy' on '*' from inline policy 'ops' of aws:iam/role:Role 'fn-role' " +
                    "[Method::cloudsplaining:PutRolePolicy]",
            ],
        );
        assert.strictEqual(
            result.violations[0]?.urn,
            "urn:pulumi:test::perimeter::aws:iam/role:Role::fn-role",
        );
    });

    it("leaves a role granted every action to aws-iam-no-admin-access, rather than naming every method", async () => {
        const admin = doc({ Effect: "Allow", Action: "*", Resource: "*" });
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role", { inlinePolicies: [{ name: "admin", policy: admin }] }),
            lambda("fn", "fn-role"),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports a method completed by a RolePolicy naming the role", async () => {
        const rolePolicy = resource("aws:iam/rolePolicy:RolePolicy", "ops", {
            role: "fn-role",
            policy: PUT_ROLE_POLICY,
        });
        assert.deepStrictEqual(await keys([role("fn-role"), lambda("fn", "fn-role"), rolePolicy]), [
            PUT_ROLE_POLICY_KEY,
        ]);
    });

    it("reports a customer-managed Policy reaching the role through managedPolicyArns", async () => {
        const withArn = role("fn-role", { managedPolicyArns: [CUSTOMER_POLICY_ARN] });
        assert.deepStrictEqual(await keys([withArn, lambda("fn", "fn-role"), customerPolicy]), [
            PUT_ROLE_POLICY_KEY,
        ]);
    });

    it("reports a customer-managed Policy attached by RolePolicyAttachment, PolicyAttachment or the exclusive attachments", async () => {
        const attachments = [
            resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", {
                role: "fn-role",
                policyArn: CUSTOMER_POLICY_ARN,
            }),
            resource("aws:iam/policyAttachment:PolicyAttachment", "a", {
                roles: ["other", "fn-role"],
                policyArn: CUSTOMER_POLICY_ARN,
            }),
            resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "a", {
                roleName: "fn-role",
                policyArns: [CUSTOMER_POLICY_ARN],
            }),
        ];
        for (const attachment of attachments) {
            assert.deepStrictEqual(
                await keys([role("fn-role"), lambda("fn", "fn-role"), customerPolicy, attachment]),
                [PUT_ROLE_POLICY_KEY],
                attachment.type,
            );
        }
    });

    it("counts the inline policies a RolePoliciesExclusive keeps on the role", async () => {
        // The RolePolicy names its role by an unknown value with no dependency; only the exclusive
        // resource ties it to the role.
        const kept = resource("aws:iam/rolePolicy:RolePolicy", "kept", {
            name: "kept",
            role: UNKNOWN,
            policy: PUT_ROLE_POLICY,
        });
        const exclusive = resource("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "only", {
            roleName: "fn-role",
            policyNames: ["kept"],
        });
        assert.deepStrictEqual(
            await keys([role("fn-role"), lambda("fn", "fn-role"), kept, exclusive]),
            [PUT_ROLE_POLICY_KEY],
        );
    });

    it("reports methods an AWS-managed policy completes, with the condition it carries", async () => {
        const attachment = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "full", {
            role: "fn-role",
            policyArn: "arn:aws:iam::aws:policy/AWSLambda_FullAccess",
        });
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role"),
            lambda("fn", "fn-role"),
            attachment,
        ]);
        const found = result.violations.map((v) => v.findingKey);
        assert.ok(
            found.includes(
                "aws-iam-no-privilege-escalation[Method::cloudsplaining:EditExistingLambdaFunctionWithRole]",
            ),
        );
        const passRole = result.violations.find((v) =>
            v.message.includes("PassExistingRoleToNewLambdaThenInvoke"),
        );
        assert.match(
            passRole?.message ?? "",
            /'iam:PassRole' on '\*' from AWS-managed policy 'AWSLambda_FullAccess' attached by aws:iam\/rolePolicyAttachment:RolePolicyAttachment 'full' when conditions on 'iam:PassedToService' hold/,
        );
    });

    it("judges each action on the resources it is allowed on: AWS managed policies are no lever", async () => {
        // Issue 14: CreatePolicyVersion only on the AWS-managed namespace, which no customer can
        // write, is no path; on the customer's own policies it is, and the message says where.
        const onManaged = doc({
            Effect: "Allow",
            Action: "iam:CreatePolicyVersion",
            Resource: "arn:aws:iam::aws:policy/*",
        });
        const managed = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role", { inlinePolicies: [{ name: "ops", policy: onManaged }] }),
            lambda("fn", "fn-role"),
        ]);
        assert.deepStrictEqual(managed.violations, []);
        const own = doc({
            Effect: "Allow",
            Action: "iam:CreatePolicyVersion",
            Resource: `arn:aws:iam::${ACCOUNT}:policy/app-*`,
        });
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role", { inlinePolicies: [{ name: "ops", policy: own }] }),
            lambda("fn", "fn-role"),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["aws-iam-no-privilege-escalation[Method::cloudsplaining:CreateNewPolicyVersion]"],
        );
        assert.match(
            result.violations[0]?.message ?? "",
            new RegExp(`'iam:CreatePolicyVersion' on 'arn:aws:iam::${ACCOUNT}:policy/app-\\*'`),
        );
    });

    it("does not count an action allowed only on resources of another type", async () => {
        // PassRole names roles; allowed on a bucket it passes nothing.
        const onBucket = doc(
            { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:s3:::uploads/*" },
            {
                Effect: "Allow",
                Action: ["lambda:CreateFunction", "lambda:InvokeFunction"],
                Resource: "*",
            },
        );
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role", { inlinePolicies: [{ name: "ops", policy: onBucket }] }),
            lambda("fn", "fn-role"),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("does not count an action a Deny on every resource takes back", async () => {
        const denied = doc(
            { Effect: "Allow", Action: "iam:*", Resource: "*" },
            { Effect: "Deny", Action: "iam:*", Resource: "*" },
        );
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role", { inlinePolicies: [{ name: "x", policy: denied }] }),
            lambda("fn", "fn-role"),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("ignores roles no function runs as", async () => {
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("admin-role", { inlinePolicies: [{ name: "ops", policy: PUT_ROLE_POLICY }] }),
            role("fn-role"),
            lambda("fn", "fn-role"),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("links by property dependencies when role names and ARNs are unknown in preview", async () => {
        const previewRole = role("fn-role", { name: UNKNOWN, arn: UNKNOWN });
        const fn = lambda("fn", "fn-role", { role: UNKNOWN });
        const rolePolicy = resource("aws:iam/rolePolicy:RolePolicy", "ops", {
            role: UNKNOWN,
            policy: PUT_ROLE_POLICY,
        });
        const dependencies = { fn: { role: ["fn-role"] }, ops: { role: ["fn-role"] } };
        assert.deepStrictEqual(await keys([previewRole, fn, rolePolicy], {}, dependencies), [
            PUT_ROLE_POLICY_KEY,
        ]);
        assert.deepStrictEqual(await keys([previewRole, fn, rolePolicy]), []);
    });

    it("cannot run during preview when a function role's document is unknown", async () => {
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role"),
            lambda("fn", "fn-role"),
            resource("aws:iam/rolePolicy:RolePolicy", "ops", { role: "fn-role", policy: UNKNOWN }),
        ]);
        assert.match(
            result.unknown ?? "",
            /can't run policy 'aws-iam-no-privilege-escalation' during preview: .*\.policy/,
        );
    });

    it("allows a method listed in allowedMethods, and honours exemptions of one method", async () => {
        const resources = [
            role("fn-role", { inlinePolicies: [{ name: "ops", policy: PUT_ROLE_POLICY }] }),
            lambda("fn", "fn-role"),
        ];
        assert.deepStrictEqual(
            await keys(resources, { config: { allowedMethods: ["cloudsplaining:PutRolePolicy"] } }),
            [],
        );
        const exempted = await runStackPolicy(awsIamNoPrivilegeEscalation, resources, {
            config: {
                exemptions: [
                    {
                        resource: "fn-role",
                        reason: "Role vending function, SEC-7",
                        finding: "Method::cloudsplaining:PutRolePolicy",
                    },
                ],
            },
        });
        assert.deepStrictEqual(exempted.violations, []);
        assert.deepStrictEqual(
            exempted.exemptions.map((e) => e.findingKey),
            [PUT_ROLE_POLICY_KEY],
        );
    });

    it("is not applicable in effect to a stack without functions: it reports nothing", async () => {
        const result = await runStackPolicy(awsIamNoPrivilegeEscalation, [
            role("fn-role", { inlinePolicies: [{ name: "ops", policy: PUT_ROLE_POLICY }] }),
        ]);
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.enforcementLevel, "mandatory");
    });
});
