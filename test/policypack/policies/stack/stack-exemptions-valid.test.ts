import * as assert from "assert";
import type { StackValidationPolicy } from "@pulumi/policy";
import { takeExemptionConfigs } from "../../../../policypack/lib/exemptions";
import { awsLambdaDedicatedRole } from "../../../../policypack/policies/aws/aws-lambda-dedicated-role";
import { awsLambdaUrlAuth } from "../../../../policypack/policies/aws/aws-lambda-url-auth";
import { gcpFunctionUniqueServiceAccount } from "../../../../policypack/policies/gcp/gcp-function-unique-service-account";
import { stackExemptionsValid } from "../../../../policypack/policies/stack/stack-exemptions-valid";
import {
    type HarnessOptions,
    type HarnessResource,
    runResourcePolicy,
    runStackPolicy,
    UNKNOWN,
} from "../../harness";
import { lambda, resource, role } from "../aws/stack-fixtures";

const POLICY = "stack-exemptions-valid";
const NOW = new Date("2026-01-15T12:00:00Z");
const REASON = "Blue/green pair during migration OPS-12";

const STACK: HarnessResource[] = [
    role("shared"),
    lambda("a", "shared"),
    lambda("b", "shared"),
    resource("aws:lambda/functionUrl:FunctionUrl", "hook-url", {
        functionName: "a",
        authorizationType: "NONE",
    }),
];

/** Runs another policy with the given exemptions, as the pack does before this one. */
async function runWithExemptions(
    policy: StackValidationPolicy,
    exemptions: unknown,
    resources: readonly HarnessResource[] = STACK,
) {
    await runStackPolicy(policy, resources, { config: { exemptions }, now: NOW });
}

async function judge(options: HarnessOptions = {}, resources: readonly HarnessResource[] = STACK) {
    return runStackPolicy(stackExemptionsValid, resources, { now: NOW, ...options });
}

const keysOf = (result: Awaited<ReturnType<typeof judge>>) =>
    result.violations.map((v) => v.findingKey);

describe(POLICY, () => {
    beforeEach(() => {
        // Other test files run policies with exemptions; start from an empty record.
        takeExemptionConfigs();
    });

    it("passes exemptions that name a resource, explain themselves and have not expired", async () => {
        await runWithExemptions(awsLambdaDedicatedRole, [
            { resource: "shared", reason: REASON, expires: "2026-01-15" },
            { resource: "urn:pulumi:test::perimeter::*::a", reason: REASON },
        ]);
        const result = await judge();
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.notApplicable, undefined);
    });

    it("reports a stale glob, a short reason and an expired date of any policy", async () => {
        await runWithExemptions(awsLambdaDedicatedRole, [
            { resource: "legacy-*", reason: REASON },
            { resource: "shared", reason: "todo" },
        ]);
        await runResourcePolicy(
            awsLambdaUrlAuth,
            { ...STACK[3]!, props: { functionName: "a", authorizationType: "NONE" } },
            {
                config: {
                    exemptions: [
                        { resource: "hook-url", reason: REASON, expires: "2025-12-31" },
                        { resource: "gone", reason: REASON, expires: "2025-12-31" },
                    ],
                },
                now: NOW,
            },
        );
        const result = await judge();
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            [
                "Policy 'aws-lambda-dedicated-role': the exemption for 'legacy-*' matches no resource of this stack by URN or name [Exemption::aws-lambda-dedicated-role/legacy-*]",
                "Policy 'aws-lambda-dedicated-role': exemption 2 for 'shared' is ignored: 'reason' must explain the exemption in at least 10 characters [Exemption::aws-lambda-dedicated-role/shared]",
                "Policy 'aws-lambda-url-auth': the exemption for 'hook-url' expired on 2025-12-31 and no longer applies [Exemption::aws-lambda-url-auth/hook-url]",
                "Policy 'aws-lambda-url-auth': the exemption for 'gone' matches no resource of this stack by URN or name and expired on 2025-12-31 and no longer applies [Exemption::aws-lambda-url-auth/gone]",
            ],
        );
        assert.ok(
            result.violations.every((v) => v.urn === undefined),
            "stack-level findings",
        );
    });

    it("judges the exemptions of a stack policy that did not apply to the stack", async () => {
        const gcp = await runStackPolicy(gcpFunctionUniqueServiceAccount, STACK, {
            config: { exemptions: [{ resource: "old-run-*", reason: REASON }] },
        });
        assert.ok(gcp.notApplicable);
        const result = await judge();
        assert.deepStrictEqual(keysOf(result), [
            `${POLICY}[Exemption::gcp-function-unique-service-account/old-run-*]`,
        ]);
    });

    it("judges its own exemptions and a malformed exemptions value", async () => {
        await runWithExemptions(awsLambdaDedicatedRole, "shared");
        const result = await judge({
            config: { exemptions: [{ resource: "nothing-here", reason: REASON }] },
        });
        assert.deepStrictEqual(keysOf(result), [
            `${POLICY}[Exemption::aws-lambda-dedicated-role]`,
            `${POLICY}[Exemption::${POLICY}/nothing-here]`,
        ]);
    });

    it("is not applicable when no policy has exemptions", async () => {
        await runWithExemptions(awsLambdaDedicatedRole, []);
        const result = await judge();
        assert.strictEqual(result.notApplicable, "no policy has exemptions configured");
    });

    it("honours its enforcement level and an exemption of one of its findings", async () => {
        await runWithExemptions(awsLambdaDedicatedRole, [{ resource: "legacy-*", reason: REASON }]);
        const mandatory = await judge({ config: { enforcementLevel: "mandatory" } });
        assert.strictEqual(mandatory.enforcementLevel, "mandatory");
        assert.strictEqual(mandatory.violations.length, 1);

        await runWithExemptions(awsLambdaDedicatedRole, [{ resource: "legacy-*", reason: REASON }]);
        const exempted = await judge({
            config: {
                exemptions: [
                    {
                        resource: "*",
                        reason: "Legacy stack comes back next quarter",
                        finding: "Exemption::aws-lambda-dedicated-role/legacy-*",
                    },
                ],
            },
        });
        assert.deepStrictEqual(exempted.violations, []);
        assert.deepStrictEqual(
            exempted.exemptions.map((e) => [e.urn, e.findingKey]),
            [[null, `${POLICY}[Exemption::aws-lambda-dedicated-role/legacy-*]`]],
        );
    });

    it("matches names even when every property is unknown during preview", async () => {
        const preview = [role("shared", { name: UNKNOWN, arn: UNKNOWN })];
        await runWithExemptions(awsLambdaDedicatedRole, [{ resource: "shared", reason: REASON }]);
        const result = await judge({}, preview);
        assert.strictEqual(result.unknown, undefined);
        assert.deepStrictEqual(result.violations, []);
    });
});
