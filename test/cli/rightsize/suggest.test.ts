import { strict as assert } from "assert";
import { coversResource, commonPrefix, loggingScopeOf } from "../../../cli/rightsize/resources";
import { RecordedPermissions } from "../../../cli/rightsize/evidence";
import { type StackResourceInput, stackResourcesOf } from "../../../policypack/lib/stack-view";
import { ACCOUNT, assumedRoleRecord } from "./cloudtrail-fixtures";
import { rightsized } from "./compare-fixtures";
import { resource } from "./stack-fixtures";
import { LAMBDA_TRUST_POLICY } from "../export-builder";

const COMPONENT = "perimeter:index:AwsFunction";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/reader-1a2b3c`;

/** An AwsFunction as a stack export holds it: the component, its role, its grants policy, its Lambda. */
function readerStack(
    permissions: readonly Record<string, unknown>[],
    extra: readonly StackResourceInput[] = [],
) {
    const child = (type: string, name: string, props: Record<string, unknown>) => ({
        ...resource(type, name, props),
        urn: `urn:pulumi:dev::shop::${COMPONENT}$${type}::${name}`,
        parent: `urn:pulumi:dev::shop::${COMPONENT}::reader`,
    });
    const statements = permissions.map((p) => ({
        Effect: "Allow",
        Action: p["actions"],
        Resource: p["resources"],
    }));
    return stackResourcesOf([
        resource(COMPONENT, "reader", {
            permissions,
            functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:reader",
        }),
        child("aws:iam/role:Role", "reader", {
            name: "reader-1a2b3c",
            arn: ROLE_ARN,
            assumeRolePolicy: LAMBDA_TRUST_POLICY,
        }),
        child("aws:iam/rolePolicy:RolePolicy", "reader-grants", {
            role: "reader-1a2b3c",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
        }),
        child("aws:lambda/function:Function", "reader", {
            name: "reader",
            arn: "arn:aws:lambda:eu-west-1:123456789012:function:reader",
            role: ROLE_ARN,
        }),
        ...extra,
    ]);
}

const S3_READ = [
    {
        grant: "data",
        access: "s3:read",
        actions: ["s3:GetObject", "s3:GetObjectVersion"],
        resources: ["arn:aws:s3:::data/*"],
        conditions: [],
    },
    {
        grant: "data",
        access: "s3:read",
        actions: ["s3:ListBucket"],
        resources: ["arn:aws:s3:::data"],
        conditions: [],
    },
];
const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-Ab12Cd`;
const SECRET_READ = {
    grant: "db",
    access: "secretsmanager:read",
    actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
    resources: [SECRET],
    conditions: [],
};

function objectRead(key: string, time: string) {
    return assumedRoleRecord("s3.amazonaws.com", "GetObject", {
        role: "reader-1a2b3c",
        time,
        category: "Data",
        resources: [
            { ARN: `arn:aws:s3:::data/${key}`, type: "AWS::S3::Object" },
            { ARN: "arn:aws:s3:::data", type: "AWS::S3::Bucket" },
        ],
    });
}

describe("perimeter rightsize: suggestions in the component's vocabulary", () => {
    it("gives a bucket granted whole the one folder every object read lay under as its prefix", async () => {
        const report = await rightsized(readerStack(S3_READ), [
            objectRead("reports/2026/11/23/a.csv", "2026-11-23T09:00:00Z"),
            objectRead("reports/2026/11/24/b.csv", "2026-11-24T09:00:00Z"),
        ]);
        const reader = report.get("reader");
        assert.equal(reader?.suggestion.kind, "grants");
        assert.deepEqual(reader?.suggestion.grants, [
            { name: "data", access: "s3:read", resource: "arn:aws:s3:::data", prefix: "reports/" },
        ]);
        assert.match(reader?.suggestion.changes.join() ?? "", /grant 'data': prefix "reports\/"/);
        const objects = reader?.grants.find((g) => g.resources.includes("arn:aws:s3:::data/*"));
        assert.equal(objects?.touchedUnder, "arn:aws:s3:::data/reports/2026/11/");
    });

    it("removes a grant whose every action the logs record and none was used", async () => {
        const someoneElse = (name: string) => ({
            ...assumedRoleRecord("secretsmanager.amazonaws.com", name, { role: "billing-app" }),
            managementEvent: true,
        });
        const report = await rightsized(readerStack([...S3_READ, SECRET_READ]), [
            objectRead("reports/a.csv", "2026-11-23T09:00:00Z"),
            someoneElse("GetSecretValue"),
            someoneElse("DescribeSecret"),
        ]);
        const suggestion = report.get("reader")?.suggestion;
        assert.deepEqual(
            suggestion?.grants?.map((g) => g.name),
            ["data"],
        );
        assert.deepEqual(suggestion?.changes, [
            `grant 'data': prefix "reports/" (every object it was used on lies under it, as far as the logs' data events show)`,
            "remove grant 'db' (secretsmanager:read): the logs record secretsmanager:DescribeSecret, secretsmanager:GetSecretValue and show none used",
        ]);
    });

    it("names a policy beside the component's grants: remove it, or declare the use only it covers", async () => {
        const admin = resource("aws:iam/rolePolicy:RolePolicy", "reader-admin", {
            role: "reader-1a2b3c",
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
            }),
        });
        const stack = readerStack(S3_READ, [admin]);
        const read = objectRead("reports/a.csv", "2026-11-23T09:00:00Z");
        const covered = (await rightsized(stack, [read])).get("reader")?.suggestion.changes;
        assert.match(
            covered?.join("\n") ?? "",
            /^remove 'reader-admin' \(\* \(\d+ actions\)\): it is outside the component's grants, and no call in the logs needed it/m,
        );
        const table = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;
        const item = assumedRoleRecord("dynamodb.amazonaws.com", "GetItem", {
            role: "reader-1a2b3c",
            category: "Data",
            resources: [{ ARN: table, type: "AWS::DynamoDB::Table" }],
        });
        const needed = (await rightsized(stack, [read, item])).get("reader")?.suggestion.changes;
        assert.match(
            needed?.join("\n") ?? "",
            /'reader-admin' \(.*\) is outside the component's grants and was used for dynamodb:GetItem: declare a grant for that use, then remove it/,
        );
    });

    it("keeps the grant whole while the logs show no use of the function at all", async () => {
        const report = await rightsized(readerStack(S3_READ), [
            assumedRoleRecord("sts.amazonaws.com", "GetCallerIdentity", { role: "other" }),
        ]);
        const suggestion = report.get("reader")?.suggestion;
        assert.deepEqual(suggestion?.changes, []);
        assert.match(
            suggestion?.notes.join() ?? "",
            /grant 'data' \(s3:read\): no use in the logs/,
        );
    });
});

describe("perimeter rightsize: where a use lies, and where logging is proven", () => {
    const permission = (action: string, resource: string) => ({ action, resource, categories: [] });
    const ACCOUNT_SCOPE =
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data";

    it("matches AWS ARNs as IAM patterns, Azure URIs and IDs under a scope, GCP names by the target's name", () => {
        assert.ok(
            coversResource(
                "aws",
                permission("s3:GetObject", "arn:aws:s3:::b/in/*"),
                undefined,
                "arn:aws:s3:::b/in/x",
            ),
        );
        assert.ok(
            !coversResource(
                "aws",
                permission("s3:GetObject", "arn:aws:s3:::b/in/*"),
                undefined,
                "arn:aws:s3:::b/out/x",
            ),
        );
        const container = `${ACCOUNT_SCOPE}/blobServices/default/containers/uploads`;
        const blobs = permission(
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
            container,
        );
        assert.ok(
            coversResource(
                "azure",
                blobs,
                undefined,
                "https://data.blob.core.windows.net/uploads/a.csv",
            ),
        );
        assert.ok(
            !coversResource(
                "azure",
                blobs,
                undefined,
                "https://data.blob.core.windows.net/other/a.csv",
            ),
        );
        assert.ok(
            !coversResource(
                "azure",
                blobs,
                undefined,
                "https://else.blob.core.windows.net/uploads/a.csv",
            ),
        );
        const table = permission("x", `${ACCOUNT_SCOPE}/tableServices/default/tables/audit`);
        assert.ok(
            coversResource(
                "azure",
                table,
                undefined,
                "https://data.table.core.windows.net/audit(PartitionKey='p',RowKey='r')",
            ),
        );
        assert.ok(
            coversResource(
                "azure",
                permission("x", ACCOUNT_SCOPE),
                undefined,
                `${ACCOUNT_SCOPE.toLowerCase()}/blobServices/default`,
            ),
        );
        const bucket = stackResourcesOf([
            resource("gcp:storage/bucket:Bucket", "uploads", { name: "uploads-1a2b" }),
        ])[0];
        const get = permission("storage.objects.get", "bucket uploads-1a2b in projects/p");
        assert.ok(
            coversResource("gcp", get, bucket, "projects/_/buckets/uploads-1a2b/objects/in/a"),
        );
        assert.ok(!coversResource("gcp", get, bucket, "projects/_/buckets/other/objects/in/a"));
    });

    it("finds the folder every use lay under, and nothing when they share none", () => {
        assert.equal(
            commonPrefix(["arn:aws:s3:::b/in/1", "arn:aws:s3:::b/in/2"]),
            "arn:aws:s3:::b/in/",
        );
        assert.equal(commonPrefix(["a/x", "b/y"]), undefined);
        assert.equal(commonPrefix([]), undefined);
    });

    it("proves a data permission recorded only where the same logging covers it", () => {
        const evidence = new RecordedPermissions();
        evidence.note(
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
            "data",
        );
        evidence.note("storage.objects.list", "p");
        evidence.note("kms:Encrypt");
        const blobDelete = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete";
        assert.ok(evidence.records(blobDelete, loggingScopeOf("azure", ACCOUNT_SCOPE)));
        assert.ok(
            !evidence.records(
                blobDelete,
                loggingScopeOf("azure", ACCOUNT_SCOPE.replace("/data", "/host")),
            ),
        );
        assert.ok(
            !evidence.records(
                blobDelete,
                loggingScopeOf("azure", "/subscriptions/s/resourceGroups/rg"),
            ),
        );
        assert.ok(
            evidence.records(
                "storage.objects.list",
                loggingScopeOf("gcp", "bucket b in projects/p"),
            ),
        );
        assert.ok(
            !evidence.records(
                "storage.objects.list",
                loggingScopeOf("gcp", "bucket b in projects/q"),
            ),
        );
        assert.ok(evidence.records("KMS:encrypt", loggingScopeOf("aws", "*")));
        assert.ok(!evidence.records("Microsoft.Storage/*", "data"));
    });
});

describe("perimeter rightsize: odd component outputs", () => {
    it("never throws on a component whose outputs are not of our shape", async () => {
        for (const permissions of [
            "x",
            [null, 1, { grant: 1 }, { grant: "a", access: "s3:read", actions: "s3:GetObject" }],
            {},
            undefined,
        ]) {
            const stack = readerStack([]).map((r) =>
                r.type === COMPONENT ? { ...r, props: { permissions } } : r,
            );
            const reader = (
                await rightsized(stack, [objectRead("a/b", "2026-11-23T09:00:00Z")])
            ).get("reader");
            assert.equal(reader?.suggestion.kind, "grants");
        }
    });
});
