import * as assert from "assert";
import {
    EXEMPTIONS_CONFIG_PROPERTY,
    type Exemption,
    type ExemptionTarget,
    expiryInstant,
    judgeExemption,
    readExemptions,
} from "../../../policypack/lib/exemptions";

const URN = "urn:pulumi:dev::shop::aws:iam/rolePolicy:RolePolicy::orders-policy";
const target: ExemptionTarget = {
    policy: "aws-iam-no-admin-access",
    urn: URN,
    name: "orders-policy",
    findingKey: "Action::*",
};
const today = new Date("2025-03-10T12:00:00Z");
const reason = "Break-glass role, reviewed in SEC-42";

function verdict(exemption: Exemption, on: ExemptionTarget = target, now = today) {
    return judgeExemption([exemption], on, now).kind;
}

describe("exemptions", () => {
    it("covers a resource by a glob on its name", () => {
        assert.strictEqual(verdict({ resource: "orders-*", reason }), "exempt");
        assert.strictEqual(verdict({ resource: "order?-policy", reason }), "exempt");
        assert.strictEqual(verdict({ resource: "payments-*", reason }), "none");
    });

    it("covers a resource by its URN or a glob on it", () => {
        assert.strictEqual(verdict({ resource: URN, reason }), "exempt");
        assert.strictEqual(
            verdict({ resource: "urn:pulumi:dev::shop::*::orders-*", reason }),
            "exempt",
        );
        assert.strictEqual(verdict({ resource: "urn:pulumi:prod::*", reason }), "none");
    });

    it("covers only the named finding when one is given", () => {
        const onlyS3 = { resource: "orders-policy", reason, finding: "Action::s3:*" };
        assert.strictEqual(verdict(onlyS3), "none");
        assert.strictEqual(verdict(onlyS3, { ...target, findingKey: "Action::s3:*" }), "exempt");
        assert.strictEqual(
            verdict({ ...onlyS3, finding: "aws-iam-no-admin-access[Action::*]" }),
            "exempt",
        );
    });

    it("applies through the expiry day and no longer after it", () => {
        const exemption = { resource: "orders-policy", reason, expires: "2025-03-10" };
        assert.strictEqual(verdict(exemption, target, new Date("2025-03-10T23:59:59Z")), "exempt");
        assert.strictEqual(verdict(exemption, target, new Date("2025-03-11T00:00:00Z")), "expired");
    });

    it("honours an ISO date-time expiry to the instant", () => {
        const exemption = { resource: "orders-policy", reason, expires: "2025-03-10T11:00:00Z" };
        assert.strictEqual(verdict(exemption), "expired");
        assert.strictEqual(verdict({ ...exemption, expires: "2025-03-10T13:00:00Z" }), "exempt");
    });

    it("prefers a live exemption over an expired one for the same finding", () => {
        const result = judgeExemption(
            [
                { resource: "orders-policy", reason, expires: "2024-01-01" },
                { resource: "orders-*", reason: "Renewed until the migration ends" },
            ],
            target,
            today,
        );
        assert.strictEqual(result.kind, "exempt");
        assert.strictEqual(result.kind === "exempt" && result.exemption.resource, "orders-*");
    });

    it("ignores an exemption whose reason is shorter than 10 characters and says why", () => {
        const read = readExemptions([{ resource: "orders-policy", reason: "because" }]);
        assert.deepStrictEqual(read.exemptions, []);
        assert.strictEqual(read.problems.length, 1);
        assert.match(
            read.problems[0] ?? "",
            /exemption 1 for 'orders-policy'.*at least 10 characters/,
        );
    });

    it("ignores malformed items, names each, and keeps the valid ones", () => {
        const read = readExemptions([
            "orders-policy",
            { reason },
            { resource: "a", reason, expires: "next week" },
            { resource: "b", reason, expires: "2025-02-30" },
            { resource: "c", reason, finding: "s3:*" },
            { resource: "d", reason, expires: "2025-06-30", finding: "Action::s3:*" },
        ]);
        assert.deepStrictEqual(
            read.exemptions.map((e) => e.resource),
            ["d"],
        );
        assert.strictEqual(read.problems.length, 5);
        assert.match(read.problems.join("\n"), /exemption 3 for 'a'.*'expires'/);
        assert.match(read.problems.join("\n"), /exemption 5 for 'c'.*'finding'/);
    });

    it("reads a missing config as no exemptions and a non-list as a problem", () => {
        assert.deepStrictEqual(readExemptions(undefined), { exemptions: [], problems: [] });
        assert.strictEqual(readExemptions({ resource: "x" }).problems.length, 1);
    });

    it("parses expiry dates and rejects impossible ones", () => {
        assert.strictEqual(expiryInstant("2025-03-10")?.toISOString(), "2025-03-11T00:00:00.000Z");
        assert.strictEqual(expiryInstant("2025-02-30"), undefined);
        assert.strictEqual(expiryInstant("10/03/2025"), undefined);
    });

    it("declares a schema with a default, a description and the 10-character reason", () => {
        assert.deepStrictEqual(EXEMPTIONS_CONFIG_PROPERTY.default, []);
        assert.ok(EXEMPTIONS_CONFIG_PROPERTY.description);
        const items = EXEMPTIONS_CONFIG_PROPERTY.items as {
            properties: Record<string, { minLength?: number }>;
        };
        assert.strictEqual(items.properties["reason"]?.minLength, 10);
    });
});
