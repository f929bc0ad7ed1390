/**
 * The AWS part of the identity graph on hand-written stacks, read the way a stack policy reads them:
 * property bags behind the SDK's unknown-checking proxy (../../harness.ts), property dependencies set
 * as the SDK's server sets them (../../policies/aws/stack-fixtures.ts).
 */
import { strict as assert } from "assert";
import { awsGraphPart } from "../../../../policypack/lib/graph/aws";
import {
    type GraphEdge,
    type GraphPart,
    PUBLIC_NODE_ID,
    permissionKey,
    type RiskCategory,
} from "../../../../policypack/lib/graph/model";
import { type HarnessResource, readInStackPolicy, UNKNOWN, UNKNOWN_ARRAY } from "../../harness";
import {
    ACCOUNT,
    type Dependencies,
    doc,
    lambda,
    resource,
    role,
    roleArn,
    urnOf,
    withDependencies,
} from "../../policies/aws/stack-fixtures";

const ROLE = "aws:iam/role:Role";
const FUNCTION = "aws:lambda/function:Function";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const PERMISSION = "aws:lambda/permission:Permission";
const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";

const fnArn = (name: string) => `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`;
const fnUrn = (name: string) => urnOf(FUNCTION, name);
const roleUrn = (name: string) => urnOf(ROLE, name);

function rolePolicy(name: string, roleName: string, ...statements: object[]): HarnessResource {
    return resource(ROLE_POLICY, name, { role: roleName, policy: doc(...statements) });
}

/** A function `name` running as its own role `name`. */
function fn(name: string, props: Record<string, unknown> = {}): HarnessResource[] {
    return [role(name), lambda(name, name, props)];
}

/** The AWS graph part as a stack policy would build it, and whether building it stopped the policy. */
async function graphOf(
    resources: readonly HarnessResource[],
    dependencies: Dependencies = {},
): Promise<GraphPart> {
    return readInStackPolicy(resources, awsGraphPart, (capture) =>
        withDependencies(capture, dependencies),
    );
}

function edges<K extends GraphEdge["kind"]>(part: GraphPart, kind: K) {
    return part.edges.filter((e): e is Extract<GraphEdge, { kind: K }> => e.kind === kind);
}

/** `from → to` of the edges of a kind, sorted, with URNs shortened to resource names. */
function pairs(part: GraphPart, kind: GraphEdge["kind"]): string[] {
    const short = (id: string) => id.replace(/^urn:pulumi:[^:]*::[^:]*::/, "");
    return edges(part, kind)
        .map((e) => `${short(e.from)} → ${short(e.to)}`)
        .sort();
}

function profile(part: GraphPart, name: string) {
    const found = part.functions.find((f) => f.functionId === fnUrn(name));
    assert.ok(found, `no profile for ${name}`);
    return found;
}

/** Functions reachable from `name` over can-invoke edges. */
function reachable(part: GraphPart, name: string): string[] {
    const runsAs = new Map<string, string[]>();
    for (const e of edges(part, "runs-as")) {
        runsAs.set(e.from, [...(runsAs.get(e.from) ?? []), e.to]);
    }
    const seen = new Set([fnUrn(name)]);
    const queue = [fnUrn(name)];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const identities = runsAs.get(next) ?? [];
        for (const e of edges(part, "can-invoke")) {
            if (identities.includes(e.from) && !seen.has(e.to)) {
                seen.add(e.to);
                queue.push(e.to);
            }
        }
    }
    seen.delete(fnUrn(name));
    return [...seen].map((urn) => urn.split("::").pop() ?? urn).sort();
}

describe("the AWS identity graph", function () {
    it("follows a chain of three functions across two hops and profiles the risky end", async function () {
        const secretArn = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`;
        const part = await graphOf([
            ...fn("api"),
            ...fn("worker"),
            ...fn("admin"),
            resource("aws:secretsmanager/secret:Secret", "db", { arn: secretArn }),
            rolePolicy("api-calls", "api", {
                Effect: "Allow",
                Action: "lambda:InvokeFunction",
                Resource: fnArn("worker"),
            }),
            // A wildcard action on the callee's qualified ARN still reaches it.
            rolePolicy("worker-calls", "worker", {
                Effect: "Allow",
                Action: "lambda:Invoke*",
                Resource: `${fnArn("admin")}:*`,
            }),
            rolePolicy(
                "admin-powers",
                "admin",
                {
                    Effect: "Allow",
                    Action: ["iam:PassRole", "lambda:CreateFunction"],
                    Resource: "*",
                },
                {
                    Effect: "Allow",
                    Action: "lambda:InvokeFunction",
                    Resource: fnArn("new-*"),
                },
                { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArn },
            ),
        ]);
        assert.deepEqual(pairs(part, "runs-as"), [
            "aws:lambda/function:Function::admin → aws:iam/role:Role::admin",
            "aws:lambda/function:Function::api → aws:iam/role:Role::api",
            "aws:lambda/function:Function::worker → aws:iam/role:Role::worker",
        ]);
        assert.deepEqual(pairs(part, "can-invoke"), [
            "aws:iam/role:Role::api → aws:lambda/function:Function::worker",
            "aws:iam/role:Role::worker → aws:lambda/function:Function::admin",
        ]);
        assert.deepEqual(reachable(part, "api"), ["admin", "worker"]);

        const admin = profile(part, "admin");
        assert.deepEqual(admin.identityIds, [roleUrn("admin")]);
        assert.equal(admin.complete, true);
        const escalation = admin.permissions
            .filter((p) => p.categories.includes("privilegeEscalation"))
            .map(permissionKey)
            .sort();
        // cloudsplaining's PassExistingRoleToNewLambdaThenInvoke: all three actions, whatever their resources.
        assert.deepEqual(escalation, [
            `iam:PassRole on *`,
            `lambda:CreateFunction on *`,
            `lambda:InvokeFunction on ${fnArn("new-*")}`,
        ]);
        assert.equal(admin.risk.dataExfiltration, 1);
        assert.equal(profile(part, "api").risk.privilegeEscalation, 0);

        const toSecret = edges(part, "granted").find(
            (e) => e.to === urnOf("aws:secretsmanager/secret:Secret", "db"),
        );
        assert.deepEqual(toSecret && { ...toSecret, permissions: toSecret.permissions.length }, {
            kind: "granted",
            from: roleUrn("admin"),
            to: urnOf("aws:secretsmanager/secret:Secret", "db"),
            via: urnOf(ROLE_POLICY, "admin-powers"),
            access: "secretsmanager:GetSecretValue",
            level: "dataExfiltration",
            permissions: 1,
            conditions: [],
        });
        const star = part.nodes.find((n) => n.id === "aws:resource:*");
        assert.deepEqual(star, {
            id: "aws:resource:*",
            kind: "resource",
            cloud: "aws",
            label: "*",
        });
    });

    it("survives a cycle, and links invoke permissions that name a role", async function () {
        const part = await graphOf([
            ...fn("a"),
            ...fn("b"),
            rolePolicy("a-calls", "a", {
                Effect: "Allow",
                Action: "lambda:*",
                Resource: fnArn("b"),
            }),
            resource(PERMISSION, "b-may-call-a", {
                action: "lambda:InvokeFunction",
                function: "a",
                principal: roleArn("b"),
            }),
            // An account principal delegates to that account's identity policies: no edge of its own.
            resource(PERMISSION, "account-may-call-b", {
                action: "lambda:InvokeFunction",
                function: fnArn("b"),
                principal: ACCOUNT,
            }),
        ]);
        assert.deepEqual(pairs(part, "can-invoke"), [
            "aws:iam/role:Role::a → aws:lambda/function:Function::b",
            "aws:iam/role:Role::b → aws:lambda/function:Function::a",
        ]);
        const fromPermission = edges(part, "can-invoke").find((e) => e.from === roleUrn("b"));
        assert.equal(fromPermission?.via, urnOf(PERMISSION, "b-may-call-a"));
        assert.deepEqual(reachable(part, "a"), ["b"]);
        assert.deepEqual(reachable(part, "b"), ["a"]);
        assert.deepEqual(edges(part, "public"), []);
    });

    it("marks public entry points: a URL without auth and an unscoped '*' permission", async function () {
        const part = await graphOf([
            ...fn("open-url"),
            ...fn("open-permission"),
            ...fn("closed"),
            resource(FUNCTION_URL, "open", { functionName: "open-url", authorizationType: "NONE" }),
            resource(FUNCTION_URL, "iam", { functionName: "closed", authorizationType: "AWS_IAM" }),
            resource(PERMISSION, "anyone", {
                action: "lambda:InvokeFunction",
                function: `${fnArn("open-permission")}:prod`,
                principal: "*",
            }),
            resource(PERMISSION, "one-bucket", {
                action: "lambda:InvokeFunction",
                function: "closed",
                principal: "*",
                sourceArn: "arn:aws:s3:::uploads",
            }),
            resource(PERMISSION, "bucket-service", {
                action: "lambda:InvokeFunction",
                function: "closed",
                principal: "s3.amazonaws.com",
                sourceArn: "arn:aws:s3:::uploads",
            }),
        ]);
        assert.deepEqual(
            edges(part, "public").map((e) => [e.to, e.via, e.reason]),
            [
                [
                    fnUrn("open-url"),
                    urnOf(FUNCTION_URL, "open"),
                    "function URL 'open' with authorization type NONE",
                ],
                [
                    fnUrn("open-permission"),
                    urnOf(PERMISSION, "anyone"),
                    "Lambda permission 'anyone' lets principal '*' invoke it without sourceArn, sourceAccount or principalOrgId",
                ],
            ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
        );
        assert.deepEqual(
            part.nodes.find((n) => n.id === PUBLIC_NODE_ID),
            { id: PUBLIC_NODE_ID, kind: "public", cloud: null, label: "anyone" },
        );
        assert.deepEqual(pairs(part, "can-invoke"), []);
    });

    it("links unknown values through property dependencies and marks what it cannot read", async function () {
        // Roles and functions need distinct names here: dependencies are given by name.
        const unknownFn = (name: string) =>
            lambda(name, `${name}-role`, { role: UNKNOWN, arn: UNKNOWN, name: UNKNOWN });
        const unknownRole = (name: string, props: Record<string, unknown> = {}) =>
            role(`${name}-role`, { arn: UNKNOWN, name: UNKNOWN, ...props });
        const part = await graphOf(
            [
                unknownRole("caller"),
                unknownFn("caller"),
                unknownRole("callee", { inlinePolicies: UNKNOWN_ARRAY }),
                unknownFn("callee"),
                unknownRole("third"),
                unknownFn("third"),
                resource(ROLE_POLICY, "caller-grants", { role: UNKNOWN, policy: UNKNOWN }),
                resource(ROLE_POLICY, "caller-queue", {
                    role: UNKNOWN,
                    policy: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }),
                }),
                resource(PERMISSION, "third-may-call-callee", {
                    action: "lambda:InvokeFunction",
                    function: UNKNOWN,
                    principal: UNKNOWN,
                }),
            ],
            {
                caller: { role: ["caller-role"] },
                callee: { role: ["callee-role"] },
                third: { role: ["third-role"] },
                "caller-grants": { role: ["caller-role"], policy: ["callee"] },
                "caller-queue": { role: ["caller-role"] },
                "third-may-call-callee": { function: ["callee"], principal: ["third-role"] },
            },
        );
        assert.deepEqual(pairs(part, "runs-as"), [
            "aws:lambda/function:Function::callee → aws:iam/role:Role::callee-role",
            "aws:lambda/function:Function::caller → aws:iam/role:Role::caller-role",
            "aws:lambda/function:Function::third → aws:iam/role:Role::third-role",
        ]);
        assert.deepEqual(
            edges(part, "can-invoke").map((e) => [e.from, e.to, e.via, e.conditions]),
            [
                [
                    roleUrn("caller-role"),
                    fnUrn("callee"),
                    urnOf(ROLE_POLICY, "caller-grants"),
                    [
                        "inferred during preview: the unknown document of caller-grants depends on this function",
                    ],
                ],
                [
                    roleUrn("third-role"),
                    fnUrn("callee"),
                    urnOf(PERMISSION, "third-may-call-callee"),
                    [],
                ],
            ],
        );
        const caller = profile(part, "caller");
        assert.equal(caller.complete, false);
        assert.deepEqual(caller.permissions.map(permissionKey), ["sqs:SendMessage on *"]);
        assert.equal(profile(part, "callee").complete, false);
        assert.equal(profile(part, "third").complete, true);
    });

    it("puts each action in its risk categories", async function () {
        const part = await graphOf([
            ...fn("mixed"),
            rolePolicy("mixed-actions", "mixed", {
                Effect: "Allow",
                Action: [
                    "iam:PutRolePolicy",
                    "sts:AssumeRole",
                    "s3:GetObject",
                    "sqs:SendMessage",
                    "s3:ListBucket",
                    "s3:PutObjectTagging",
                    "not-a-service:DoThings",
                ],
                Resource: "*",
            }),
        ]);
        const categories = Object.fromEntries(
            profile(part, "mixed").permissions.map((p) => [p.action, p.categories]),
        );
        const expected: Record<string, readonly RiskCategory[]> = {
            // One action alone completes a cloudsplaining method, and it manages permissions.
            "iam:PutRolePolicy": ["privilegeEscalation", "permissionsManagement"],
            "sts:AssumeRole": ["privilegeEscalation", "credentialsExposure", "write"],
            "s3:GetObject": ["dataExfiltration", "read"],
            "sqs:SendMessage": ["write"],
            "s3:ListBucket": [],
            "s3:PutObjectTagging": [],
        };
        assert.deepEqual(categories, expected);
        const grant = edges(part, "granted")[0];
        assert.equal(grant?.level, "privilegeEscalation");
        assert.equal(
            grant?.access,
            "iam:PutRolePolicy, sts:AssumeRole, s3:GetObject, sqs:SendMessage, s3:ListBucket, s3:PutObjectTagging",
        );
    });

    it("lets an unconditional Deny take actions back and reports conditions as text", async function () {
        const bucket = "arn:aws:s3:::orders/*";
        const part = await graphOf([
            ...fn("writer"),
            rolePolicy(
                "writer-objects",
                "writer",
                { Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: bucket },
                {
                    Effect: "Allow",
                    Action: "s3:GetObject",
                    Resource: bucket,
                    Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b" } },
                },
                { Effect: "Deny", Action: "s3:Delete*", Resource: "*" },
                {
                    Effect: "Deny",
                    Action: "s3:PutObject",
                    Resource: "*",
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ),
        ]);
        assert.deepEqual(profile(part, "writer").permissions.map(permissionKey).sort(), [
            `s3:GetObject on ${bucket}`,
            `s3:PutObject on ${bucket}`,
        ]);
        assert.deepEqual(edges(part, "granted")[0]?.conditions, [
            'StringEquals aws:SourceVpce "vpce-1a2b"',
            'unless denied when Bool aws:SecureTransport "false"',
        ]);
    });

    it("reads every attachment path, AWS-managed policies included, and knows what it cannot read", async function () {
        const managedArn = `arn:aws:iam::${ACCOUNT}:policy/queue-send`;
        const queueArn = `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`;
        const part = await graphOf([
            role("worker", {
                inlinePolicies: [
                    {
                        name: "own",
                        policy: doc({
                            Effect: "Allow",
                            Action: "sqs:ReceiveMessage",
                            Resource: queueArn,
                        }),
                    },
                ],
                // AWS-managed: lambda:InvokeFunction on every function.
                managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaRole"],
            }),
            lambda("worker", "worker"),
            resource("aws:iam/policy:Policy", "queue-send", {
                arn: managedArn,
                name: "queue-send",
                policy: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: queueArn }),
            }),
            resource("aws:iam/policyAttachment:PolicyAttachment", "attach", {
                roles: ["worker"],
                policyArn: managedArn,
            }),
            ...fn("target"),
            ...fn("legacy"),
            resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "legacy-outside", {
                role: "legacy",
                policyArn: `arn:aws:iam::${ACCOUNT}:policy/defined-elsewhere`,
            }),
        ]);
        const worker = profile(part, "worker");
        assert.deepEqual(worker.permissions.map(permissionKey).sort(), [
            "lambda:InvokeFunction on *",
            `sqs:ReceiveMessage on ${queueArn}`,
            `sqs:SendMessage on ${queueArn}`,
        ]);
        // The pack's data keeps only the statements of AWS-managed policies that the IAM rules judge.
        assert.equal(worker.complete, false);
        assert.deepEqual(
            edges(part, "granted")
                .filter((e) => e.from === roleUrn("worker"))
                .map((e) => `${e.via ?? ""}: ${e.access}`)
                .sort(),
            [
                `${urnOf("aws:iam/policyAttachment:PolicyAttachment", "attach")}: sqs:SendMessage`,
                `${roleUrn("worker")}: lambda:InvokeFunction`,
                `${roleUrn("worker")}: sqs:ReceiveMessage`,
            ],
        );
        assert.deepEqual(pairs(part, "can-invoke"), [
            "aws:iam/role:Role::worker → aws:lambda/function:Function::legacy",
            "aws:iam/role:Role::worker → aws:lambda/function:Function::target",
        ]);
        assert.equal(profile(part, "legacy").complete, false);
        assert.equal(profile(part, "target").complete, true);
    });

    it("never throws on property bags of the wrong shape", async function () {
        const part = await graphOf([
            role("odd", { inlinePolicies: "not a list", managedPolicyArns: [1, null, {}] }),
            lambda("odd", "odd", { role: 42, arn: ["x"] }),
            lambda("no-role", "nobody", { role: null }),
            resource(ROLE_POLICY, "broken", { role: "odd", policy: "{ not json" }),
            resource(ROLE_POLICY, "empty", { role: { name: "odd" }, policy: { Statement: 7 } }),
            resource(PERMISSION, "weird", {
                action: 5,
                function: ["odd"],
                principal: { AWS: "*" },
            }),
            resource(FUNCTION_URL, "weird", { functionName: null, authorizationType: ["NONE"] }),
        ]);
        assert.deepEqual(
            part.functions.map((f) => [f.functionId, f.complete]),
            [
                [fnUrn("odd"), false],
                [fnUrn("no-role"), false],
            ],
        );
        assert.deepEqual(edges(part, "public"), []);
    });

    it("contributes nothing to a stack without Lambda functions", async function () {
        assert.deepEqual(await graphOf([role("lonely")]), { nodes: [], edges: [], functions: [] });
    });
});
