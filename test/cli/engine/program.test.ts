import { strict as assert } from "assert";
import { UsageError } from "../../../cli/engine/errors";
import { runProgram } from "../../../cli/engine/program";
import type { RecordedResource, StackSnapshot } from "../../../cli/engine/types";
import { fixture, text } from "./fixtures";

function byName(snapshot: StackSnapshot, name: string): RecordedResource {
    const found = snapshot.resources.find((r) => r.name === name);
    assert.ok(
        found,
        `no resource named ${name} among ${snapshot.resources.map((r) => r.name).join(", ")}`,
    );
    return found;
}

const stackUrn = "urn:pulumi:dev::aws-roles::pulumi:pulumi:Stack::aws-roles-dev";
const roleUrn = "urn:pulumi:dev::aws-roles::aws:iam/role:Role::app";
const bucketUrn = "urn:pulumi:dev::aws-roles::aws:s3/bucketV2:BucketV2::uploads";

/**
 * Type checking a program that loads @pulumi/aws takes some ten seconds; the type-checking tests
 * below cover that path with a program that loads no provider SDK.
 */
const TYPE_CHECKED_ELSEWHERE = true;

describe("runProgram", function () {
    describe("on an AWS program", function () {
        let snapshot: StackSnapshot;
        before(async function () {
            snapshot = await runProgram({
                dir: fixture("programs", "aws-roles"),
                transpileOnly: TYPE_CHECKED_ELSEWHERE,
            });
        });

        it("records the root stack, the default provider and every resource in registration order", function () {
            assert.deepEqual(
                snapshot.resources.map(
                    (r) => `${r.type}::${r.name.replace(/^default_[\d_]+$/, "default_<version>")}`,
                ),
                [
                    "pulumi:pulumi:Stack::aws-roles-dev",
                    "pulumi:providers:aws::default_<version>",
                    "aws:s3/bucketV2:BucketV2::uploads",
                    "aws:iam/role:Role::app",
                    "aws:iam/rolePolicy:RolePolicy::admin",
                    "aws:iam/rolePolicy:RolePolicy::read-uploads",
                ],
            );
            assert.equal(snapshot.source, "aws-roles/dev");
            assert.equal(snapshot.stack, "dev");
        });

        it("gives resources engine-style URNs, their parent and their provider reference", function () {
            const role = byName(snapshot, "app");
            assert.equal(role.urn, roleUrn);
            assert.equal(role.parent, stackUrn);
            assert.equal(role.custom, true);
            const provider = snapshot.resources[1];
            assert.ok(provider);
            assert.equal(role.provider, `${provider.urn}::${provider.id}`);
            assert.match(
                provider.id ?? "",
                /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
            );
            assert.equal(byName(snapshot, "aws-roles-dev").custom, false);
        });

        it("fills computed outputs from the mock table, with the inputs kept", function () {
            const role = byName(snapshot, "app");
            assert.match(
                text(role.outputs.arn),
                /^arn:aws:iam::123456789012:role\/app-[0-9a-f]{7}$/,
            );
            assert.equal(role.id, role.outputs.name);
            assert.equal(role.outputs.assumeRolePolicy, role.inputs.assumeRolePolicy);
            const bucket = byName(snapshot, "uploads");
            assert.equal(bucket.outputs.arn, `arn:aws:s3:::${text(bucket.outputs.bucket)}`);
        });

        it("records dependencies and property dependencies from the register requests", function () {
            const narrow = byName(snapshot, "read-uploads");
            assert.deepEqual([...narrow.dependencies].sort(), [roleUrn, bucketUrn].sort());
            assert.deepEqual(narrow.propertyDependencies.role, [roleUrn]);
            assert.deepEqual(narrow.propertyDependencies.policy, [bucketUrn]);
            assert.equal(narrow.inputs.role, byName(snapshot, "app").id);
            assert.match(text(narrow.inputs.policy), /arn:aws:s3:::uploads-[0-9a-f]{7}\/\*/);
        });

        it("captures the program's exports as the stack's outputs", function () {
            const stack = byName(snapshot, "aws-roles-dev");
            assert.equal(stack.outputs.roleArn, byName(snapshot, "app").outputs.arn);
            assert.equal(stack.outputs.adminPolicy, byName(snapshot, "admin").outputs.name);
        });
    });

    it("leaves computed outputs unknown in preview mode, as a real preview does", async function () {
        const snapshot = await runProgram({
            dir: fixture("programs", "aws-roles"),
            preview: true,
            transpileOnly: TYPE_CHECKED_ELSEWHERE,
        });
        const role = byName(snapshot, "app");
        assert.deepEqual(role.outputs.arn, { __unknown: true });
        assert.equal(role.id, undefined);
        assert.match(
            text(role.outputs.name),
            /^app-[0-9a-f]{7}$/,
            "auto-names are known in a preview",
        );
        assert.deepEqual(byName(snapshot, "admin").inputs.role, { __unknown: true });
        assert.deepEqual(byName(snapshot, "read-uploads").inputs.policy, { __unknown: true });
        assert.deepEqual(byName(snapshot, "aws-roles-dev").outputs.roleArn, { __unknown: true });
        assert.equal(snapshot.preview, true);
    });

    it("nests component children in URNs and parents as the engine does", async function () {
        const snapshot = await runProgram({
            dir: fixture("programs", "component"),
            transpileOnly: TYPE_CHECKED_ELSEWHERE,
        });
        const service = byName(snapshot, "orders");
        const identity = byName(snapshot, "orders-identity");
        const role = byName(snapshot, "orders-identity-role");
        const fn = byName(snapshot, "orders-fn");
        assert.equal(service.urn, "urn:pulumi:dev::component::test:index:Service::orders");
        assert.equal(
            role.urn,
            "urn:pulumi:dev::component::test:index:Service$test:index:Identity$aws:iam/role:Role::orders-identity-role",
        );
        assert.equal(identity.parent, service.urn);
        assert.equal(role.parent, identity.urn);
        assert.equal(fn.inputs.role, role.outputs.arn, "the function runs as the component's role");
        assert.deepEqual(fn.dependencies, [role.urn], "dependsOn a component means its children");
        assert.deepEqual(identity.outputs, { roleName: role.outputs.name });
        assert.match(
            text(byName(snapshot, "component-dev").outputs.invokeArn),
            /^arn:aws:apigateway:us-east-1:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:us-east-1:123456789012:function:orders-fn-[0-9a-f]{7}\/invocations$/,
        );
    });

    describe("with stack config", function () {
        const dir = fixture("programs", "stack-config");

        it("reads Pulumi.<stack>.yaml and Pulumi.yaml defaults, and lets --config override them", async function () {
            const snapshot = await runProgram({
                dir,
                stack: "dev",
                config: { functionName: "from-flag" },
                transpileOnly: TYPE_CHECKED_ELSEWHERE,
            });
            const stack = byName(snapshot, "configured-dev");
            assert.equal(stack.outputs.functionName, "from-flag");
            assert.equal(stack.outputs.memory, 256);
            const logs = byName(snapshot, "logs");
            assert.equal(logs.inputs.retentionInDays, 7);
            assert.equal(
                logs.outputs.arn,
                "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/from-flag",
                "the region in the ARN comes from aws:region",
            );
            const provider = snapshot.resources.find((r) => r.type === "pulumi:providers:aws");
            assert.equal(provider?.inputs.region, "eu-west-1");
        });

        it("rejects an encrypted config value unless --config supplies it", async function () {
            await assert.rejects(
                runProgram({ dir, stack: "prod", transpileOnly: TYPE_CHECKED_ELSEWHERE }),
                (error: Error) => {
                    assert.ok(error instanceof UsageError);
                    assert.match(
                        error.message,
                        /'configured:apiToken'.*--config configured:apiToken=<value>/,
                    );
                    return true;
                },
            );
            const snapshot = await runProgram({
                dir,
                stack: "prod",
                config: { apiToken: "t0ken" },
                transpileOnly: TYPE_CHECKED_ELSEWHERE,
            });
            assert.equal(byName(snapshot, "configured-prod").outputs.token, "t0ken");
        });
    });

    it("reports a program that throws with the program's message, its lines in order", async function () {
        await assert.rejects(runProgram({ dir: fixture("programs", "throws") }), (error: Error) => {
            assert.ok(error instanceof UsageError);
            assert.equal(
                error.message,
                "program 'throws' failed: grant 'uploads' has no access level\n(expected one of s3:read, s3:write)",
            );
            return true;
        });
    });

    it("fails a program whose input fails inside an apply after other resources registered", async function () {
        // The rejection surfaces only after the SDK's RPCs are done; a runner that stopped there
        // reported success with the failed resource silently missing.
        await assert.rejects(
            runProgram({ dir: fixture("programs", "late-error") }),
            (error: Error) => {
                assert.ok(error instanceof UsageError);
                assert.equal(
                    error.message,
                    "program 'late-error' failed: grant 'uploads': 'arn:aws:dynamodb:us-east-1:123456789012:table/orders' is not an S3 bucket ARN\nname the bucket's ARN",
                );
                return true;
            },
        );
    });

    it("type-checks a TypeScript program as `pulumi preview` does, unless transpile-only", async function () {
        const dir = fixture("programs", "type-error");
        await assert.rejects(runProgram({ dir }), (error: Error) => {
            assert.ok(error instanceof UsageError);
            assert.match(
                error.message,
                /^program 'type-error' failed: ⨯ Unable to compile TypeScript:\nindex\.ts\(3,7\): error TS2322: Type 'string' is not assignable to type 'number'/,
            );
            return true;
        });
        const snapshot = await runProgram({ dir, transpileOnly: true });
        assert.equal(byName(snapshot, "type-error-dev").outputs.days, "fourteen");
    });

    it("rejects a missing directory and a directory without Pulumi.yaml", async function () {
        await assert.rejects(
            runProgram({ dir: fixture("programs", "nope") }),
            /program directory .* does not exist/,
        );
        await assert.rejects(runProgram({ dir: fixture("programs") }), /no Pulumi\.yaml in/);
    });
});
