import * as assert from "assert";
import { awsIamNoAdminAccess } from "../../../../policypack/policies/aws/aws-iam-no-admin-access";
import { runResourcePolicy, UNKNOWN, UNKNOWN_ARRAY, type HarnessOptions } from "../../harness";

const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";

function doc(...statements: object[]) {
    return { Version: "2012-10-17", Statement: statements };
}

const allowAll = { Effect: "Allow", Action: "*", Resource: "*" };
const scoped = { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::uploads/*" };

function judge(type: string, props: Record<string, unknown>, options?: HarnessOptions) {
    return runResourcePolicy(awsIamNoAdminAccess, { type, name: "fn-policy", props }, options);
}

async function messages(type: string, props: Record<string, unknown>) {
    return (await judge(type, props)).violations.map((v) => v.message);
}

describe("aws-iam-no-admin-access", () => {
    it("passes a policy that names its actions and resources", async () => {
        const result = await judge("aws:iam/rolePolicy:RolePolicy", {
            policy: doc(scoped),
            role: "r",
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.notApplicable, undefined);
    });

    it("passes a Deny of every action", async () => {
        const deny = { Effect: "Deny", Action: "*", Resource: "*" };
        assert.deepStrictEqual(
            await messages("aws:iam/policy:Policy", { policy: doc(scoped, deny) }),
            [],
        );
    });

    it("reports Allow of '*' on '*' in a role policy, naming the resource and the action", async () => {
        assert.deepStrictEqual(
            await messages("aws:iam/rolePolicy:RolePolicy", {
                policy: JSON.stringify(doc(allowAll)),
            }),
            ["aws:iam/rolePolicy:RolePolicy 'fn-policy' allows action '*' on '*' [Action::*]"],
        );
    });

    for (const type of [
        "aws:iam/policy:Policy",
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/groupPolicy:GroupPolicy",
    ]) {
        it(`reports an admin document in the policy of ${type}, as JSON text or as an object`, async () => {
            for (const policy of [doc(allowAll), JSON.stringify(doc(allowAll))]) {
                const result = await judge(type, { policy });
                assert.deepStrictEqual(
                    result.violations.map((v) => v.findingKey),
                    ["aws-iam-no-admin-access[Action::*]"],
                );
            }
        });
    }

    it("reports every action pattern that matches all actions, given as a string or in a list", async () => {
        const result = await judge("aws:iam/policy:Policy", {
            policy: doc(
                { Effect: "Allow", Action: "*:*", Resource: "*" },
                { Effect: "Allow", Action: ["s3:GetObject", "**"], Resource: ["arn:a", "arn:b"] },
            ),
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/policy:Policy 'fn-policy' allows action '*:*' on '*' [Action::*:*]",
                "aws:iam/policy:Policy 'fn-policy' allows action '**' on 'arn:a', 'arn:b' [Action::**]",
            ],
        );
    });

    it("does not report a service wildcard, which another policy judges", async () => {
        const s3 = { Effect: "Allow", Action: "s3:*", Resource: "*" };
        assert.deepStrictEqual(await messages("aws:iam/policy:Policy", { policy: doc(s3) }), []);
    });

    it("reports Allow with NotAction, which grants everything not listed", async () => {
        const notAction = {
            Effect: "Allow",
            NotAction: ["iam:*", "organizations:*"],
            Resource: "*",
        };
        assert.deepStrictEqual(
            await messages("aws:iam/userPolicy:UserPolicy", { policy: doc(notAction) }),
            [
                "aws:iam/userPolicy:UserPolicy 'fn-policy' allows every action except 'iam:*', 'organizations:*' on '*' (Allow with NotAction) [NotAction::iam:*,organizations:*]",
            ],
        );
    });

    it("mentions the condition keys of a conditional admin grant", async () => {
        const conditional = {
            ...allowAll,
            Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
        };
        const [message] = await messages("aws:iam/policy:Policy", { policy: doc(conditional) });
        assert.match(
            message ?? "",
            /allows action '\*' on '\*' when conditions on 'aws:SourceIp' hold \[Action::\*\]$/,
        );
    });

    it("reports admin grants in a role's inline policies, naming the inline policy", async () => {
        const result = await judge("aws:iam/role:Role", {
            assumeRolePolicy: doc({
                Effect: "Allow",
                Principal: { Service: "lambda.amazonaws.com" },
                Action: "sts:AssumeRole",
            }),
            inlinePolicies: [
                { name: "logs", policy: JSON.stringify(doc(scoped)) },
                { name: "admin", policy: JSON.stringify(doc(allowAll)) },
            ],
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/role:Role 'fn-policy' inline policy 'admin' allows action '*' on '*' [Action::*]",
            ],
        );
    });

    it("reports AdministratorAccess in a role's managed policy ARNs", async () => {
        const result = await judge("aws:iam/role:Role", {
            managedPolicyArns: [
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                ADMIN_ARN,
            ],
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                `aws:iam/role:Role 'fn-policy' attaches '${ADMIN_ARN}', which grants administrator access [ManagedPolicy::${ADMIN_ARN}]`,
            ],
        );
    });

    for (const type of [
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    ]) {
        it(`reports ${type} of AdministratorAccess in any partition`, async () => {
            for (const arn of [ADMIN_ARN, "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"]) {
                const result = await judge(type, { policyArn: arn });
                assert.deepStrictEqual(
                    result.violations.map((v) => v.findingKey),
                    [`aws-iam-no-admin-access[ManagedPolicy::${arn}]`],
                );
            }
            const benign = await judge(type, {
                policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
            });
            assert.deepStrictEqual(benign.violations, []);
        });
    }

    it("reports AdministratorAccess among exclusive policy attachments", async () => {
        const result = await judge(
            "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
            {
                roleName: "r",
                policyArns: [ADMIN_ARN],
            },
        );
        assert.strictEqual(result.violations.length, 1);
    });

    it("reports AWS-managed policies that allow every action but a few, on every attachment path", async () => {
        const power = "arn:aws:iam::aws:policy/PowerUserAccess";
        const cases: [string, Record<string, unknown>][] = [
            ["aws:iam/role:Role", { managedPolicyArns: [power] }],
            ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: power }],
            ["aws:iam/policyAttachment:PolicyAttachment", { roles: ["r"], policyArn: power }],
            [
                "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
                { roleName: "r", policyArns: [power] },
            ],
        ];
        for (const [type, props] of cases) {
            const result = await judge(type, props);
            assert.deepStrictEqual(
                result.violations.map((v) => v.findingKey),
                [`aws-iam-no-admin-access[ManagedPolicy::${power}]`],
                type,
            );
        }
        const benign = await judge("aws:iam/role:Role", {
            managedPolicyArns: ["arn:aws:iam::aws:policy/AWSLambda_FullAccess"],
        });
        assert.deepStrictEqual(benign.violations, []);
    });

    it("does not mistake a customer policy named AdministratorAccess for the AWS one", async () => {
        const result = await judge("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
            policyArn: "arn:aws:iam::123456789012:policy/AdministratorAccess",
        });
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports an unparseable document as a violation that says what is wrong", async () => {
        const result = await judge("aws:iam/policy:Policy", { policy: '{"Statement": [' });
        assert.strictEqual(result.violations.length, 1);
        assert.match(
            result.violations[0]?.message ?? "",
            /^aws:iam\/policy:Policy 'fn-policy' has a policy document that cannot be parsed: it is not valid JSON.* \[Document::policy\]$/,
        );
    });

    it("is not applicable to resources that carry no IAM policy", async () => {
        const result = await judge("aws:lambda/function:Function", {
            role: "arn:aws:iam::1:role/r",
        });
        assert.match(
            result.notApplicable ?? "",
            /^Policy only applies to resources of types 'aws:iam\/policy:Policy'/,
        );
        assert.deepStrictEqual(result.violations, []);
    });

    it("is mandatory by default and follows an enforcement level set in config", async () => {
        const props = { policy: doc(allowAll) };
        assert.strictEqual(
            (await judge("aws:iam/policy:Policy", props)).enforcementLevel,
            "mandatory",
        );
        const advisory = await judge("aws:iam/policy:Policy", props, {
            config: { enforcementLevel: "advisory" },
        });
        assert.strictEqual(advisory.enforcementLevel, "advisory");
        assert.strictEqual(advisory.violations.length, 1);
        const disabled = await judge("aws:iam/policy:Policy", props, {
            config: { enforcementLevel: "disabled" },
        });
        assert.ok(disabled.skipped);
    });

    it("hides exactly the exempted finding and records the exemption", async () => {
        const props = {
            policy: doc(allowAll, { Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
        };
        const result = await judge("aws:iam/policy:Policy", props, {
            config: {
                exemptions: [
                    { resource: "fn-*", reason: "Break-glass policy, SEC-1", finding: "Action::*" },
                ],
            },
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["aws-iam-no-admin-access[NotAction::iam:*]"],
        );
        assert.deepStrictEqual(
            result.exemptions.map((e) => e.findingKey),
            ["aws-iam-no-admin-access[Action::*]"],
        );
    });

    it("reports the finding again once its exemption has expired", async () => {
        const result = await judge(
            "aws:iam/policy:Policy",
            { policy: doc(allowAll) },
            {
                now: new Date("2025-06-01T00:00:00Z"),
                config: {
                    exemptions: [
                        {
                            resource: "fn-policy",
                            reason: "Temporary for the migration",
                            expires: "2025-05-31",
                        },
                    ],
                },
            },
        );
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/policy:Policy 'fn-policy' allows action '*' on '*' (its exemption expired on 2025-05-31) [Action::*]",
            ],
        );
        assert.deepStrictEqual(result.exemptions, []);
    });

    it("cannot run during preview when the document is unknown, without crashing", async () => {
        const result = await judge("aws:iam/rolePolicy:RolePolicy", { policy: UNKNOWN, role: "r" });
        assert.match(
            result.unknown ?? "",
            /can't run policy 'aws-iam-no-admin-access' during preview: .*\.policy/,
        );
        assert.deepStrictEqual(result.violations, []);
    });

    it("still reports AdministratorAccess on a role whose inline policies are unknown", async () => {
        const result = await judge("aws:iam/role:Role", {
            managedPolicyArns: [ADMIN_ARN],
            inlinePolicies: UNKNOWN_ARRAY,
        });
        assert.strictEqual(result.violations.length, 1);
        assert.match(result.unknown ?? "", /inlinePolicies/);
    });
});
