import * as assert from "assert";
import type { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import {
    defineResourcePolicy,
    defineStackPolicy,
    policyResourceTypes,
} from "../../../policypack/lib/define-policy";
import { runWithPolicyEnvironment } from "../../../policypack/lib/environment";
import { declaredTypesOf } from "../../../policypack/lib/serve/declared-types";
import { runResourcePolicy, runStackPolicy } from "../harness";

const BUCKET = "aws:s3/bucketV2:BucketV2";

const metadata = {
    description: "Checks that test resources are fine.",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: "Fix it.",
    cloud: "aws",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "cis"],
} as const;

/** Reports one finding per entry of `props.bad`, twice, to show keys are reported once. */
const testPolicy = defineResourcePolicy<{ limit: number }>({
    ...metadata,
    name: "test-resource-policy",
    resourceTypes: [BUCKET],
    config: { limit: { type: "number", description: "How many findings at most.", default: 2 } },
    validate: (resource, report, config) => {
        const bad = resource.props["bad"];
        const values = Array.isArray(bad) ? (bad as unknown[]).map(String) : [];
        for (const value of values.slice(0, config.limit)) {
            report({ message: `bucket has '${value}'`, key: { kind: "Value", value } });
            report({ message: `bucket has '${value}' again`, key: { kind: "Value", value } });
        }
    },
});

const bucket = (bad: string[]) => ({ type: BUCKET, name: "assets", props: { bad } });

describe("defineResourcePolicy", () => {
    it("declares its types to our handlers, with the answer it gives itself for any other", () => {
        const twoTypes = defineResourcePolicy<object>({
            ...metadata,
            name: "two-types",
            resourceTypes: [BUCKET, "aws:s3/bucket:Bucket"],
            config: {},
            validate: () => {},
        });
        const validation = twoTypes.validateResource as ResourceValidation;
        const declared = declaredTypesOf(validation);
        assert.ok(declared, "a policy of several types declares them");
        assert.deepStrictEqual([...declared.types], [BUCKET, "aws:s3/bucket:Bucket"]);
        let given: string | undefined;
        assert.throws(() =>
            validation(
                {
                    type: "aws:iam/role:Role",
                    notApplicable: (reason?: string): never => {
                        given = reason;
                        throw new Error("not applicable");
                    },
                } as unknown as ResourceValidationArgs,
                () => {},
            ),
        );
        assert.strictEqual(declared.reason, given, "the same answer as calling the policy");
        // One type: the SDK's own `__pulumiType` says it, so nothing more is declared.
        assert.strictEqual(declaredTypesOf(testPolicy.validateResource), undefined);
    });

    it("builds complete metadata, tags and a framework from the first control", () => {
        assert.deepStrictEqual(testPolicy.tags, ["aws", "iam", "nist-800-53:AC-6", "cis"]);
        assert.strictEqual(testPolicy.framework?.name, "NIST SP 800-53");
        assert.strictEqual(testPolicy.framework?.reference, "AC-6");
        assert.deepStrictEqual(Object.keys(testPolicy.configSchema?.properties ?? {}), [
            "limit",
            "exemptions",
        ]);
        assert.deepStrictEqual(policyResourceTypes(testPolicy), [BUCKET]);
    });

    it("refuses a rule that declares a reserved config property", () => {
        assert.throws(
            () =>
                defineResourcePolicy<{ exemptions: string[] }>({
                    ...metadata,
                    name: "bad",
                    resourceTypes: [BUCKET],
                    config: { exemptions: { type: "array", description: "x", default: [] } },
                    validate: () => undefined,
                }),
            /reserved config 'exemptions'/,
        );
    });

    it("is not applicable to other resource types", async () => {
        const result = await runResourcePolicy(testPolicy, {
            type: "aws:sqs/queue:Queue",
            name: "q",
            props: {},
        });
        assert.strictEqual(
            result.notApplicable,
            `Policy only applies to resources of type '${BUCKET}'`,
        );
    });

    it("reports each finding key once per resource, with the key at the end", async () => {
        const result = await runResourcePolicy(testPolicy, bucket(["a", "b"]));
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            ["bucket has 'a' [Value::a]", "bucket has 'b' [Value::b]"],
        );
        assert.strictEqual(result.violations[0]?.findingKey, "test-resource-policy[Value::a]");
    });

    it("gives the rule schema defaults, overridden by config", async () => {
        const three = ["a", "b", "c"];
        assert.strictEqual(
            (await runResourcePolicy(testPolicy, bucket(three))).violations.length,
            2,
        );
        const result = await runResourcePolicy(testPolicy, bucket(three), { config: { limit: 3 } });
        assert.strictEqual(result.violations.length, 3);
    });

    it("fills defaults itself when the driver sends no config at all", () => {
        const messages: string[] = [];
        const args = {
            type: BUCKET,
            name: "assets",
            urn: "urn:pulumi:dev::p::aws:s3/bucketV2:BucketV2::assets",
            props: { bad: ["a", "b", "c"] },
            getConfig: () => ({}),
            notApplicable: () => {
                throw new Error("not applicable");
            },
        } as unknown as ResourceValidationArgs;
        void (testPolicy.validateResource as ResourceValidation)(args, (m) => messages.push(m));
        assert.strictEqual(messages.length, 2);
    });

    it("suppresses an exempted finding and writes one audit line for it", async () => {
        const result = await runResourcePolicy(testPolicy, bucket(["a", "b"]), {
            config: {
                exemptions: [
                    { resource: "assets", reason: "Public website assets", finding: "Value::a" },
                ],
            },
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["test-resource-policy[Value::b]"],
        );
        assert.deepStrictEqual(result.exemptions, [
            {
                policy: "test-resource-policy",
                urn: "urn:pulumi:test::perimeter::aws:s3/bucketV2:BucketV2::assets",
                findingKey: "test-resource-policy[Value::a]",
                reason: "Public website assets",
                expires: null,
            },
        ]);
        assert.strictEqual(result.stderr.length, 1);
    });

    it("reports a finding whose exemption expired and says when it expired", async () => {
        const result = await runResourcePolicy(testPolicy, bucket(["a"]), {
            now: new Date("2025-01-02T00:00:00Z"),
            config: {
                exemptions: [
                    { resource: "assets", reason: "Until the migration", expires: "2025-01-01" },
                ],
            },
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.message),
            ["bucket has 'a' (its exemption expired on 2025-01-01) [Value::a]"],
        );
        assert.deepStrictEqual(result.exemptions, []);
    });

    it("names a malformed exemption once, however many resources are judged", () => {
        const lines: string[] = [];
        const args = (name: string) =>
            ({
                type: BUCKET,
                name,
                urn: `urn:pulumi:dev::p::${BUCKET}::${name}`,
                props: { bad: ["a"] },
                getConfig: () => ({ exemptions: [{ resource: name, reason: "short" }], limit: 1 }),
                notApplicable: () => {
                    throw new Error("not applicable");
                },
            }) as unknown as ResourceValidationArgs;
        const environment = { now: () => new Date(), writeLine: (l: string) => void lines.push(l) };
        const validate = testPolicy.validateResource as ResourceValidation;
        runWithPolicyEnvironment(environment, () => {
            void validate(args("x"), () => undefined);
            void validate(args("x"), () => undefined);
            void validate(args("y"), () => undefined);
        });
        assert.strictEqual(lines.length, 2);
        assert.ok(lines.every((l) => l.startsWith("perimeter-exemption-invalid ")));
        assert.match(lines[0] ?? "", /at least 10 characters/);
    });
});

describe("defineStackPolicy", () => {
    const stackPolicy = defineStackPolicy({
        ...metadata,
        name: "test-stack-policy",
        config: {},
        validate: (args, report) => {
            for (const r of args.resources) {
                report({
                    message: `${r.name} is here`,
                    key: { kind: "Resource", value: r.name },
                    resource: r,
                });
            }
            report({ message: "the stack is here", key: { kind: "Stack", value: "all" } });
        },
    });

    it("reports findings with the URN of the resource they are about", async () => {
        const result = await runStackPolicy(stackPolicy, [
            { type: BUCKET, name: "a", props: {} },
            { type: BUCKET, name: "b", props: {} },
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => [v.message, v.urn]),
            [
                ["a is here [Resource::a]", `urn:pulumi:test::perimeter::${BUCKET}::a`],
                ["b is here [Resource::b]", `urn:pulumi:test::perimeter::${BUCKET}::b`],
                ["the stack is here [Stack::all]", undefined],
            ],
        );
    });

    it("applies exemptions to the resource a stack finding is about", async () => {
        const result = await runStackPolicy(stackPolicy, [{ type: BUCKET, name: "a", props: {} }], {
            config: { exemptions: [{ resource: "a", reason: "Known and accepted" }] },
        });
        assert.deepStrictEqual(
            result.violations.map((v) => v.findingKey),
            ["test-stack-policy[Stack::all]"],
        );
        assert.strictEqual(result.exemptions[0]?.findingKey, "test-stack-policy[Resource::a]");
    });
});
