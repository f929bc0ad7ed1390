import * as assert from "assert";
import {
    accessLevelsOf,
    awsActionPatternMatches,
    expandAwsActionPattern,
    isKnownAwsService,
    isUnknownAwsActionPattern,
    lookupAwsAction,
    matchesEveryAwsAction,
} from "../../../policypack/lib/aws-actions";

describe("AWS action knowledge", () => {
    it("expands s3:Get* to Read actions including s3:GetObject", () => {
        const actions = expandAwsActionPattern("s3:Get*");
        assert.ok(actions.some((a) => a.action === "s3:GetObject"));
        assert.ok(actions.every((a) => a.action.startsWith("s3:Get")));
        assert.ok(accessLevelsOf("s3:Get*").has("Read"));
        assert.strictEqual(lookupAwsAction("s3:GetObject")?.accessLevel, "Read");
    });

    it("finds Permissions management actions behind iam:*", () => {
        const levels = accessLevelsOf("iam:*");
        assert.ok(levels.has("Permissions management"));
        assert.strictEqual(
            lookupAwsAction("iam:PutRolePolicy")?.accessLevel,
            "Permissions management",
        );
    });

    it("normalises tagging actions to the Tagging level", () => {
        assert.strictEqual(lookupAwsAction("s3:PutObjectTagging")?.accessLevel, "Tagging");
    });

    it("knows xray:PutTraceSegments only accepts Resource '*' and s3:GetObject does not", () => {
        assert.strictEqual(lookupAwsAction("xray:PutTraceSegments")?.wildcardOnly, true);
        assert.strictEqual(lookupAwsAction("s3:GetObject")?.wildcardOnly, false);
    });

    it("matches actions and patterns without regard to case and returns AWS casing", () => {
        assert.strictEqual(lookupAwsAction("S3:getobject")?.action, "s3:GetObject");
        assert.ok(expandAwsActionPattern("S3:GETOBJ*").some((a) => a.action === "s3:GetObject"));
        assert.ok(awsActionPatternMatches("s3:get?bject", "s3:GetObject"));
        assert.ok(!awsActionPatternMatches("s3:Put*", "s3:GetObject"));
    });

    it("detects unknown actions and services", () => {
        assert.ok(isUnknownAwsActionPattern("s3:GetObjekt"));
        assert.ok(isUnknownAwsActionPattern("s4:GetObject"));
        assert.ok(isUnknownAwsActionPattern("GetObject"));
        assert.ok(!isUnknownAwsActionPattern("s3:GetObject"));
        assert.ok(isKnownAwsService("lambda"));
        assert.ok(!isKnownAwsService("lambada"));
        assert.strictEqual(lookupAwsAction("s3:GetObjekt"), undefined);
    });

    it("expands a wildcard in the service part across services", () => {
        const services = new Set(expandAwsActionPattern("*:GetObject").map((a) => a.service));
        assert.ok(services.has("s3"));
        assert.ok(services.size >= 1);
    });

    it("recognises patterns that grant every action", () => {
        for (const pattern of ["*", "*:*", "**", "***:**", "?*"]) {
            assert.ok(matchesEveryAwsAction(pattern), pattern);
        }
        for (const pattern of ["s3:*", "*:Get*", "iam:*", ":*", "*:", "?:*", "", "*::*"]) {
            assert.ok(!matchesEveryAwsAction(pattern), pattern);
        }
    });
});
