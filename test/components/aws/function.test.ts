import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    AwsAuditTrail,
    AwsFunction,
    type AwsFunctionArgs,
    type AwsGrant,
} from "../../../components/aws";
import {
    failureOf,
    isUnknownValue,
    parsedJson,
    runComponents,
    type PropertyMap,
    type RecordedResource,
} from "../harness";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const FUNCTION = "aws:lambda/function:Function";
const PERMISSION = "aws:lambda/permission:Permission";

const zip: AwsFunctionArgs = {
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;"),
    }),
    handler: "index.handler",
    runtime: "nodejs20.x",
};

interface Statement {
    Effect: string;
    Action: string[];
    Resource: string[];
    Condition?: Record<string, Record<string, string[]>>;
}

/** A string property as recorded; fails the test when it is anything else. */
function text(properties: PropertyMap, key: string): string {
    const value = properties[key];
    assert.equal(typeof value, "string", `${key} is ${JSON.stringify(value)}`);
    return value as string;
}

function statements(resource: RecordedResource): Statement[] {
    return (parsedJson(resource.inputs.policy) as { Statement: Statement[] }).Statement;
}

describe("AwsFunction", function () {
    it("gives the function a role only Lambda can assume, for this account", async function () {
        const r = await runComponents(
            () => new AwsFunction("api", { ...zip, functionName: "orders-api" }),
        );
        const trust = parsedJson(r.named(ROLE, "api").inputs.assumeRolePolicy);
        assert.deepEqual(trust, {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "lambda.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                },
            ],
        });
        assert.equal(
            r.named(FUNCTION, "api").inputs.role,
            "arn:aws:iam::123456789012:role/" + text(r.named(ROLE, "api").outputs, "name"),
        );
    });

    it("also requires the function's own ARN in the trust policy when asked", async function () {
        const r = await runComponents(
            () =>
                new AwsFunction("api", {
                    ...zip,
                    functionName: "orders-api",
                    trustOnlyThisFunction: true,
                }),
        );
        const trust = parsedJson(r.named(ROLE, "api").inputs.assumeRolePolicy) as {
            Statement: { Condition: unknown }[];
        };
        assert.deepEqual(trust.Statement[0]?.Condition, {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: {
                "aws:SourceArn": "arn:aws:lambda:us-east-1:123456789012:function:orders-api",
            },
        });
    });

    it("lets the function write only to the streams of its own log group, kept 14 days by default", async function () {
        const r = await runComponents(
            () => new AwsFunction("api", { ...zip, functionName: "orders-api" }),
        );
        const group = r.named("aws:cloudwatch/logGroup:LogGroup", "api");
        assert.equal(group.inputs.name, "/aws/lambda/orders-api");
        assert.equal(group.inputs.retentionInDays, 14);
        assert.deepEqual(statements(r.named(ROLE_POLICY, "api-runtime")), [
            {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: [
                    "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders-api:log-stream:*",
                ],
            },
        ]);
        assert.deepEqual(r.named(FUNCTION, "api").inputs.loggingConfig, {
            logFormat: "Text",
            logGroup: "/aws/lambda/orders-api",
        });
    });

    it("adds the VPC and X-Ray statements, the only ones on '*', only when those features are on", async function () {
        const r = await runComponents(
            () =>
                new AwsFunction("net", {
                    ...zip,
                    tracing: true,
                    vpc: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] },
                }),
        );
        const runtime = statements(r.named(ROLE_POLICY, "net-runtime"));
        assert.deepEqual(
            runtime.filter((s) => s.Resource.includes("*")).map((s) => s.Action),
            [
                [
                    "ec2:AssignPrivateIpAddresses",
                    "ec2:CreateNetworkInterface",
                    "ec2:DeleteNetworkInterface",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSubnets",
                    "ec2:UnassignPrivateIpAddresses",
                ],
                ["xray:PutTelemetryRecords", "xray:PutTraceSegments"],
            ],
        );
        assert.deepEqual(r.named(FUNCTION, "net").inputs.tracingConfig, { mode: "Active" });
        const plain = await runComponents(() => new AwsFunction("plain", zip));
        assert.equal(statements(plain.named(ROLE_POLICY, "plain-runtime")).length, 1);
    });

    it("writes the grants into one inline policy and makes the function wait for every policy", async function () {
        const r = await runComponents(
            () =>
                new AwsFunction("proc", {
                    ...zip,
                    grants: [
                        {
                            name: "uploads",
                            access: "s3:read",
                            resource: "arn:aws:s3:::uploads",
                            prefix: "in/",
                        },
                        {
                            name: "orders",
                            access: "sqs:send",
                            resource: "arn:aws:sqs:us-east-1:123456789012:orders",
                        },
                    ],
                }),
        );
        const grants = r.named(ROLE_POLICY, "proc-grants");
        assert.deepEqual(
            statements(grants).find((s) => s.Action.includes("sqs:SendMessage"))?.Resource,
            ["arn:aws:sqs:us-east-1:123456789012:orders"],
        );
        const fn = r.named(FUNCTION, "proc");
        for (const dependency of [grants, r.named(ROLE_POLICY, "proc-runtime")]) {
            assert.ok(fn.dependencies.includes(dependency.urn), dependency.urn);
        }
    });

    it("keeps every child name when the grants are reordered", async function () {
        const grants: AwsGrant[] = [
            { name: "a", access: "sns:publish", resource: "arn:aws:sns:us-east-1:123456789012:a" },
            {
                name: "b",
                access: "kms:decrypt",
                resource:
                    "arn:aws:kms:us-east-1:123456789012:key/2222bbbb-22bb-22bb-22bb-222222bbbbbb",
            },
            { name: "c", access: "sqs:consume", resource: "arn:aws:sqs:us-east-1:123456789012:c" },
        ];
        const run = async (list: AwsGrant[]) =>
            (
                await runComponents(() => new AwsFunction("fn", { ...zip, grants: list }))
            ).resources.map((r) => [r.urn, JSON.stringify(r.inputs)]);
        const forward = await run(grants);
        assert.deepEqual((await run([...grants].reverse())).sort(), [...forward].sort());
    });

    it("spills grants past the inline limit into managed policies named after grants and attached to the role", async function () {
        const grants: AwsGrant[] = Array.from({ length: 60 }, (_, i) => ({
            name: `table-${String(i).padStart(2, "0")}`,
            access: "dynamodb:readwrite",
            resource: pulumi.output(`arn:aws:dynamodb:us-east-1:123456789012:table/orders-${i}`),
        }));
        const r = await runComponents(() => new AwsFunction("big", { ...zip, grants }));
        const managed = r.ofType("aws:iam/policy:Policy");
        const attachments = r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.ok(managed.length > 0);
        assert.deepEqual(attachments.map((a) => a.name).sort(), managed.map((p) => p.name).sort());
        for (const policy of managed) {
            assert.match(policy.name, /^big-grants-table-\d\d$/);
            assert.ok(text(policy.inputs, "policy").length <= 6_144);
        }
        const inline = text(r.named(ROLE_POLICY, "big-grants").inputs, "policy");
        const runtime = text(r.named(ROLE_POLICY, "big-runtime").inputs, "policy");
        assert.ok(inline.length + runtime.length <= 10_240);
        const fn = r.named(FUNCTION, "big");
        for (const a of attachments) assert.ok(fn.dependencies.includes(a.urn));
    });

    it("renders grants whose targets are Outputs exactly as the same grants given as strings", async function () {
        const literal: AwsGrant[] = [
            { name: "params", access: "ssm:read", resource: "/orders/prod" },
            {
                name: "jobs",
                access: "sqs:send",
                resource: "arn:aws:sqs:us-east-1:123456789012:jobs",
            },
            {
                name: "uploads",
                access: "s3:read",
                resource: "arn:aws:s3:::uploads",
                prefix: "in/",
                key: "arn:aws:kms:us-east-1:123456789012:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa",
            },
        ];
        const asOutputs = literal.map((g) => ({
            ...g,
            resource: pulumi.output(g.resource as string),
            ...(g.key === undefined ? {} : { key: pulumi.output(g.key) }),
        }));
        const policies = async (grants: AwsGrant[]) => {
            const r = await runComponents(() => new AwsFunction("fn", { ...zip, grants }));
            return r
                .ofType(ROLE_POLICY)
                .map((p): [string, Statement[]] => [p.name, statements(p)])
                .sort((a, b) => a[0].localeCompare(b[0]));
        };
        const expected = await policies(literal);
        assert.equal(expected.length, 2, "the runtime and the grants policy");
        const sortDeep = (docs: typeof expected) =>
            docs.map(([name, list]) => [name, [...list].map((s) => JSON.stringify(s)).sort()]);
        assert.deepEqual(sortDeep(await policies(asOutputs)), sortDeep(expected));
    });

    it("fails the update when a target resolves longer than the plan assumed and its policy outgrows AWS's limit", async function () {
        const long = (i: number) =>
            `arn:aws:dynamodb:us-east-1:123456789012:table/t${String(i).padStart(3, "0")}`;
        const grants: AwsGrant[] = Array.from({ length: 70 }, (_, i) => ({
            name: `queue-${String(i).padStart(3, "0")}`,
            access: "dynamodb:read",
            // Each ARN resolves to 72 characters more than the 128 planned for an unknown one.
            resource: pulumi.output(long(i).padEnd(200, "t")),
        }));
        const { message } = await failureOf(() => new AwsFunction("big", { ...zip, grants }));
        assert.match(
            message,
            /the grants queue-\d+.* policy of 'big' has \d+ characters, over the \d+ AWS allows; its target ARNs are longer than planned \(128\)/,
        );
    });

    it("keeps twenty grants whose ARNs are not known yet in the inline policy", async function () {
        const services = [
            "s3:readwrite",
            "dynamodb:readwrite",
            "sqs:send",
            "sns:publish",
            "kms:decrypt",
        ];
        const targets: Record<string, string> = {
            "s3:readwrite": "arn:aws:s3:::uploads",
            "dynamodb:readwrite": "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
            "sqs:send": "arn:aws:sqs:us-east-1:123456789012:jobs",
            "sns:publish": "arn:aws:sns:us-east-1:123456789012:events",
            "kms:decrypt":
                "arn:aws:kms:us-east-1:123456789012:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa",
        };
        const grants: AwsGrant[] = Array.from({ length: 20 }, (_, i) => {
            const access = services[i % services.length] ?? "sns:publish";
            return { name: `grant-${i}`, access, resource: pulumi.output(targets[access] ?? "") };
        });
        const r = await runComponents(() => new AwsFunction("busy", { ...zip, grants }), {
            preview: true,
        });
        assert.deepEqual(r.ofType("aws:iam/policy:Policy"), []);
        assert.equal(r.ofType(ROLE_POLICY).length, 2);
    });

    it("reports the planned permissions per grant as data", async function () {
        let fn: AwsFunction | undefined;
        await runComponents(() => {
            fn = new AwsFunction("fn", {
                ...zip,
                grants: [
                    {
                        name: "cfg",
                        access: "ssm:read",
                        resource: "/orders",
                        conditions: { requestedRegions: ["us-east-1"] },
                    },
                ],
            });
        });
        const permissions = await new Promise((resolve) => fn?.permissions.apply(resolve));
        assert.deepEqual(permissions, [
            {
                grant: "cfg",
                access: "ssm:read",
                actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
                resources: [
                    "arn:aws:ssm:us-east-1:123456789012:parameter/orders",
                    "arn:aws:ssm:us-east-1:123456789012:parameter/orders/*",
                ],
                conditions: [
                    {
                        test: "StringEquals",
                        variable: "aws:RequestedRegion",
                        values: ["us-east-1"],
                    },
                ],
            },
        ]);
    });

    it("lets a caller invoke another AwsFunction and tells it the callee's name", async function () {
        const r = await runComponents(() => {
            const worker = new AwsFunction("worker", { ...zip, functionName: "orders-worker" });
            new AwsFunction("api", {
                ...zip,
                grants: [{ name: "worker", access: "lambda:invoke", resource: worker }],
            });
        });
        assert.deepEqual(statements(r.named(ROLE_POLICY, "api-grants")), [
            {
                Effect: "Allow",
                Action: ["lambda:InvokeFunction"],
                Resource: [
                    "arn:aws:lambda:us-east-1:123456789012:function:orders-worker",
                    "arn:aws:lambda:us-east-1:123456789012:function:orders-worker:*",
                ],
            },
        ]);
        assert.deepEqual(r.named(FUNCTION, "api").inputs.environment, {
            variables: { WORKER_FUNCTION_NAME: "orders-worker" },
        });
    });

    it("allows each service caller from one source only, with the account for S3, and a URL only with IAM auth", async function () {
        const r = await runComponents(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    functionName: "orders-fn",
                    functionUrl: true,
                    allowInvokeFrom: [
                        {
                            name: "uploads",
                            principal: "s3.amazonaws.com",
                            sourceArn: "arn:aws:s3:::uploads",
                        },
                        {
                            name: "alerts",
                            principal: "sns.amazonaws.com",
                            sourceArn: "arn:aws:sns:us-east-1:123456789012:alerts",
                        },
                    ],
                }),
        );
        assert.deepEqual(r.named(PERMISSION, "fn-uploads").inputs, {
            action: "lambda:InvokeFunction",
            function: "orders-fn",
            principal: "s3.amazonaws.com",
            sourceArn: "arn:aws:s3:::uploads",
            sourceAccount: "123456789012",
        });
        assert.equal(r.named(PERMISSION, "fn-alerts").inputs.sourceAccount, undefined);
        assert.equal(
            r.named("aws:lambda/functionUrl:FunctionUrl", "fn").inputs.authorizationType,
            "AWS_IAM",
        );
    });

    it("exposes the function URL as a string, like the Azure and GCP components, and an invokeGrant for callers", async function () {
        let fn: AwsFunction | undefined;
        let plain: AwsFunction | undefined;
        await runComponents(() => {
            fn = new AwsFunction("fn", { ...zip, functionUrl: true });
            plain = new AwsFunction("plain", zip);
        });
        const url = await new Promise((resolve) => fn?.url?.apply(resolve));
        assert.match(String(url), /^https:\/\/[a-z0-9]+\.lambda-url\.us-east-1\.on\.aws\/$/);
        assert.equal(plain?.url, undefined);
        assert.ok(fn?.functionUrl instanceof aws.lambda.FunctionUrl);
        const grant = fn?.invokeGrant("fn");
        assert.equal(grant?.access, "lambda:invoke");
        assert.equal(grant?.name, "fn");
        assert.equal(grant?.resource, fn);
    });

    it("lets a caller call another function's URL: both invoke actions on it, and its URL in the environment", async function () {
        const r = await runComponents(() => {
            const callee = new AwsFunction("callee", {
                ...zip,
                functionName: "orders-callee",
                functionUrl: true,
            });
            return new AwsFunction("caller", {
                ...zip,
                grants: [{ name: "callee", access: "lambda:invoke-url", resource: callee }],
            });
        });
        assert.deepEqual(statements(r.named(ROLE_POLICY, "caller-grants")), [
            {
                Effect: "Allow",
                Action: ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"],
                Resource: ["arn:aws:lambda:us-east-1:123456789012:function:orders-callee"],
            },
        ]);
        const variables = (r.named(FUNCTION, "caller").inputs.environment as PropertyMap)
            .variables as PropertyMap;
        assert.match(
            text(variables, "CALLEE_FUNCTION_URL"),
            /^https:\/\/[a-z0-9]+\.lambda-url\.us-east-1\.on\.aws\/$/,
        );
    });

    it("adds what a producer to an encrypted queue needs of its key, only through SQS", async function () {
        const key = "arn:aws:kms:us-east-1:123456789012:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa";
        const r = await runComponents(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    grants: [
                        {
                            name: "jobs",
                            access: "sqs:send",
                            resource: pulumi.output("arn:aws:sqs:us-east-1:123456789012:jobs"),
                            key: pulumi.output(key),
                        },
                    ],
                }),
        );
        assert.deepEqual(statements(r.named(ROLE_POLICY, "fn-grants")), [
            {
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: [key],
                Condition: { StringEquals: { "kms:ViaService": ["sqs.us-east-1.amazonaws.com"] } },
            },
            {
                Effect: "Allow",
                Action: ["sqs:GetQueueUrl", "sqs:SendMessage"],
                Resource: ["arn:aws:sqs:us-east-1:123456789012:jobs"],
            },
        ]);
    });

    it("tags every taggable child with the function it belongs to, merged with the user's tags", async function () {
        const r = await runComponents(
            () => new AwsFunction("fn", { ...zip, tags: { team: "orders" } }),
        );
        for (const type of [ROLE, FUNCTION, "aws:cloudwatch/logGroup:LogGroup"]) {
            assert.deepEqual(r.named(type, "fn").inputs.tags, {
                "perimeter:function": "fn",
                team: "orders",
            });
        }
    });

    it("names the component and the fix when the name is empty, before anything is registered", async function () {
        const trailArgs = { functionArns: ["arn:aws:lambda:us-east-1:123456789012:function:f"] };
        for (const [component, make] of [
            ["AwsFunction", () => new AwsFunction("", zip)],
            ["AwsAuditTrail", () => new AwsAuditTrail(" ", trailArgs)],
        ] as const) {
            const failure = await failureOf(make);
            assert.match(
                failure.message,
                new RegExp(
                    `^${component} needs a name: the first argument of \`new ${component}\\(name, args\\)\` is "\\s*"; give a non-empty name`,
                ),
            );
            assert.deepEqual(
                failure.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"),
                [],
            );
        }
    });

    it("owns the role's policy set: the exclusive resources list exactly its inline policies and attachments", async function () {
        const grants: AwsGrant[] = Array.from({ length: 60 }, (_, i) => ({
            name: `table-${String(i).padStart(2, "0")}`,
            access: "dynamodb:readwrite",
            resource: pulumi.output(`arn:aws:dynamodb:us-east-1:123456789012:table/orders-${i}`),
        }));
        const r = await runComponents(() => new AwsFunction("big", { ...zip, grants }));
        const role = r.named(ROLE, "big");
        const inline = r.named(
            "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
            "big-inline-policies",
        );
        assert.equal(inline.inputs.roleName, role.outputs.name);
        assert.deepEqual(
            [...(inline.inputs.policyNames as string[])].sort(),
            r
                .ofType(ROLE_POLICY)
                .map((p) => p.outputs.name)
                .sort(),
        );
        assert.equal(r.ofType(ROLE_POLICY).length, 2);
        for (const name of inline.inputs.policyNames as unknown[])
            assert.equal(typeof name, "string");
        assert.equal(typeof role.outputs.name, "string");
        for (const name of inline.inputs.policyNames as unknown[])
            assert.equal(typeof name, "string");
        assert.equal(typeof role.outputs.name, "string");
        const attached = r.named(
            "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
            "big-attached-policies",
        );
        assert.equal(attached.inputs.roleName, role.outputs.name);
        const managed = r.ofType("aws:iam/policy:Policy");
        assert.ok(managed.length > 0);
        for (const arn of attached.inputs.policyArns as unknown[])
            assert.match(String(arn), /^arn:aws:iam::/);
        assert.deepEqual(
            [...(attached.inputs.policyArns as string[])].sort(),
            managed.map((p) => p.outputs.arn).sort(),
        );
        for (const p of [
            ...r.ofType(ROLE_POLICY),
            ...r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"),
        ]) {
            assert.ok(
                inline.dependencies.includes(p.urn) || attached.dependencies.includes(p.urn),
                p.name,
            );
        }
    });

    it("does not own the policy set of a role it did not create, nor when told not to", async function () {
        const existing = await runComponents(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    existingRoleArn: "arn:aws:iam::123456789012:role/legacy",
                }),
        );
        const off = await runComponents(
            () => new AwsFunction("fn", { ...zip, exclusivePolicies: false }),
        );
        for (const r of [existing, off]) {
            assert.deepEqual(r.ofType("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive"), []);
            assert.deepEqual(
                r.ofType("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"),
                [],
            );
        }
    });

    it("attaches grants to an existing role instead of creating one", async function () {
        const arn = "arn:aws:iam::123456789012:role/service/legacy-runner";
        const r = await runComponents(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    existingRoleArn: arn,
                    grants: [
                        {
                            name: "t",
                            access: "sns:publish",
                            resource: "arn:aws:sns:us-east-1:123456789012:t",
                        },
                    ],
                }),
        );
        assert.deepEqual(r.ofType(ROLE), []);
        assert.equal(r.named(ROLE_POLICY, "fn-grants").inputs.role, "legacy-runner");
        assert.equal(r.named(ROLE_POLICY, "fn-runtime").inputs.role, "legacy-runner");
        assert.equal(r.named(FUNCTION, "fn").inputs.role, arn);
    });

    it("passes a permissions boundary and tags to the role, and fixes the function name up front", async function () {
        const boundary = "arn:aws:iam::123456789012:policy/boundary";
        const r = await runComponents(
            () =>
                new AwsFunction("fn", {
                    ...zip,
                    permissionsBoundary: boundary,
                    tags: { team: "orders" },
                }),
        );
        const role = r.named(ROLE, "fn");
        assert.equal(role.inputs.permissionsBoundary, boundary);
        assert.deepEqual(role.inputs.tags, { "perimeter:function": "fn", team: "orders" });
        assert.match(text(r.named(FUNCTION, "fn").inputs, "name"), /^fn-[0-9a-f]{8}$/);
    });

    it("registers every child during a preview, with documents unknown until the targets exist", async function () {
        const r = await runComponents(
            () => {
                const queue = new aws.sqs.Queue("orders");
                new AwsFunction("fn", {
                    ...zip,
                    grants: [{ name: "orders", access: "sqs:send", resource: queue.arn }],
                });
            },
            { preview: true },
        );
        assert.ok(isUnknownValue(r.named(ROLE_POLICY, "fn-grants").inputs.policy));
        assert.ok(isUnknownValue(r.named(ROLE_POLICY, "fn-runtime").inputs.policy));
        assert.ok(!isUnknownValue(r.named(ROLE, "fn").inputs.assumeRolePolicy));
        assert.ok(
            r.named(FUNCTION, "fn").dependencies.includes(r.named(ROLE_POLICY, "fn-grants").urn),
        );
    });
});
