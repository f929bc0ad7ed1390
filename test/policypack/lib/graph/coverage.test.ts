/**
 * Coverage of a needed permission by held ones, per cloud: `*`, AWS ARN patterns, Azure parent scopes
 * and GCP projects contain resources; a different action, bucket, sibling scope or project does not.
 */
import { strict as assert } from "assert";
import {
    gcpProjectOf,
    HeldPermissions,
    resourceCovers,
} from "../../../../policypack/lib/graph/coverage";
import type { Permission } from "../../../../policypack/lib/graph/model";

const permission = (action: string, resource: string): Permission => ({
    action,
    resource,
    categories: ["dataExfiltration"],
});

function covers(held: readonly [string, string][], needed: [string, string]): boolean {
    return new HeldPermissions(held.map(([a, r]) => permission(a, r))).covers(
        permission(...needed),
    );
}

describe("permission coverage", () => {
    it("AWS: `*`, equal ARNs and ARN patterns cover; actions ignore case", () => {
        const object = "arn:aws:s3:::b/reports/2024.csv";
        assert.ok(covers([["s3:GetObject", "*"]], ["s3:GetObject", object]));
        assert.ok(covers([["s3:GetObject", object]], ["s3:GetObject", object]));
        assert.ok(covers([["s3:GetObject", "arn:aws:s3:::b/*"]], ["s3:GetObject", object]));
        assert.ok(covers([["s3:getobject", "arn:aws:s3:::b/*"]], ["S3:GetObject", object]));
        // A pattern covers a narrower pattern, not a broader one.
        assert.ok(resourceCovers("arn:aws:s3:::b/*", "arn:aws:s3:::b/reports/*"));
        assert.ok(!resourceCovers("arn:aws:s3:::b/reports/*", "arn:aws:s3:::b/*"));
        assert.ok(!resourceCovers("arn:aws:s3:::b/?", "arn:aws:s3:::b/*"));
        assert.ok(!resourceCovers("arn:aws:s3:::b/*", "*"));
    });

    it("AWS: another bucket, another action or another account is not covered", () => {
        const held: [string, string][] = [["s3:GetObject", "arn:aws:s3:::b/*"]];
        assert.ok(!covers(held, ["s3:GetObject", "arn:aws:s3:::b2/k"]));
        assert.ok(!covers(held, ["s3:GetObjectVersion", "arn:aws:s3:::b/k"]));
        assert.ok(
            !covers(
                [["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:1:secret:*"]],
                ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:2:secret:db"],
            ),
        );
    });

    it("Azure: a scope covers itself and everything below it, ignoring case", () => {
        const rg = "/subscriptions/s1/resourceGroups/rg";
        const vault = `${rg}/providers/Microsoft.KeyVault/vaults/v`;
        const read = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
        assert.ok(covers([[read, rg]], [read, vault]));
        assert.ok(covers([[read, "/subscriptions/s1"]], [read, vault]));
        assert.ok(covers([[read, `${rg.toUpperCase()}/`]], [read.toLowerCase(), vault]));
        assert.ok(covers([[read, "/"]], [read, vault]));
        assert.ok(covers([[read, vault]], [read, vault]));
    });

    it("Azure: a sibling scope, a name sharing a prefix, a child or another action is not covered", () => {
        const read = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
        const vault = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v";
        assert.ok(!covers([[read, "/subscriptions/s1/resourceGroups/rg2"]], [read, vault]));
        assert.ok(!covers([[read, "/subscriptions/s1/resourceGroups/r"]], [read, vault]));
        assert.ok(!covers([[read, `${vault}/secrets/db`]], [read, vault]));
        assert.ok(
            !covers(
                [["Microsoft.KeyVault/vaults/keys/decrypt/action", vault]],
                [read, `${vault}/secrets/db`],
            ),
        );
    });

    it("GCP: a project covers its resources, by full name or by their project", () => {
        const get = "storage.objects.get";
        assert.ok(covers([[get, "projects/p"]], [get, "bucket uploads in projects/p"]));
        assert.ok(covers([[get, "projects/p"]], [get, "bucket 'uploads' in projects/p"]));
        assert.ok(covers([[get, "projects/p"]], [get, "projects/p"]));
        const access = "secretmanager.versions.access";
        assert.ok(covers([[access, "projects/p"]], [access, "projects/p/secrets/db"]));
        assert.deepEqual(
            ["projects/p/secrets/db", "bucket b in projects/p", "bucket b", "organizations/1"].map(
                gcpProjectOf,
            ),
            ["projects/p", "projects/p", undefined, undefined],
        );
    });

    it("GCP: another project, an unknown project, a bucket-level or higher grant, another permission is not covered", () => {
        const get = "storage.objects.get";
        assert.ok(!covers([[get, "projects/q"]], [get, "bucket uploads in projects/p"]));
        assert.ok(!covers([[get, "projects/q"]], [get, "projects/qq/secrets/db"]));
        assert.ok(!covers([[get, "projects/p"]], [get, "bucket uploads"]));
        assert.ok(
            !covers([[get, "bucket other in projects/p"]], [get, "bucket uploads in projects/p"]),
        );
        // Which projects an organization or folder holds is not in the stack.
        assert.ok(!covers([[get, "organizations/1"]], [get, "bucket uploads in projects/p"]));
        // GCP permission names are exact.
        assert.ok(!covers([["Storage.Objects.Get", "projects/p"]], [get, "projects/p/x"]));
        assert.ok(!covers([["storage.objects.list", "projects/p"]], [get, "projects/p/x"]));
    });

    it("holds nothing for an empty list", () => {
        assert.ok(!covers([], ["s3:GetObject", "*"]));
    });
});
