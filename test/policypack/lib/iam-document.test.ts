import * as assert from "assert";
import { parseIamDocument, type IamDocument } from "../../../policypack/lib/iam-document";

function parsed(value: unknown): IamDocument {
    const result = parseIamDocument(value);
    assert.ok(result.ok, `expected a document, got: ${result.ok ? "" : result.error}`);
    return result.document;
}

function error(value: unknown): string {
    const result = parseIamDocument(value);
    assert.ok(!result.ok, "expected a parse error");
    return result.error;
}

describe("parseIamDocument", () => {
    it("reads a JSON string and an equal object to the same statements", () => {
        const doc = {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
        };
        assert.deepStrictEqual(parsed(JSON.stringify(doc)), parsed(doc));
        assert.strictEqual(parsed(doc).version, "2012-10-17");
    });

    it("turns a string Action and Resource into one-item lists", () => {
        const [s] = parsed({
            Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" },
        }).statements;
        assert.deepStrictEqual(s?.actions, ["s3:*"]);
        assert.deepStrictEqual(s?.resources, ["*"]);
    });

    it("keeps lists of actions and resources in order", () => {
        const [s] = parsed({
            Statement: [{ Effect: "Allow", Action: ["a:B", "c:D"], Resource: ["r1", "r2"] }],
        }).statements;
        assert.deepStrictEqual(s?.actions, ["a:B", "c:D"]);
        assert.deepStrictEqual(s?.resources, ["r1", "r2"]);
    });

    it("reads NotAction, NotResource and Deny", () => {
        const [s] = parsed({
            Statement: [{ Effect: "Deny", NotAction: "iam:*", NotResource: ["arn:x"] }],
        }).statements;
        assert.strictEqual(s?.effect, "Deny");
        assert.deepStrictEqual(s?.notActions, ["iam:*"]);
        assert.strictEqual(s?.actions, undefined);
        assert.deepStrictEqual(s?.notResources, ["arn:x"]);
    });

    it("treats a lower-case effect as the IAM effect it spells", () => {
        const [s] = parsed({
            Statement: [{ Effect: "allow", Action: "*", Resource: "*" }],
        }).statements;
        assert.strictEqual(s?.effect, "Allow");
    });

    it("normalises Principal '*' to the AWS principal type and lists of principals", () => {
        const [star, services] = parsed({
            Statement: [
                { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" },
                {
                    Effect: "Allow",
                    Principal: { Service: "lambda.amazonaws.com" },
                    Action: "sts:AssumeRole",
                },
            ],
        }).statements;
        assert.deepStrictEqual(star?.principals, { AWS: ["*"] });
        assert.deepStrictEqual(services?.principals, { Service: ["lambda.amazonaws.com"] });
    });

    it("turns condition values into lists of strings", () => {
        const [s] = parsed({
            Statement: [
                {
                    Effect: "Allow",
                    Action: "s3:GetObject",
                    Resource: "*",
                    Condition: {
                        Bool: { "aws:SecureTransport": true },
                        StringEquals: { k: ["a", "b"] },
                    },
                },
            ],
        }).statements;
        assert.deepStrictEqual(s?.conditions, {
            Bool: { "aws:SecureTransport": ["true"] },
            StringEquals: { k: ["a", "b"] },
        });
    });

    it("numbers statements from 1 and keeps their Sid", () => {
        const statements = parsed({
            Statement: [
                { Sid: "One", Effect: "Allow", Action: "a:b" },
                { Effect: "Allow", Action: "c:d" },
            ],
        }).statements;
        assert.deepStrictEqual(
            statements.map((s) => [s.position, s.sid]),
            [
                [1, "One"],
                [2, undefined],
            ],
        );
    });

    it("reports invalid JSON with a position but without quoting the text", () => {
        const message = error('{"Statement": [ SECRET-TOKEN-VALUE ]}');
        assert.match(message, /not valid JSON/);
        assert.doesNotMatch(message, /SECRET/);
    });

    it("reports an empty string, a non-object and a missing Statement", () => {
        assert.match(error(""), /empty/);
        assert.match(error("42"), /JSON object, not a number/);
        assert.match(error([]), /JSON object, not a list/);
        assert.match(error(null), /JSON object, not null/);
        assert.match(error({ Version: "2012-10-17" }), /no Statement/);
    });

    it("names the statement that has both Action and NotAction, or neither", () => {
        assert.match(
            error({
                Statement: [
                    { Effect: "Allow", Action: "a:b" },
                    { Effect: "Allow", Action: "*", NotAction: "x:y" },
                ],
            }),
            /statement 2 has both Action and NotAction/,
        );
        assert.match(error({ Statement: { Effect: "Allow" } }), /statement 1 has neither/);
    });

    it("rejects an action list holding a non-string, an empty list and a bad effect", () => {
        assert.match(
            error({ Statement: [{ Effect: "Allow", Action: ["a:b", 3] }] }),
            /Action must hold only strings, but one item is a number/,
        );
        assert.match(error({ Statement: [{ Effect: "Allow", Action: [] }] }), /empty list/);
        assert.match(error({ Statement: [{ Effect: "Permit", Action: "*" }] }), /Effect must be/);
        assert.match(error({ Statement: ["Allow"] }), /statement 1 must be an object/);
    });

    it("rejects a condition block that is not an object of keys", () => {
        assert.match(
            error({ Statement: [{ Effect: "Allow", Action: "*", Condition: { Bool: "x" } }] }),
            /Condition\.Bool must be an object/,
        );
    });
});
