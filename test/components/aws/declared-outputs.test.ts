/**
 * What `AwsFunction` registers as outputs for the policy pack to compare declared with granted access:
 * `permissions` (the grants) and `runtimePermissions` (what Lambda needs with the role).
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AWS_FUNCTION_TYPE, AwsFunction } from "../../../components/aws";
import { parsedJson, runComponents } from "../harness";

const zip = {
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;"),
    }),
    handler: "index.handler",
    runtime: "nodejs20.x",
};

const GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders-api";

describe("AwsFunction declared-access outputs", function () {
    it("registers the runtime statements beside the grants, in the same shape", async function () {
        const r = await runComponents(
            () => new AwsFunction("api", { ...zip, functionName: "orders-api", tracing: true }),
        );
        const outputs = r.named(AWS_FUNCTION_TYPE, "api").outputs;
        assert.deepEqual(outputs.permissions, []);
        assert.deepEqual(outputs.runtimePermissions, [
            {
                grant: "runtime",
                access: "runtime",
                actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                resources: [`${GROUP}:log-stream:*`],
                conditions: [],
            },
            {
                grant: "runtime",
                access: "runtime",
                actions: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"],
                resources: ["*"],
                conditions: [],
            },
        ]);
    });

    it("declares exactly what the runtime policy grants", async function () {
        let fn: AwsFunction | undefined;
        const r = await runComponents(() => {
            fn = new AwsFunction("api", { ...zip, functionName: "orders-api" });
        });
        const runtime = r.named("aws:iam/rolePolicy:RolePolicy", "api-runtime").inputs.policy;
        const statements = (
            parsedJson(runtime) as { Statement: { Action: string[]; Resource: string[] }[] }
        ).Statement;
        const declared = await new Promise((resolve) => fn?.runtimePermissions.apply(resolve));
        assert.deepEqual(
            (declared as { actions: string[]; resources: string[] }[]).map((p) => [
                p.actions,
                p.resources,
            ]),
            statements.map((s) => [s.Action, s.Resource]),
        );
    });
});
