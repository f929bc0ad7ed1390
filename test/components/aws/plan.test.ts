import { strict as assert } from "assert";
import fc from "fast-check";
import {
    AWS_ACCESS_TABLE,
    INLINE_POLICY_LIMIT,
    MANAGED_POLICY_LIMIT,
    planAwsGrants,
    type PlannableGrant,
} from "../../../components/aws";

const where = { partition: "aws", region: "eu-west-1", account: "111122223333" };

/** Twenty realistic grants over ten services, as a busy function might have. */
function twentyGrants(): PlannableGrant[] {
    const grants: PlannableGrant[] = [];
    for (let i = 0; i < 4; i++) {
        grants.push({
            name: `bucket-${i}`,
            access: "s3:readwrite",
            resource: `arn:aws:s3:::orders-uploads-production-${i}`,
            prefix: `incoming/tenant-${i}/`,
        });
        grants.push({
            name: `table-${i}`,
            access: "dynamodb:readwrite",
            resource: `arn:aws:dynamodb:eu-west-1:111122223333:table/orders-production-${i}`,
        });
        grants.push({
            name: `queue-${i}`,
            access: "sqs:send",
            resource: `arn:aws:sqs:eu-west-1:111122223333:orders-production-events-${i}`,
        });
    }
    grants.push(
        {
            name: "topic",
            access: "sns:publish",
            resource: "arn:aws:sns:eu-west-1:111122223333:orders",
        },
        {
            name: "bus",
            access: "events:put",
            resource: "arn:aws:events:eu-west-1:111122223333:event-bus/orders",
        },
        {
            name: "secret",
            access: "secretsmanager:read",
            resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db-AbCdEf",
        },
        { name: "params", access: "ssm:read", resource: "/orders/production" },
        {
            name: "key",
            access: "kms:decrypt",
            resource: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        },
        {
            name: "callee",
            access: "lambda:invoke",
            resource: "arn:aws:lambda:eu-west-1:111122223333:function:orders-callee",
        },
        { name: "audit", access: "s3:write", resource: "arn:aws:s3:::orders-audit", prefix: "fn/" },
        {
            name: "vault",
            access: "kms:encrypt",
            resource: "arn:aws:kms:eu-west-1:111122223333:key/abcd1234-12ab-34cd-56ef-1234567890ab",
        },
    );
    return grants;
}

describe("planning AWS grants", function () {
    it("scopes an s3 read grant to objects under the prefix and lists only that prefix", function () {
        const plan = planAwsGrants(
            [
                {
                    name: "uploads",
                    access: "s3:read",
                    resource: "arn:aws:s3:::uploads",
                    prefix: "in/",
                },
            ],
            where,
        );
        assert.deepEqual(plan.documents[0]?.statements, [
            {
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion"],
                Resource: ["arn:aws:s3:::uploads/in/*"],
            },
            {
                Effect: "Allow",
                Action: ["s3:ListBucket"],
                Resource: ["arn:aws:s3:::uploads"],
                Condition: { StringLike: { "s3:prefix": ["in/*"] } },
            },
        ]);
    });

    it("merges the actions of two grants on the same resource into one statement", function () {
        const plan = planAwsGrants(
            [
                {
                    name: "read",
                    access: "dynamodb:read",
                    resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/t",
                },
                {
                    name: "send",
                    access: "sqs:send",
                    resource: "arn:aws:sqs:eu-west-1:111122223333:q",
                },
                {
                    name: "write",
                    access: "dynamodb:readwrite",
                    resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/t",
                },
            ],
            where,
        );
        const statements = plan.documents[0]?.statements ?? [];
        const onTable = statements.filter((s) =>
            s.Resource.includes("arn:aws:dynamodb:eu-west-1:111122223333:table/t"),
        );
        assert.equal(onTable.length, 1);
        assert.ok(onTable[0]?.Action.includes("dynamodb:PutItem"));
        assert.ok(onTable[0]?.Action.includes("dynamodb:GetItem"));
        assert.deepEqual(
            plan.documents.map((d) => d.placement),
            ["inline"],
        );
    });

    it("turns an SSM path into the parameter ARN of the function's region and account", function () {
        const plan = planAwsGrants(
            [{ name: "cfg", access: "ssm:read", resource: "/orders/prod/" }],
            where,
        );
        assert.deepEqual(plan.permissions[0]?.resources, [
            "arn:aws:ssm:eu-west-1:111122223333:parameter/orders/prod",
            "arn:aws:ssm:eu-west-1:111122223333:parameter/orders/prod/*",
        ]);
    });

    it("adds default conditions to every grant and lets a grant's own condition on the same key win", function () {
        const plan = planAwsGrants(
            [
                {
                    name: "a",
                    access: "sns:publish",
                    resource: "arn:aws:sns:eu-west-1:111122223333:a",
                    conditions: { sourceVpce: ["vpce-own"] },
                },
                {
                    name: "b",
                    access: "sns:publish",
                    resource: "arn:aws:sns:eu-west-1:111122223333:b",
                },
            ],
            {
                ...where,
                defaultConditions: {
                    sourceVpce: ["vpce-default"],
                    resourceTags: { team: "orders" },
                },
            },
        );
        const statements = plan.documents[0]?.statements ?? [];
        assert.equal(statements.length, 2);
        const a = statements.find((s) =>
            s.Resource.includes("arn:aws:sns:eu-west-1:111122223333:a"),
        );
        const b = statements.find((s) =>
            s.Resource.includes("arn:aws:sns:eu-west-1:111122223333:b"),
        );
        assert.deepEqual(a?.Condition, {
            StringEquals: { "aws:SourceVpce": ["vpce-own"], "aws:ResourceTag/team": ["orders"] },
        });
        assert.deepEqual(b?.Condition, {
            StringEquals: {
                "aws:SourceVpce": ["vpce-default"],
                "aws:ResourceTag/team": ["orders"],
            },
        });
    });

    it("puts each condition only on the actions whose requests carry its key", function () {
        const plan = planAwsGrants(
            [
                {
                    name: "out",
                    access: "s3:write",
                    resource: "arn:aws:s3:::uploads",
                    prefix: "out/",
                    conditions: {
                        custom: [
                            {
                                test: "StringEquals",
                                variable: "s3:x-amz-server-side-encryption",
                                values: ["aws:kms"],
                            },
                        ],
                    },
                },
                {
                    name: "in",
                    access: "s3:read",
                    resource: "arn:aws:s3:::uploads",
                    prefix: "in/",
                },
            ],
            { ...where, defaultConditions: { requestedRegions: ["eu-west-1"] } },
        );
        const byAction = new Map(
            plan.permissions.flatMap((p) => p.actions.map((a) => [a, p.conditions] as const)),
        );
        const region = {
            test: "StringEquals",
            variable: "aws:RequestedRegion",
            values: ["eu-west-1"],
        };
        const sse = {
            test: "StringEquals",
            variable: "s3:x-amz-server-side-encryption",
            values: ["aws:kms"],
        };
        // PutObject requests carry the encryption header key; AbortMultipartUpload requests do not.
        assert.deepEqual(byAction.get("s3:PutObject"), [region, sse]);
        assert.deepEqual(byAction.get("s3:AbortMultipartUpload"), [region]);
        // s3:prefix stays on ListBucket; GetObject requests carry no s3:prefix.
        assert.deepEqual(byAction.get("s3:GetObject"), [region]);
        assert.deepEqual(byAction.get("s3:ListBucket"), [
            region,
            { test: "StringLike", variable: "s3:prefix", values: ["in/*"] },
        ]);
    });

    it("keeps twenty grants in one inline policy under the 10,240-character limit", function () {
        const plan = planAwsGrants(twentyGrants(), where);
        assert.equal(plan.documents.length, 1);
        assert.equal(plan.documents[0]?.placement, "inline");
        assert.ok(
            (plan.documents[0]?.size ?? Infinity) <= INLINE_POLICY_LIMIT,
            String(plan.documents[0]?.size),
        );
    });

    it("spills grants that do not fit into managed policies keyed by grant names, each within its limit", function () {
        const plan = planAwsGrants(twentyGrants(), where, { inlineBudget: 2_000 });
        assert.equal(plan.documents[0]?.placement, "inline");
        assert.ok(plan.documents.length > 1);
        for (const doc of plan.documents) {
            const limit = doc.placement === "inline" ? 2_000 : MANAGED_POLICY_LIMIT;
            assert.ok(doc.size <= limit, `${doc.key}: ${doc.size}`);
            assert.equal(doc.key, doc.placement === "inline" ? "grants" : doc.grants[0]);
        }
        const placed = plan.documents.flatMap((d) => d.grants).sort();
        assert.deepEqual(
            placed,
            twentyGrants()
                .map((g) => g.name)
                .sort(),
        );
    });

    it("plans the same documents whatever the order of the grants", function () {
        const grants = twentyGrants();
        const expected = planAwsGrants(grants, where, { inlineBudget: 3_000 });
        fc.assert(
            fc.property(fc.shuffledSubarray(grants, { minLength: grants.length }), (shuffled) => {
                assert.deepEqual(planAwsGrants(shuffled, where, { inlineBudget: 3_000 }), expected);
            }),
            { numRuns: 30 },
        );
    });

    it("writes no wildcard action in any access table entry", function () {
        for (const entry of AWS_ACCESS_TABLE) {
            for (const statement of entry.statements) {
                for (const action of statement.actions) {
                    assert.match(action, /^[a-z0-9-]+:[A-Za-z0-9]+$/, `${entry.access}: ${action}`);
                }
            }
        }
    });
});
