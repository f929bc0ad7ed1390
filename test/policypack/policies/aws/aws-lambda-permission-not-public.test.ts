import * as assert from "assert";
import { awsLambdaPermissionNotPublic as policy } from "../../../../policypack/policies/aws/aws-lambda-permission-not-public";
import { type HarnessOptions, runResourcePolicy, UNKNOWN } from "../../harness";

function judge(props: Record<string, unknown>, options?: HarnessOptions) {
    return runResourcePolicy(
        policy,
        {
            type: "aws:lambda/permission:Permission",
            name: "invoke",
            props: { function: "fn", ...props },
        },
        options,
    );
}

describe("aws-lambda-permission-not-public", () => {
    it("passes an invoke permission for a service principal or for '*' scoped to an organisation", async () => {
        assert.deepStrictEqual(
            (
                await judge({
                    action: "lambda:InvokeFunction",
                    principal: "sns.amazonaws.com",
                    sourceArn: "arn:aws:sns:eu-west-1:1:t",
                })
            ).violations,
            [],
        );
        assert.deepStrictEqual(
            (
                await judge({
                    action: "lambda:InvokeFunction",
                    principal: "*",
                    principalOrgId: "o-abc123",
                })
            ).violations,
            [],
        );
    });

    it("counts a sourceArn that is unknown in preview as set", async () => {
        const result = await judge({
            action: "lambda:InvokeFunction",
            principal: "*",
            sourceArn: UNKNOWN,
        });
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.unknown, undefined);
    });

    it("reports principal '*' without a scoping condition, and an action other than invoking", async () => {
        const result = await judge({ action: "lambda:UpdateFunctionCode", principal: "*" });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:lambda/permission:Permission 'invoke' lets principal '*' (anyone) call the function without sourceArn, sourceAccount or principalOrgId [Principal::*]",
                "aws:lambda/permission:Permission 'invoke' allows 'lambda:UpdateFunctionCode' to '*'; a function's resource policy should only allow invoking it [Action::lambda:UpdateFunctionCode]",
            ],
        );
    });

    it("follows allowedActions from config and exemptions", async () => {
        assert.deepStrictEqual(
            (
                await judge(
                    { action: "lambda:GetFunction", principal: "123456789012" },
                    { config: { allowedActions: ["lambda:GetFunction"] } },
                )
            ).violations,
            [],
        );
        const exempted = await judge(
            { action: "lambda:InvokeFunctionUrl", principal: "*" },
            {
                config: {
                    exemptions: [{ resource: "invoke", reason: "Public webhook, reviewed SEC-3" }],
                },
            },
        );
        assert.deepStrictEqual(exempted.violations, []);
    });

    it("is not applicable to other types and cannot run while the principal is unknown", async () => {
        assert.ok(
            (
                await runResourcePolicy(policy, {
                    type: "aws:lambda/function:Function",
                    name: "f",
                    props: {},
                })
            ).notApplicable,
        );
        assert.match(
            (await judge({ action: "lambda:InvokeFunction", principal: UNKNOWN })).unknown ?? "",
            /\.principal/,
        );
    });
});
