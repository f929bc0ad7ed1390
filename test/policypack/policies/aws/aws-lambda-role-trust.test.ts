import * as assert from "assert";
import { awsLambdaRoleTrust as policy } from "../../../../policypack/policies/aws/aws-lambda-role-trust";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import { doc, LAMBDA_TRUST, lambda, role, withDependencies } from "./stack-fixtures";

function judge(assumeRolePolicy: unknown, options?: HarnessOptions, extra: HarnessResource[] = []) {
    return runStackPolicy(
        policy,
        [role("fn-role", { assumeRolePolicy }), lambda("fn", "fn-role"), ...extra],
        options,
    );
}

const lambdaOnly = {
    Effect: "Allow",
    Principal: { Service: "lambda.amazonaws.com" },
    Action: "sts:AssumeRole",
};

describe("aws-lambda-role-trust", () => {
    it("passes a function role trusted only by Lambda with an aws:SourceAccount condition", async () => {
        assert.deepStrictEqual((await judge(LAMBDA_TRUST)).violations, []);
    });

    it("reports other principals and a missing aws:SourceAccount condition, one finding each, on the role", async () => {
        const trust = doc({
            ...lambdaOnly,
            Principal: { Service: ["lambda.amazonaws.com", "ec2.amazonaws.com"], AWS: "*" },
        });
        const result = await judge(trust);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/role:Role 'fn-role' runs a Lambda function but its trust policy also trusts 'Service:ec2.amazonaws.com' [Principal::Service:ec2.amazonaws.com]",
                "aws:iam/role:Role 'fn-role' runs a Lambda function but its trust policy also trusts 'AWS:*' [Principal::AWS:*]",
                "aws:iam/role:Role 'fn-role' trusts 'lambda.amazonaws.com' without an 'aws:SourceAccount' condition [Condition::aws:SourceAccount]",
            ],
        );
        assert.ok(
            result.violations.every(
                (v) => v.urn === "urn:pulumi:test::perimeter::aws:iam/role:Role::fn-role",
            ),
        );
    });

    it("reports another account trusted in a second statement", async () => {
        const trust = JSON.parse(LAMBDA_TRUST) as { Statement: object[] };
        trust.Statement.push({
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::444455556666:root" },
            Action: "sts:AssumeRole",
        });
        const result = await judge(JSON.stringify(trust));
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["aws-lambda-role-trust[Principal::AWS:arn:aws:iam::444455556666:root]"],
        );
    });

    it("judges only roles that functions run as", async () => {
        const result = await runStackPolicy(policy, [
            role("ops", { assumeRolePolicy: doc(lambdaOnly) }),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("finds the function role by property dependency while its ARN is unknown in preview", async () => {
        const linked = withDependencies(policy, { fn: { role: ["fn-role"] } });
        const result = await runStackPolicy(linked, [
            role("fn-role", { arn: UNKNOWN, assumeRolePolicy: doc(lambdaOnly) }),
            lambda("fn", "fn-role", { role: UNKNOWN }),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["aws-lambda-role-trust[Condition::aws:SourceAccount]"],
        );
    });

    it("drops the aws:SourceAccount finding when config says so, and honours exemptions", async () => {
        assert.deepStrictEqual(
            (await judge(doc(lambdaOnly), { config: { requireSourceAccount: false } })).violations,
            [],
        );
        const exempted = await judge(doc(lambdaOnly), {
            config: {
                exemptions: [
                    {
                        resource: "fn-role",
                        reason: "Legacy role, ticket OPS-4",
                        finding: "Condition::aws:SourceAccount",
                    },
                ],
            },
        });
        assert.deepStrictEqual(exempted.violations, []);
        assert.strictEqual(exempted.exemptions.length, 1);
        assert.strictEqual(exempted.enforcementLevel, "advisory");
    });

    it("cannot run during preview while a function role's trust policy is unknown", async () => {
        assert.match((await judge(UNKNOWN)).unknown ?? "", /assumeRolePolicy/);
    });
});
