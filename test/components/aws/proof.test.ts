/**
 * The proof of every AWS access level, under an IAM policy simulator (@cloud-copilot/iam-simulate, a
 * test-only AGPL dependency): each operation the level names (components/aws/grants/*.ts, with the
 * AWS documentation that lists its needs) is allowed by the policy the component generates, on the
 * intended target and inside the prefix; the same needs are denied on a sibling target and outside
 * the prefix; and what the level grants beyond its operations (its excess) is pinned, so it can
 * only change on purpose. Removing an action from a table entry fails an operation here or changes
 * the pinned excess.
 */
import { strict as assert } from "assert";
import { ACCOUNT, decision } from "./simulator";
import {
    AWS_ACCESS_TABLE,
    planAwsGrants,
    type AwsAccessEntry,
    type AwsOperation,
} from "../../../components/aws";
import { excessActions, grantedActions, neededActions } from "../../../components/aws/grants";
import { policyDocument, targetArn } from "../../../components/aws/plan";

const where = { partition: "aws", region: "us-east-1", account: ACCOUNT };
const PREFIX = "incoming/";

/** The target of each level, and a sibling of the same kind it must not reach. */
function targets(entry: AwsAccessEntry): { resource: string; other: string } {
    const regional = (service: string, rest: string): string =>
        `arn:aws:${service}:us-east-1:${ACCOUNT}:${rest}`;
    const byService: Record<string, { resource: string; other: string }> = {
        s3: { resource: "arn:aws:s3:::uploads", other: "arn:aws:s3:::payroll" },
        dynamodb:
            entry.access === "dynamodb:stream"
                ? {
                      resource: regional("dynamodb", "table/orders/stream/2024-01-01T00:00:00.000"),
                      other: regional("dynamodb", "table/users/stream/2024-01-01T00:00:00.000"),
                  }
                : {
                      resource: regional("dynamodb", "table/orders"),
                      other: regional("dynamodb", "table/users"),
                  },
        sqs: { resource: regional("sqs", "orders"), other: regional("sqs", "payroll") },
        kinesis: {
            resource: regional("kinesis", "stream/orders"),
            other: regional("kinesis", "stream/payroll"),
        },
        sns: { resource: regional("sns", "orders"), other: regional("sns", "payroll") },
        events: {
            resource: regional("events", "event-bus/orders"),
            other: regional("events", "event-bus/default"),
        },
        secretsmanager: {
            resource: regional("secretsmanager", "secret:orders-db-AbCdEf"),
            other: regional("secretsmanager", "secret:payroll-db-GhIjKl"),
        },
        ssm: { resource: "/orders/prod", other: "/payroll/prod" },
        kms: {
            resource: regional("kms", "key/1111aaaa-11aa-11aa-11aa-111111aaaaaa"),
            other: regional("kms", "key/2222bbbb-22bb-22bb-22bb-222222bbbbbb"),
        },
        lambda: {
            resource: regional("lambda", "function:orders-callee"),
            other: regional("lambda", "function:payroll"),
        },
    };
    const found = byService[entry.arnService];
    assert.ok(found, `no test target for ${entry.arnService}`);
    return found;
}

/**
 * What each level grants beyond the operations it names. Each entry is a decision, said in the
 * level's table and in docs/grants.md; a change here is a change of what the component grants.
 */
const PINNED_EXCESS: Readonly<Record<string, readonly string[]>> = {
    "s3:read": [],
    "s3:write": [],
    "s3:readwrite": [],
    "dynamodb:read": [],
    "dynamodb:write": [],
    "dynamodb:readwrite": [],
    "dynamodb:stream": [],
    "sqs:send": [],
    "sqs:consume": [],
    "kinesis:read": [],
    "sns:publish": [],
    "events:put": [],
    "secretsmanager:read": ["secretsmanager:DescribeSecret"],
    "ssm:read": [],
    "kms:decrypt": [],
    "kms:encrypt": [],
    "lambda:invoke": [],
    "lambda:invoke-url": [],
};

function grantPolicy(entry: AwsAccessEntry, target: string): object {
    const plan = planAwsGrants(
        [
            {
                name: "g",
                access: entry.access,
                resource: target,
                ...(entry.acceptsPrefix ? { prefix: PREFIX } : {}),
            },
        ],
        where,
    );
    return policyDocument(plan.documents.flatMap((d) => d.statements));
}

/** An operation's request against `target`, with the grant's prefix replaced by `prefix`. */
function requests(
    entry: AwsAccessEntry,
    operation: AwsOperation,
    target: string,
    prefix: string,
): { action: string; resource: string; context: Record<string, string> }[] {
    const arn = targetArn({ name: "g", access: entry.access, resource: target }, where);
    const fill = (text: string): string =>
        text.replace("{arn}", arn).replace("{prefix}", entry.acceptsPrefix ? prefix : "");
    const context = Object.fromEntries(
        Object.entries(operation.context ?? {}).map(([key, value]) => [key, fill(value)]),
    );
    return operation.needs.map((need) => ({
        action: need.action,
        resource: fill(need.resource),
        context,
    }));
}

describe("AWS access levels, proven per operation under the IAM policy simulator", function () {
    this.timeout(60_000);

    for (const entry of AWS_ACCESS_TABLE) {
        describe(entry.access, function () {
            const target = targets(entry);
            const policy = grantPolicy(entry, target.resource);
            type Request = ReturnType<typeof requests>[number];
            const decide = (request: Request) =>
                decision(policy, request.action, request.resource, request.context);
            const shown = (request: Request) =>
                `${request.action} on ${request.resource} ${JSON.stringify(request.context)}`;

            for (const operation of entry.operations) {
                it(`allows ${operation.job}, per ${operation.source}`, async function () {
                    assert.match(operation.source, /^https:\/\/docs\.aws\.amazon\.com\//);
                    for (const request of requests(entry, operation, target.resource, PREFIX)) {
                        assert.equal(await decide(request), "Allowed", shown(request));
                    }
                });

                it(`denies ${operation.job} on a sibling target${entry.acceptsPrefix ? " and outside the prefix" : ""}`, async function () {
                    const denied = [
                        ...requests(entry, operation, target.other, PREFIX),
                        ...(entry.acceptsPrefix
                            ? requests(entry, operation, target.resource, "private/")
                            : []),
                    ].filter((r) => r.resource !== "*");
                    for (const request of denied) {
                        assert.notEqual(await decide(request), "Allowed", shown(request));
                    }
                });
            }

            it("grants nothing beyond its operations but its pinned excess", function () {
                const granted = new Set(grantedActions(entry));
                for (const action of neededActions(entry)) {
                    assert.ok(granted.has(action), `${action} is needed but not granted`);
                }
                assert.deepEqual(
                    excessActions(entry),
                    PINNED_EXCESS[entry.access] ?? "no pinned excess",
                );
            });
        });
    }

    const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa`;
    const OTHER_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/2222bbbb-22bb-22bb-22bb-222222bbbbbb`;
    for (const entry of AWS_ACCESS_TABLE.filter((e) => e.keyUse !== undefined)) {
        const keyUse = entry.keyUse!;
        describe(`${entry.access} with the target's key`, function () {
            const plan = planAwsGrants(
                [
                    {
                        name: "g",
                        access: entry.access,
                        resource: targets(entry).resource,
                        key: KEY,
                        ...(entry.acceptsPrefix ? { prefix: PREFIX } : {}),
                    },
                ],
                where,
            );
            const policy = policyDocument(plan.documents.flatMap((d) => d.statements));
            const via = { "kms:ViaService": `${keyUse.viaService}.us-east-1.amazonaws.com` };

            for (const operation of keyUse.operations) {
                it(`allows ${operation.job} through ${keyUse.viaService} only, per ${operation.source}`, async function () {
                    for (const need of operation.needs) {
                        const resource = need.resource.replace("{key}", KEY);
                        assert.equal(await decision(policy, need.action, resource, via), "Allowed");
                        // Called directly, or on another key, KMS says no.
                        assert.notEqual(
                            await decision(policy, need.action, resource, {}),
                            "Allowed",
                        );
                        assert.notEqual(
                            await decision(policy, need.action, OTHER_KEY, via),
                            "Allowed",
                        );
                    }
                });
            }

            it("grants exactly what its key operations need", function () {
                assert.deepEqual(
                    [...keyUse.actions].sort(),
                    [
                        ...new Set(keyUse.operations.flatMap((o) => o.needs.map((n) => n.action))),
                    ].sort(),
                );
            });
        });
    }

    it("pins the excess of exactly the levels there are", function () {
        assert.deepEqual(
            Object.keys(PINNED_EXCESS).sort(),
            AWS_ACCESS_TABLE.map((e) => e.access).sort(),
        );
    });
});
