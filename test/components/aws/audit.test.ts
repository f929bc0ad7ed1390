import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AwsAuditTrail, AwsFunction } from "../../../components/aws";
import { parsedJson, runComponents } from "../harness";

const zip = {
    code: new pulumi.asset.AssetArchive({}),
    handler: "index.handler",
    runtime: "nodejs20.x",
};

describe("AwsAuditTrail", function () {
    it("records the functions' invocations (data events, not management events) in every region with log file validation", async function () {
        const r = await runComponents(() => {
            const fn = new AwsFunction("fn", { ...zip, functionName: "orders-fn" });
            new AwsAuditTrail("audit", {
                functions: [fn],
                trailName: "orders-audit",
                s3BucketArns: ["arn:aws:s3:::uploads"],
                dynamodbTableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"],
            });
        });
        const trail = r.named("aws:cloudtrail/trail:Trail", "audit");
        assert.equal(trail.inputs.enableLogFileValidation, true);
        assert.equal(trail.inputs.isMultiRegionTrail, true);
        assert.deepEqual(trail.inputs.eventSelectors, [
            {
                readWriteType: "All",
                includeManagementEvents: false,
                dataResources: [
                    {
                        type: "AWS::Lambda::Function",
                        values: ["arn:aws:lambda:us-east-1:123456789012:function:orders-fn"],
                    },
                    { type: "AWS::S3::Object", values: ["arn:aws:s3:::uploads/"] },
                    {
                        type: "AWS::DynamoDB::Table",
                        values: ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"],
                    },
                ],
            },
        ]);
        assert.ok(
            trail.dependencies.includes(r.named("aws:s3/bucketPolicy:BucketPolicy", "audit").urn),
        );
    });

    it("records management events only when asked, and tags its children with the trail's name", async function () {
        const r = await runComponents(() => {
            const fn = new AwsFunction("fn", zip);
            new AwsAuditTrail("audit", {
                functions: [fn],
                managementEvents: true,
                tags: { team: "sec" },
            });
        });
        const trail = r.named("aws:cloudtrail/trail:Trail", "audit");
        const selectors = trail.inputs.eventSelectors as { includeManagementEvents: boolean }[];
        assert.equal(selectors[0]?.includeManagementEvents, true);
        assert.equal(trail.inputs.includeGlobalServiceEvents, true);
        for (const type of ["aws:cloudtrail/trail:Trail", "aws:s3/bucket:Bucket"]) {
            assert.deepEqual(r.named(type, "audit").inputs.tags, {
                "perimeter:audit-trail": "audit",
                team: "sec",
            });
        }
    });

    it("keeps its bucket private and lets only this trail write to it", async function () {
        const r = await runComponents(() => {
            const fn = new AwsFunction("fn", zip);
            new AwsAuditTrail("audit", { functions: [fn], trailName: "orders-audit" });
        });
        const block = r.named(
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "audit",
        ).inputs;
        for (const key of [
            "blockPublicAcls",
            "blockPublicPolicy",
            "ignorePublicAcls",
            "restrictPublicBuckets",
        ]) {
            assert.equal(block[key], true, key);
        }
        const bucket = r.named("aws:s3/bucket:Bucket", "audit").outputs.bucket;
        assert.equal(typeof bucket, "string");
        const policy = parsedJson(
            r.named("aws:s3/bucketPolicy:BucketPolicy", "audit").inputs.policy,
        ) as {
            Statement: {
                Action: string;
                Resource: string;
                Condition: { StringEquals: Record<string, string> };
            }[];
        };
        const trailArn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/orders-audit";
        assert.deepEqual(
            policy.Statement.map((s) => [
                s.Action,
                s.Resource,
                s.Condition.StringEquals["aws:SourceArn"],
            ]),
            [
                ["s3:GetBucketAcl", `arn:aws:s3:::${bucket as string}`, trailArn],
                [
                    "s3:PutObject",
                    `arn:aws:s3:::${bucket as string}/AWSLogs/123456789012/*`,
                    trailArn,
                ],
            ],
        );
    });
});
