import * as assert from "assert";
import { awsAuditTrail } from "../../../../policypack/policies/aws/aws-audit-trail";
import {
    type HarnessOptions,
    type HarnessResource,
    runStackPolicy,
    UNKNOWN,
    UNKNOWN_ARRAY,
} from "../../harness";
import { type Dependencies, lambda, resource, role, withDependencies } from "./stack-fixtures";

function trail(props: Record<string, unknown>) {
    return resource("aws:cloudtrail/trail:Trail", "audit", {
        s3BucketName: "trail-logs",
        enableLogFileValidation: true,
        ...props,
    });
}

const allLambda = [
    {
        readWriteType: "All",
        includeManagementEvents: true,
        dataResources: [{ type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }],
    },
];

async function keys(
    resources: HarnessResource[],
    options?: HarnessOptions,
    dependencies: Dependencies = {},
) {
    const result = await runStackPolicy(
        withDependencies(awsAuditTrail, dependencies),
        resources,
        options,
    );
    return result.violations.map((v) => v.findingKey);
}

describe("aws-audit-trail", () => {
    it("passes a validated trail that records every function's data events", async () => {
        assert.deepStrictEqual(
            await keys([role("r"), lambda("fn", "r"), trail({ eventSelectors: allLambda })]),
            [],
        );
    });

    it("passes advanced event selectors for Lambda data events and function ARNs by prefix", async () => {
        const advanced = [
            {
                name: "lambda",
                fieldSelectors: [
                    { field: "eventCategory", equals: ["Data"] },
                    { field: "resources.type", equals: ["AWS::Lambda::Function"] },
                ],
            },
        ];
        assert.deepStrictEqual(
            await keys([lambda("fn", "r"), trail({ advancedEventSelectors: advanced })]),
            [],
        );
        const named = [
            {
                dataResources: [
                    {
                        type: "AWS::Lambda::Function",
                        values: ["arn:aws:lambda:eu-west-1:111122223333:function:fn"],
                    },
                ],
            },
        ];
        assert.deepStrictEqual(
            await keys([lambda("fn", "r"), trail({ eventSelectors: named })]),
            [],
        );
    });

    it("reports a function no trail records and a trail without log file validation", async () => {
        const result = await runStackPolicy(awsAuditTrail, [
            lambda("fn", "r"),
            trail({ enableLogFileValidation: false, eventSelectors: allLambda }),
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "aws:cloudtrail/trail:Trail 'audit' does not validate its log files (enableLogFileValidation is not true) [Trail::audit]",
                "aws:lambda/function:Function 'fn' has its Lambda data events recorded by no CloudTrail trail with log file validation [Function::fn]",
            ],
        );
    });

    it("reports only the functions a trail's selectors leave out", async () => {
        const named = [
            {
                dataResources: [
                    {
                        type: "AWS::Lambda::Function",
                        values: ["arn:aws:lambda:eu-west-1:111122223333:function:a"],
                    },
                ],
            },
        ];
        assert.deepStrictEqual(
            await keys([lambda("a", "r"), lambda("b", "r"), trail({ eventSelectors: named })]),
            ["aws-audit-trail[Function::b]"],
        );
    });

    it("counts functions the selectors depend on while their values are unknown in preview", async () => {
        const resources = [
            lambda("a", "r", { arn: UNKNOWN }),
            lambda("b", "r", { arn: UNKNOWN }),
            trail({ eventSelectors: UNKNOWN_ARRAY }),
        ];
        assert.deepStrictEqual(await keys(resources, {}, { audit: { eventSelectors: ["a"] } }), [
            "aws-audit-trail[Function::b]",
        ]);
    });

    it("is satisfied by an organisation trail from config, and judges nothing without functions", async () => {
        assert.deepStrictEqual(
            await keys([lambda("fn", "r")], { config: { organizationTrail: true } }),
            [],
        );
        assert.deepStrictEqual(await keys([trail({ enableLogFileValidation: false })]), []);
    });

    it("honours an exemption of one function", async () => {
        const result = await runStackPolicy(awsAuditTrail, [lambda("a", "r"), lambda("b", "r")], {
            config: {
                exemptions: [
                    {
                        resource: "a",
                        reason: "Health check, no data access",
                        finding: "Function::a",
                    },
                ],
            },
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["aws-audit-trail[Function::b]"],
        );
    });
});
