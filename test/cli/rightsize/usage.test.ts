import { strict as assert } from "assert";
import { awsUsesOf } from "../../../cli/rightsize/aws/cloudtrail";
import { RecordedPermissions } from "../../../cli/rightsize/evidence";
import { RESOURCES_KEPT, type Use, UsageByPrincipal } from "../../../cli/rightsize/usage";
import { assumedRoleRecord, type RecordOptions, roleArn } from "./cloudtrail-fixtures";

function call(eventSource: string, eventName: string, options: RecordOptions = {}): Use {
    const read = awsUsesOf(
        assumedRoleRecord(eventSource, eventName, options),
        new RecordedPermissions(),
    );
    assert.ok(!("skip" in read) && read[0] !== undefined);
    return read[0];
}

describe("perimeter rightsize: what each role's sessions did", () => {
    it("keeps two functions' sessions apart, by the role each was made from", () => {
        const usage = new UsageByPrincipal();
        usage.add(
            call("s3.amazonaws.com", "HeadObject", {
                role: "orders-fn-role",
                resources: [{ ARN: "arn:aws:s3:::orders/in/1.json", type: "AWS::S3::Object" }],
            }),
        );
        usage.add(
            call("s3.amazonaws.com", "ListObjectsV2", {
                role: "orders-fn-role",
                requestParameters: { bucketName: "orders" },
            }),
        );
        usage.add(call("sqs.amazonaws.com", "SendMessage", { role: "billing-fn-role" }));
        const orders = usage.of(roleArn("orders-fn-role"));
        const billing = usage.of(roleArn("BILLING-FN-ROLE"));
        assert.deepEqual(
            [...(orders?.used.values() ?? [])].map((u) => [u.action, u.count, [...u.resources]]),
            [
                ["s3:GetObject", 1, ["arn:aws:s3:::orders/in/1.json"]],
                ["s3:ListBucket", 1, ["arn:aws:s3:::orders"]],
            ],
        );
        assert.deepEqual([...(billing?.used.keys() ?? [])], ["sqs:sendmessage"]);
    });

    it("counts calls with first and last seen, and a service's calls on the session's behalf", () => {
        const usage = new UsageByPrincipal();
        usage.add(
            call("kms.amazonaws.com", "Decrypt", {
                time: "2026-11-30T10:00:00Z",
                invokedBy: "s3.amazonaws.com",
            }),
        );
        usage.add(call("kms.amazonaws.com", "Decrypt", { time: "2026-11-29T10:00:00Z" }));
        const decrypt = usage.of(roleArn("orders-fn-role"))?.used.get("kms:decrypt");
        assert.equal(decrypt?.count, 2);
        assert.equal(decrypt?.first, Date.parse("2026-11-29T10:00:00Z"));
        assert.equal(decrypt?.last, Date.parse("2026-11-30T10:00:00Z"));
        assert.deepEqual([...(decrypt?.onBehalfOf ?? [])], ["s3.amazonaws.com"]);
    });

    it("keeps refused calls apart from used ones: what the function needs and lacks", () => {
        const usage = new UsageByPrincipal();
        usage.add(
            call("secretsmanager.amazonaws.com", "GetSecretValue", {
                errorCode: "AccessDenied",
                resources: [
                    {
                        ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
                        type: "AWS::SecretsManager::Secret",
                    },
                ],
            }),
        );
        const role = usage.of(roleArn("orders-fn-role"));
        assert.equal(role?.used.size, 0);
        assert.deepEqual(
            [...(role?.denied.values() ?? [])].map((u) => [u.action, u.count]),
            [["secretsmanager:GetSecretValue", 1]],
        );
    });

    it("counts events it cannot map to an action instead of guessing one", () => {
        const usage = new UsageByPrincipal();
        usage.add(call("s3.amazonaws.com", "NoSuchOperation"));
        usage.add(call("s3.amazonaws.com", "NoSuchOperation"));
        assert.deepEqual(
            [...(usage.of(roleArn("orders-fn-role"))?.unmapped ?? [])],
            [["s3.amazonaws.com NoSuchOperation", 2]],
        );
    });

    it("keeps a bounded number of resources per action and counts the rest", () => {
        const usage = new UsageByPrincipal();
        for (let i = 0; i < RESOURCES_KEPT + 5; i++) {
            usage.add(
                call("s3.amazonaws.com", "GetObject", {
                    requestParameters: { bucketName: "orders", key: `in/${i}.json` },
                }),
            );
        }
        usage.add(
            call("s3.amazonaws.com", "GetObject", {
                requestParameters: { bucketName: "orders", key: "in/0.json" },
            }),
        );
        const get = usage.of(roleArn("orders-fn-role"))?.used.get("s3:getobject");
        assert.equal(get?.resources.size, RESOURCES_KEPT);
        assert.equal(get?.moreResources, 5);
        assert.equal(get?.count, RESOURCES_KEPT + 6);
    });
});
