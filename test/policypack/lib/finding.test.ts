import * as assert from "assert";
import {
    formatFindingKey,
    messageWithKey,
    parseFindingKey,
    qualifiedFindingKey,
    quoteList,
    redact,
} from "../../../policypack/lib/finding";

describe("finding keys and messages", () => {
    it("ends a message with the key in brackets and reads it back", () => {
        const message = messageWithKey({
            message: "aws:iam/policy:Policy 'admin' allows action '*' on '*'",
            key: { kind: "Action", value: "*" },
        });
        assert.strictEqual(
            message,
            "aws:iam/policy:Policy 'admin' allows action '*' on '*' [Action::*]",
        );
        assert.deepStrictEqual(parseFindingKey(message), { kind: "Action", value: "*" });
    });

    it("keeps a key value with colons intact", () => {
        const key = { kind: "ManagedPolicy", value: "arn:aws:iam::aws:policy/AdministratorAccess" };
        assert.deepStrictEqual(parseFindingKey(messageWithKey({ message: "x", key })), key);
        assert.strictEqual(
            qualifiedFindingKey("p", key),
            "p[ManagedPolicy::arn:aws:iam::aws:policy/AdministratorAccess]",
        );
    });

    it("keeps a key on one line and its bracket closed", () => {
        assert.strictEqual(formatFindingKey({ kind: "Env", value: "a]\nb" }), "Env::a) b");
        assert.strictEqual(parseFindingKey("no key here"), undefined);
    });

    it("refuses a kind that would break the key syntax", () => {
        assert.throws(() => formatFindingKey({ kind: "Bad Kind", value: "x" }), /alphanumeric/);
    });

    it("redacts a secret to its length, with no prefix (issue 17)", () => {
        const shown = redact("AKIAIOSFODNN7EXAMPLE");
        assert.strictEqual(shown, "(redacted, 20 characters)");
        assert.doesNotMatch(shown, /AKIA/);
        assert.strictEqual(redact("hunter2"), "(redacted, 7 characters)");
        assert.strictEqual(redact(42), "(redacted number)");
    });

    it("quotes short lists whole and long lists with a count", () => {
        assert.strictEqual(quoteList(["a", "b"]), "'a', 'b'");
        assert.strictEqual(quoteList(["a", "b", "c", "d", "e"]), "'a', 'b', 'c' and 2 more");
    });
});
