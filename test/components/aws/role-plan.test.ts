/**
 * The role's one plan: runtime statements and grants laid out together, with placeholders for the
 * values that resolve later, and each document rendered by filling them in.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { INLINE_POLICY_LIMIT, MANAGED_POLICY_LIMIT } from "../../../components/aws";
import { documentSize, policyDocument } from "../../../components/aws/plan";
import {
    ASSUMED_ARN_LENGTH,
    fillPlaceholders,
    placeholder,
    placeholdersIn,
    planRole,
} from "../../../components/aws/role-plan";

const where = { partition: "aws", region: "eu-west-1", account: "111122223333" };
const logGroupArn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/api";

describe("planning an AWS function's role", function () {
    it("puts the runtime statements in the plan and leaves the grants what remains of the inline budget", function () {
        const plan = planRole({
            grants: [{ name: "uploads", access: "s3:read", resource: "arn:aws:s3:::uploads" }],
            context: where,
            logGroupArn,
            features: { vpc: true, tracing: false },
        });
        const [runtime, grants] = plan.documents;
        assert.equal(runtime?.placement, "runtime");
        assert.equal(runtime?.limit, documentSize(runtime?.statements ?? []));
        assert.ok(runtime?.statements.some((s) => s.Action.includes("ec2:CreateNetworkInterface")));
        assert.equal(grants?.placement, "inline");
        // AWS counts all inline policies of a role together (IAM User Guide, "IAM and AWS STS quotas").
        assert.equal((runtime?.limit ?? 0) + (grants?.limit ?? 0), INLINE_POLICY_LIMIT);
        assert.deepEqual(
            plan.runtimePermissions.map((p) => p.resources),
            [[`${logGroupArn}:log-stream:*`], ["*"]],
        );
    });

    it("spills grants into managed policies of at most AWS's managed limit", function () {
        const grants = Array.from({ length: 120 }, (_, i) => ({
            name: `queue-${String(i).padStart(3, "0")}`,
            access: "sqs:consume",
            resource: placeholder(i, ASSUMED_ARN_LENGTH),
        }));
        const plan = planRole({
            grants,
            context: where,
            logGroupArn,
            features: { vpc: false, tracing: false },
        });
        const managed = plan.documents.filter((d) => d.placement === "managed");
        assert.ok(managed.length > 0);
        for (const doc of managed) {
            assert.equal(doc.limit, MANAGED_POLICY_LIMIT);
            assert.ok(documentSize(doc.statements) <= MANAGED_POLICY_LIMIT);
        }
        assert.deepEqual(
            plan.documents.flatMap((d) => d.grants),
            grants.map((g) => g.name),
        );
    });

    it("sizes a document with placeholders exactly as with values of the assumed length", function () {
        fc.assert(
            fc.property(
                fc.array(fc.stringMatching(/^[a-z0-9-]{1,40}$/), { minLength: 1, maxLength: 12 }),
                (names) => {
                    const unique = [...new Set(names)];
                    const values = new Map(
                        unique.map((n, i) => [
                            i,
                            `arn:aws:sqs:eu-west-1:111122223333:${n}`.padEnd(
                                ASSUMED_ARN_LENGTH,
                                "q",
                            ),
                        ]),
                    );
                    const plan = (resource: (i: number) => string) =>
                        planRole({
                            grants: unique.map((n, i) => ({
                                name: n,
                                access: "sqs:send",
                                resource: resource(i),
                            })),
                            context: where,
                            logGroupArn,
                            features: { vpc: false, tracing: false },
                        });
                    const withPlaceholders = plan((i) => placeholder(i, ASSUMED_ARN_LENGTH));
                    const withValues = plan((i) => values.get(i) ?? "");
                    assert.deepEqual(
                        withPlaceholders.documents.map((d) => [d.placement, d.grants]),
                        withValues.documents.map((d) => [d.placement, d.grants]),
                    );
                    for (const doc of withPlaceholders.documents) {
                        const json = JSON.stringify(policyDocument(doc.statements));
                        assert.equal(fillPlaceholders(json, values).length, json.length);
                    }
                },
            ),
        );
    });

    it("finds and fills placeholders, escaping values for JSON", function () {
        const text = JSON.stringify({
            a: placeholder(3, 20),
            b: [placeholder(0, 5), placeholder(3, 20)],
        });
        assert.deepEqual(placeholdersIn(text), [3, 0]);
        assert.equal(placeholder(7, 20).length, 20);
        const filled = fillPlaceholders(
            text,
            new Map([
                [3, 'x"y'],
                [0, "z"],
            ]),
        );
        assert.deepEqual(JSON.parse(filled), { a: 'x"y', b: ["z", 'x"y'] });
        assert.throws(
            () => fillPlaceholders(text, new Map([[3, "x"]])),
            /no value for placeholder 0/,
        );
    });
});
