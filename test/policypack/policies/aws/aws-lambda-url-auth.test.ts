import * as assert from "assert";
import { awsLambdaUrlAuth as policy } from "../../../../policypack/policies/aws/aws-lambda-url-auth";
import { type HarnessOptions, runResourcePolicy, UNKNOWN } from "../../harness";

function judge(authorizationType: unknown, options?: HarnessOptions) {
    return runResourcePolicy(
        policy,
        {
            type: "aws:lambda/functionUrl:FunctionUrl",
            name: "url",
            props: { functionName: "fn", authorizationType },
        },
        options,
    );
}

describe("aws-lambda-url-auth", () => {
    it("passes a function URL with AWS_IAM auth", async () => {
        assert.deepStrictEqual((await judge("AWS_IAM")).violations, []);
    });

    it("reports a public function URL, naming its authorization type", async () => {
        assert.deepStrictEqual(
            (await judge("NONE")).violations.map((v) => v.message),
            [
                "aws:lambda/functionUrl:FunctionUrl 'url' uses authorization type 'NONE', so anyone with the URL can invoke the function [AuthorizationType::NONE]",
            ],
        );
    });

    it("follows the configured level and exemptions", async () => {
        assert.ok((await judge("NONE", { config: { enforcementLevel: "disabled" } })).skipped);
        const exempted = await judge("NONE", {
            config: { exemptions: [{ resource: "url", reason: "Public status page, SEC-5" }] },
        });
        assert.deepStrictEqual(exempted.violations, []);
    });

    it("is not applicable to other types and cannot run while the type is unknown", async () => {
        assert.ok(
            (
                await runResourcePolicy(policy, {
                    type: "aws:lambda/function:Function",
                    name: "f",
                    props: {},
                })
            ).notApplicable,
        );
        assert.match((await judge(UNKNOWN)).unknown ?? "", /authorizationType/);
    });
});
