import * as assert from "assert";
import { globMatch, hasWildcard } from "../../../policypack/lib/glob";

describe("globMatch", () => {
    it("matches * against any run of characters, including none", () => {
        assert.ok(globMatch("fn-*", "fn-"));
        assert.ok(globMatch("fn-*", "fn-orders"));
        assert.ok(globMatch("*", ""));
        assert.ok(!globMatch("fn-*", "api-orders"));
    });

    it("matches ? against exactly one character", () => {
        assert.ok(globMatch("fn-?", "fn-a"));
        assert.ok(!globMatch("fn-?", "fn-"));
        assert.ok(!globMatch("fn-?", "fn-ab"));
    });

    it("is case-sensitive unless asked otherwise", () => {
        assert.ok(!globMatch("Fn-*", "fn-a"));
        assert.ok(globMatch("Fn-*", "fn-a", true));
    });

    it("folds case the way toLowerCase does, for ASCII and beyond", () => {
        // IAM action names are case-insensitive (IAM JSON policy elements: Action).
        assert.ok(globMatch("iam:passrole", "IAM:PassRole", true));
        assert.ok(globMatch("IAM:Pass*", "iam:passrole", true));
        assert.ok(!globMatch("iam:PassRole[", "iam:PassRole{", true)); // '[' and '{' differ by 32 too
        assert.ok(!globMatch("a@", "a`", true));
        assert.ok(globMatch("ÄRGER*", "ärger-1", true));
        assert.ok(!globMatch("ÄRGER*", "ärger-1"));
        // Characters whose lower case is longer than themselves.
        assert.strictEqual(globMatch("İ?", "i̇x", true), "İ".toLowerCase() === "i̇");
    });

    it("treats regular-expression characters literally", () => {
        assert.ok(globMatch("a.b+(c)", "a.b+(c)"));
        assert.ok(!globMatch("a.b", "axb"));
    });

    it("answers patterns full of stars against long text", () => {
        const pattern = `${"*a".repeat(40)}*b`;
        assert.strictEqual(globMatch(pattern, "a".repeat(200)), false);
        assert.strictEqual(globMatch(pattern, `${"a".repeat(200)}b`), true);
    });

    it("knows whether a text contains a wildcard", () => {
        assert.ok(hasWildcard("s3:*"));
        assert.ok(hasWildcard("s3:Get?bject"));
        assert.ok(!hasWildcard("s3:GetObject"));
    });
});
