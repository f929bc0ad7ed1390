import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    ArgumentProblems,
    closest,
    stableHash,
    validateGrantBasics,
} from "../../../components/core";
import { failureOf } from "../harness";

const LEVELS = ["s3:read", "s3:write", "s3:readwrite", "sqs:send"];

describe("component core", () => {
    it("accepts well-formed grants and returns them", () => {
        const problems = new ArgumentProblems();
        const grants = validateGrantBasics(
            [
                { name: "uploads", access: "s3:read", resource: "arn:aws:s3:::b" },
                { name: "jobs", access: "sqs:send", resource: "arn:aws:sqs:eu-west-1:1:q" },
            ],
            LEVELS,
            problems,
        );
        assert.equal(problems.size, 0);
        assert.deepEqual(
            grants.map((g) => g.name),
            ["uploads", "jobs"],
        );
    });

    it("names every bad grant argument, the value and the fix", () => {
        const problems = new ArgumentProblems();
        const grants = validateGrantBasics(
            [
                { name: "uploads", access: "s3:reed", resource: "arn:aws:s3:::b" },
                { name: "uploads", access: "s3:read" },
                { name: "Bad Name", access: "s3:read", resource: "" },
                "s3:read",
            ],
            LEVELS,
            problems,
        );
        assert.deepEqual(grants, []);
        assert.deepEqual(problems.list(), [
            "`grants[0].access` 's3:reed' is not an access level; did you mean 's3:read'? Known levels: s3:read, s3:write, s3:readwrite, sqs:send",
            "`grants[1].name` 'uploads' is used by another grant; grant names must be unique",
            "`grants[1].resource` is missing; name the resource this grant gives access to",
            "`grants[2].name` 'Bad Name' is not a grant name; use 1-40 lower-case letters, digits and hyphens, e.g. \"uploads\"",
            "`grants[2].resource` is missing; name the resource this grant gives access to",
            "`grants[3]` must be a grant object { name, access, resource }, not 's3:read'",
        ]);
    });

    it("rejects a grant list that is not a list", () => {
        const problems = new ArgumentProblems();
        validateGrantBasics({ name: "x" }, LEVELS, problems);
        assert.deepEqual(problems.list(), ['`grants` must be a list of grants, not {"name":"x"}']);
    });

    it("suggests only near misses", () => {
        assert.equal(closest("s3:raed", LEVELS), "s3:read");
        assert.equal(closest("dynamodb:write", LEVELS), undefined);
    });

    it("hashes keys stably and distinctly", () => {
        assert.equal(stableHash("uploads"), stableHash("uploads"));
        assert.notEqual(stableHash("uploads"), stableHash("jobs"));
        assert.match(stableHash("uploads"), /^[0-9a-f]{8}$/);
    });

    it("throws every problem as one ResourceError before any child exists", async () => {
        class Widget extends pulumi.ComponentResource {
            constructor(name: string) {
                super("perimeter:test:Widget", name);
                const problems = new ArgumentProblems();
                problems.add("grants[0].access", "'x' is not an access level");
                problems.add("timeout", "-1 must be between 1 and 900 seconds");
                problems.throwIfAny("Widget", name, this);
            }
        }
        const { message } = await failureOf(() => new Widget("w"));
        assert.match(message, /Widget 'w' has 2 problems with its arguments:/);
        assert.match(message, /- `grants\[0\]\.access` 'x' is not an access level/);
        assert.match(message, /- `timeout` -1 must be between 1 and 900 seconds/);
    });
});
