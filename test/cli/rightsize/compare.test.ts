import { strict as assert } from "assert";
import { compareFunction } from "../../../cli/rightsize/compare";
import { RecordedPermissions } from "../../../cli/rightsize/evidence";
import { UsageByPrincipal } from "../../../cli/rightsize/usage";
import { assumedRoleRecord, iamUserRecord } from "./cloudtrail-fixtures";
import { grantsOf, rightsized } from "./compare-fixtures";
import { ordersStack } from "./stack-fixtures";

const BUCKET_OBJECTS = "arn:aws:s3:::orders/*";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";

/** The orders function: reads and deletes objects, decrypts with KMS, sends to a queue. */
const stack = ordersStack({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Action: ["s3:GetObject", "s3:DeleteObject"], Resource: BUCKET_OBJECTS },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::orders" },
        { Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt"], Resource: "*" },
    ],
});

async function compare(records: readonly unknown[]) {
    const orders = (await rightsized(stack, records)).get("orders");
    assert.ok(orders);
    return orders;
}

/** Another principal's management event: proof the trail records that API. */
function someoneElse(eventSource: string, eventName: string): Record<string, unknown> {
    return {
        ...assumedRoleRecord(eventSource, eventName, { role: "ci-deployer" }),
        managementEvent: true,
    };
}

describe("perimeter rightsize: granted against used, per function", () => {
    it("on a management-only trail, calls S3 object reads unobservable, never unused", async () => {
        const result = await compare([
            assumedRoleRecord("kms.amazonaws.com", "Decrypt"),
            someoneElse("kms.amazonaws.com", "Encrypt"),
            iamUserRecord(),
        ]);
        assert.deepEqual(
            result.used.map((u) => u.action),
            ["kms:Decrypt"],
        );
        // Encrypt is recorded when anyone calls it, and orders never did.
        assert.deepEqual(
            result.unused.map((u) => u.action),
            ["kms:Encrypt"],
        );
        assert.deepEqual(
            result.unobservable.map((u) => [u.action, u.resources]),
            [
                ["s3:DeleteObject", [BUCKET_OBJECTS]],
                ["s3:GetObject", [BUCKET_OBJECTS]],
                ["s3:ListBucket", ["arn:aws:s3:::orders"]],
            ],
        );
        assert.deepEqual(result.summary, {
            granted: 5,
            used: 1,
            unused: 1,
            unobservable: 3,
            denied: 0,
        });
    });

    it("with S3 data events, counts HeadObject and ListObjectsV2 as the reads they authorize", async () => {
        const result = await compare([
            assumedRoleRecord("s3.amazonaws.com", "HeadObject", {
                category: "Data",
                requestParameters: { bucketName: "orders", key: "in/1.json" },
            }),
            assumedRoleRecord("s3.amazonaws.com", "ListObjectsV2", {
                category: "Data",
                requestParameters: { bucketName: "orders", prefix: "in/" },
            }),
        ]);
        assert.deepEqual(
            result.used.map((u) => [u.action, u.granted, [...u.resources]]),
            [
                ["s3:GetObject", true, ["arn:aws:s3:::orders/in/1.json"]],
                ["s3:ListBucket", true, ["arn:aws:s3:::orders"]],
            ],
        );
        // A data event of one object proves nothing about DeleteObject: the trail may select reads only.
        assert.ok(result.unobservable.some((u) => u.action === "s3:DeleteObject"));
    });

    it("reports what the function was refused, and what it did without a grant for it", async () => {
        const result = await compare([
            assumedRoleRecord("secretsmanager.amazonaws.com", "GetSecretValue", {
                errorCode: "AccessDenied",
                resources: [{ ARN: SECRET, type: "AWS::SecretsManager::Secret" }],
            }),
            assumedRoleRecord("sts.amazonaws.com", "GetCallerIdentity"),
        ]);
        assert.deepEqual(
            result.denied.map((d) => [d.action, d.count, [...d.resources]]),
            [["secretsmanager:GetSecretValue", 1, [SECRET]]],
        );
        // GetCallerIdentity needs no permission (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html):
        // it is used, and not among the grants.
        assert.deepEqual(
            result.used.map((u) => [u.action, u.granted]),
            [["sts:GetCallerIdentity", false]],
        );
        assert.equal(result.summary.used, 0);
    });

    it("calls nothing unused when the role's ARN is unknown, as in a preview", () => {
        const recorded = new RecordedPermissions();
        recorded.note("kms:Encrypt");
        const [orders] = grantsOf(stack);
        assert.ok(orders);
        const result = compareFunction(
            { ...orders, principals: [] },
            new UsageByPrincipal(),
            recorded,
        );
        assert.deepEqual(result.unused, []);
        assert.equal(result.unobservable.length, 5);
        assert.deepEqual(
            result.grants.map((g) => g.verdict),
            ["unseen", "unseen", "unseen"],
        );
    });

    it("keeps another function's sessions out", async () => {
        const result = await compare([
            assumedRoleRecord("kms.amazonaws.com", "Encrypt", { role: "billing-fn-role" }),
        ]);
        assert.deepEqual(result.used, []);
        assert.equal(result.summary.granted, 5);
    });
});
