import * as assert from "assert";
import { stackCallChainEscalation } from "../../../../policypack/policies/stack/stack-call-chain-escalation";
import { type HarnessOptions, type HarnessResource, runStackPolicy, UNKNOWN } from "../../harness";
import {
    ACCOUNT,
    doc,
    lambda,
    resource,
    role,
    urnOf,
    withDependencies,
} from "../aws/stack-fixtures";

const POLICY = "stack-call-chain-escalation";
const fnArn = (name: string) => `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`;
const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`;

const invoke = (callee: string) => ({
    Effect: "Allow",
    Action: "lambda:InvokeFunction",
    Resource: fnArn(callee),
});
const sendToQueue = { Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE };
const readSecret = { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET };

/** A function with its own role and an inline role policy holding the statements. */
function fn(name: string, ...statements: object[]): HarnessResource[] {
    return [
        role(`${name}-role`),
        resource("aws:iam/rolePolicy:RolePolicy", `${name}-policy`, {
            role: `${name}-role`,
            policy: doc(...statements),
        }),
        lambda(name, `${name}-role`, { name }),
    ];
}

/** api → worker → admin, where admin reads a secret that neither caller holds. */
const UNSAFE_CHAIN = [
    ...fn("api", invoke("worker")),
    ...fn("worker", sendToQueue, invoke("admin")),
    ...fn("admin", readSecret),
];

/** api → worker, where worker only adds a queue send (write). */
const SAFE_CHAIN = [...fn("api", invoke("worker")), ...fn("worker", sendToQueue)];

async function judge(resources: readonly HarnessResource[], options?: HarnessOptions) {
    return runStackPolicy(stackCallChainEscalation, resources, options);
}

const pathsOf = (result: Awaited<ReturnType<typeof judge>>) =>
    result.violations.map((v) => `${v.urn?.split("::").pop()}: ${v.findingKey}`);

describe(POLICY, () => {
    it("passes a chain whose callee adds only write access", async () => {
        const result = await judge(SAFE_CHAIN);
        assert.deepStrictEqual(result.violations, []);
        assert.strictEqual(result.notApplicable, undefined);
    });

    it("reports each caller of a two-hop chain on the caller, with the path", async () => {
        const result = await judge(UNSAFE_CHAIN);
        assert.deepStrictEqual(pathsOf(result), [
            `api: ${POLICY}[Path::api->admin]`,
            `worker: ${POLICY}[Path::worker->admin]`,
        ]);
        assert.strictEqual(
            result.violations[0]?.message,
            "Function 'api' can reach 'admin' (path: api → worker → admin) and borrow 1 " +
                "permission it does not hold: data exfiltration 1 " +
                `(secretsmanager:GetSecretValue on ${SECRET}) [Path::api->admin]`,
        );
        assert.strictEqual(result.violations[0]?.urn, urnOf("aws:lambda/function:Function", "api"));
    });

    it("reports a chain anyone can start on the public function", async () => {
        const result = await judge([
            ...fn("api", invoke("admin")),
            ...fn("admin", readSecret),
            resource("aws:lambda/functionUrl:FunctionUrl", "api-url", {
                functionName: "api",
                authorizationType: "NONE",
            }),
        ]);
        assert.deepStrictEqual(pathsOf(result), [
            `api: ${POLICY}[Path::api->admin]`,
            `api: ${POLICY}[Path::anyone->admin]`,
        ]);
        assert.match(
            result.violations[1]?.message ?? "",
            /^Anyone can reach 'admin' \(path: anyone → api → admin\) and borrow 1 permission: /,
        );
    });

    it("is not applicable to a stack without functions", async () => {
        const result = await judge([
            role("lonely"),
            resource("aws:s3/bucket:Bucket", "b", { bucket: "b" }),
        ]);
        assert.strictEqual(result.notApplicable, "the stack has no functions");
        assert.deepStrictEqual(result.violations, []);
    });

    it("judges the configured categories and enforcement level", async () => {
        const result = await judge(SAFE_CHAIN, {
            config: { categories: ["write"], enforcementLevel: "mandatory" },
        });
        assert.strictEqual(result.enforcementLevel, "mandatory");
        assert.deepStrictEqual(pathsOf(result), [`api: ${POLICY}[Path::api->worker]`]);
        assert.match(result.violations[0]?.message ?? "", /write 1 \(sqs:SendMessage on /);
        const none = await judge(UNSAFE_CHAIN, { config: { categories: [] } });
        assert.deepStrictEqual(none.violations, []);
    });

    it("lets an exemption accept one chain", async () => {
        const result = await judge(UNSAFE_CHAIN, {
            config: {
                exemptions: [
                    {
                        resource: "api",
                        reason: "Admin path reviewed in SEC-101",
                        finding: "Path::api->admin",
                    },
                ],
            },
        });
        assert.deepStrictEqual(pathsOf(result), [`worker: ${POLICY}[Path::worker->admin]`]);
        assert.deepStrictEqual(
            result.exemptions.map((e) => e.findingKey),
            [`${POLICY}[Path::api->admin]`],
        );
    });

    it("follows roles and invoke grants by property dependencies while values are unknown", async () => {
        // During preview: role ARNs and the caller's policy document (built from the callee's ARN) are
        // unknown; property dependencies still say which role and which function they are about.
        const policy = withDependencies(stackCallChainEscalation, {
            "api-policy": { role: ["api-role"], policy: ["admin"] },
            "admin-policy": { role: ["admin-role"] },
            api: { role: ["api-role"] },
            admin: { role: ["admin-role"] },
        });
        const unknownRole = { name: UNKNOWN, arn: UNKNOWN };
        const result = await runStackPolicy(policy, [
            role("api-role", unknownRole),
            resource("aws:iam/rolePolicy:RolePolicy", "api-policy", {
                role: UNKNOWN,
                policy: UNKNOWN,
            }),
            lambda("api", "api-role", { role: UNKNOWN, arn: UNKNOWN }),
            role("admin-role", unknownRole),
            resource("aws:iam/rolePolicy:RolePolicy", "admin-policy", {
                role: UNKNOWN,
                policy: doc(readSecret),
            }),
            lambda("admin", "admin-role", { role: UNKNOWN, arn: UNKNOWN }),
        ]);
        assert.strictEqual(result.unknown, undefined);
        assert.deepStrictEqual(pathsOf(result), [`api: ${POLICY}[Path::api->admin]`]);
        assert.match(result.violations[0]?.message ?? "", /some grants are not known yet/);
    });
});
