import * as assert from "assert";
import { awsLambdaDedicatedRole } from "../../../../policypack/policies/aws/aws-lambda-dedicated-role";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import { lambda, resource, role, roleArn, withDependencies } from "./stack-fixtures";

async function judge(resources: HarnessResource[], options?: HarnessOptions) {
    return runStackPolicy(awsLambdaDedicatedRole, resources, options);
}

describe("aws-lambda-dedicated-role", () => {
    it("passes functions that each run as their own role", async () => {
        const result = await judge([
            role("a-role"),
            role("b-role"),
            lambda("a", "a-role"),
            lambda("b", "b-role"),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("reports a role shared by two functions once, on the role, naming both", async () => {
        const result = await judge([role("shared"), lambda("a", "shared"), lambda("b", "shared")]);
        assert.deepStrictEqual(
            result.violations.map((v) => [v.message, v.urn]),
            [
                [
                    "aws:iam/role:Role 'shared' (used by functions 'a', 'b') is shared by 2 functions; each function needs its own role [Role::shared]",
                    "urn:pulumi:test::perimeter::aws:iam/role:Role::shared",
                ],
            ],
        );
    });

    it("reports a role outside the stack that several functions name by ARN", async () => {
        const external = "arn:aws:iam::111122223333:role/legacy";
        const result = await judge([
            lambda("a", "x", { role: external }),
            lambda("b", "x", { role: external }),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            [`aws-lambda-dedicated-role[Role::${external}]`],
        );
    });

    it("reports a function role that an instance profile or a state machine also uses", async () => {
        const result = await judge([
            role("fn-role"),
            lambda("fn", "fn-role"),
            resource("aws:iam/instanceProfile:InstanceProfile", "ec2", { role: "fn-role" }),
            resource("aws:sfn/stateMachine:StateMachine", "flow", { roleArn: roleArn("fn-role") }),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:iam/role:Role 'fn-role' (used by function 'fn') is also used by aws:iam/instanceProfile:InstanceProfile 'ec2' [UsedBy::urn:pulumi:test::perimeter::aws:iam/instanceProfile:InstanceProfile::ec2]",
                "aws:iam/role:Role 'fn-role' (used by function 'fn') is also used by aws:sfn/stateMachine:StateMachine 'flow' [UsedBy::urn:pulumi:test::perimeter::aws:sfn/stateMachine:StateMachine::flow]",
            ],
        );
    });

    it("does not count policies and attachments that name the role", async () => {
        const result = await judge([
            role("fn-role"),
            lambda("fn", "fn-role"),
            resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", {
                role: "fn-role",
                policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            }),
            resource("aws:iam/rolePolicy:RolePolicy", "p", { role: "fn-role", policy: "{}" }),
        ]);
        assert.deepStrictEqual(result.violations, []);
    });

    it("links functions to their role by property dependencies while ARNs are unknown", async () => {
        const policy = withDependencies(awsLambdaDedicatedRole, {
            a: { role: ["shared"] },
            b: { role: ["shared"] },
        });
        const result = await runStackPolicy(policy, [
            role("shared", { name: UNKNOWN, arn: UNKNOWN }),
            lambda("a", "shared", { role: UNKNOWN }),
            lambda("b", "shared", { role: UNKNOWN }),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["aws-lambda-dedicated-role[Role::shared]"],
        );
        assert.strictEqual(result.unknown, undefined);
    });

    it("honours an exemption and an enforcement level from config", async () => {
        const resources = [role("shared"), lambda("a", "shared"), lambda("b", "shared")];
        const exempted = await judge(resources, {
            config: {
                exemptions: [{ resource: "shared", reason: "Blue/green pair during migration" }],
            },
        });
        assert.deepStrictEqual(exempted.violations, []);
        assert.strictEqual(exempted.exemptions.length, 1);
        const advisory = await judge(resources, { config: { enforcementLevel: "advisory" } });
        assert.strictEqual(advisory.enforcementLevel, "advisory");
        assert.strictEqual(advisory.violations.length, 1);
    });
});
