import * as assert from "assert";
import { awsLambdaPermissionSourceScoped as policy } from "../../../../policypack/policies/aws/aws-lambda-permission-source-scoped";
import { type HarnessOptions, runResourcePolicy, UNKNOWN } from "../../harness";

function judge(props: Record<string, unknown>, options?: HarnessOptions) {
    return runResourcePolicy(
        policy,
        {
            type: "aws:lambda/permission:Permission",
            name: "from-bucket",
            props: { action: "lambda:InvokeFunction", function: "fn", ...props },
        },
        options,
    );
}

describe("aws-lambda-permission-source-scoped", () => {
    it("passes S3 with sourceArn and sourceAccount, and principals that are accounts", async () => {
        assert.deepStrictEqual(
            (
                await judge({
                    principal: "s3.amazonaws.com",
                    sourceArn: "arn:aws:s3:::uploads",
                    sourceAccount: "111122223333",
                })
            ).violations,
            [],
        );
        assert.deepStrictEqual((await judge({ principal: "111122223333" })).violations, []);
    });

    it("reports a missing sourceArn and, for S3, a missing sourceAccount", async () => {
        const result = await judge({ principal: "s3.amazonaws.com" });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            [
                "aws-lambda-permission-source-scoped[Property::sourceArn]",
                "aws-lambda-permission-source-scoped[Property::sourceAccount]",
            ],
        );
        assert.match(
            result.violations[0]?.message ?? "",
            /^aws:lambda\/permission:Permission 'from-bucket' lets 's3.amazonaws.com' invoke the function on behalf of any resource \(no sourceArn\)/,
        );
    });

    it("counts values unknown in preview as set", async () => {
        const result = await judge({ principal: "events.amazonaws.com", sourceArn: UNKNOWN });
        assert.deepStrictEqual(result.violations, []);
    });

    it("follows unscopedServices from config and exemptions", async () => {
        assert.deepStrictEqual(
            (await judge({ principal: "alexa-appkit.amazon.com" })).violations,
            [],
        );
        assert.deepStrictEqual(
            (
                await judge(
                    { principal: "events.amazonaws.com" },
                    { config: { unscopedServices: ["events.amazonaws.com"] } },
                )
            ).violations,
            [],
        );
        const exempted = await judge(
            { principal: "sns.amazonaws.com" },
            {
                config: {
                    exemptions: [{ resource: "from-*", reason: "Topic in a partner account" }],
                },
            },
        );
        assert.deepStrictEqual(exempted.violations, []);
        assert.strictEqual(exempted.enforcementLevel, "advisory");
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
        assert.match((await judge({ principal: UNKNOWN })).unknown ?? "", /\.principal/);
    });
});
