/**
 * Deny, applied once (policypack/lib/aws/deny.ts) for the rules and the identity graph: unit cases of
 * what a Deny takes back, and the agreement test of issue 14 — over stacks with Deny statements, the
 * rules' `grantsOf` and the graph's permissions say the same thing about each action and resource.
 */
import { strict as assert } from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { neverHolds } from "../../../policypack/lib/aws/conditions";
import { resourcesAfterDenies } from "../../../policypack/lib/aws/deny";
import { effectivePermissions } from "../../../policypack/lib/aws/effective-permissions";
import {
    functionIdentities,
    functionRoleUrns,
} from "../../../policypack/lib/aws/function-identities";
import { grantsOf } from "../../../policypack/lib/aws/grants";
import { awsGraphPart } from "../../../policypack/lib/graph/aws";
import { parseIamDocument } from "../../../policypack/lib/iam-document";
import { awsIamNoCredentialsExposure } from "../../../policypack/policies/aws/aws-iam-no-credentials-exposure";
import { awsIamNoFullServiceAccess } from "../../../policypack/policies/aws/aws-iam-no-full-service-access";
import { awsIamNoPrivilegeEscalation } from "../../../policypack/policies/aws/aws-iam-no-privilege-escalation";
import { awsIamNoResourceExposure } from "../../../policypack/policies/aws/aws-iam-no-resource-exposure";
import { awsIamNoServiceWildcards } from "../../../policypack/policies/aws/aws-iam-no-service-wildcards";
import { awsIamNoUnscopedResources } from "../../../policypack/policies/aws/aws-iam-no-unscoped-resources";
import { awsIamPassroleScoped } from "../../../policypack/policies/aws/aws-iam-passrole-scoped";
import {
    type HarnessResource,
    readInStackPolicy,
    runResourcePolicy,
    runStackPolicy,
} from "../harness";
import { judgeDocument } from "../policies/aws/document-rule";
import { ACCOUNT, doc, lambda, resource, role } from "../policies/aws/stack-fixtures";

const APP_ROLES = `arn:aws:iam::${ACCOUNT}:role/app-*`;

function denies(...statements: object[]) {
    const parsed = parseIamDocument(JSON.parse(doc(...statements)) as unknown);
    assert.ok(parsed.ok);
    return parsed.document.statements;
}

describe("what a Deny takes back", () => {
    const action = "iam:PassRole";

    it("takes back an Allow its Resource contains, and leaves one it does not", () => {
        const deny = denies({ Effect: "Deny", Action: "iam:*", Resource: "*" });
        assert.deepEqual(resourcesAfterDenies("*", action, deny), []);
        const narrow = denies({ Effect: "Deny", Action: action, Resource: APP_ROLES });
        assert.deepEqual(
            resourcesAfterDenies(`arn:aws:iam::${ACCOUNT}:role/app-api`, action, narrow),
            [],
        );
        assert.deepEqual(resourcesAfterDenies("*", action, narrow), ["*"]);
    });

    it("shrinks an Allow on * to what a NotResource Deny spares, and keeps one inside it", () => {
        const deny = denies({ Effect: "Deny", Action: action, NotResource: APP_ROLES });
        assert.deepEqual(resourcesAfterDenies("*", action, deny), [APP_ROLES]);
        const inside = `arn:aws:iam::${ACCOUNT}:role/app-api`;
        assert.deepEqual(resourcesAfterDenies(inside, action, deny), [inside]);
        assert.deepEqual(
            resourcesAfterDenies(`arn:aws:iam::${ACCOUNT}:role/admin`, action, deny),
            [],
        );
        assert.deepEqual(resourcesAfterDenies("arn:aws:s3:::b/*", action, deny), []);
    });

    it("takes nothing back when conditional or aimed at another action, and keeps what it cannot decide", () => {
        const conditional = denies({
            Effect: "Deny",
            Action: action,
            Resource: "*",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
        });
        assert.deepEqual(resourcesAfterDenies("*", action, conditional), ["*"]);
        const other = denies({ Effect: "Deny", Action: "s3:*", Resource: "*" });
        assert.deepEqual(resourcesAfterDenies("*", action, other), ["*"]);
        // A spared role inside the Allow's pattern: exactly that role is left.
        const spareOne = denies({
            Effect: "Deny",
            Action: action,
            NotResource: `arn:aws:iam::${ACCOUNT}:role/app-api`,
        });
        const pattern = `arn:aws:iam::*:role/app-*`;
        assert.deepEqual(resourcesAfterDenies(pattern, action, spareOne), [
            `arn:aws:iam::${ACCOUNT}:role/app-api`,
        ]);
        // Overlapping patterns neither of which contains the other: the Allow is kept, not guessed.
        const overlap = denies({
            Effect: "Deny",
            Action: action,
            NotResource: `arn:aws:iam::${ACCOUNT}:role/*`,
        });
        assert.deepEqual(resourcesAfterDenies(pattern, action, overlap), [pattern]);
    });
});

/** What the rules and the graph each say a function's role may do: `action on resource` lines. */
async function bothViews(
    resources: readonly HarnessResource[],
    actions: readonly string[],
): Promise<{ rules: string[]; graph: string[] }> {
    return readInStackPolicy(resources, (stack) => {
        const identities = functionIdentities(stack);
        const effective = effectivePermissions(stack, functionRoleUrns(identities));
        const rules = [...effective.values()].flatMap((permissions) =>
            actions.flatMap((action) =>
                grantsOf(permissions, action).flatMap((g) =>
                    g.resources.map((r) => `${action} on ${r}`),
                ),
            ),
        );
        const graph = awsGraphPart(stack).functions.flatMap((f) =>
            f.permissions
                .filter((p) => actions.includes(p.action))
                .map((p) => `${p.action} on ${p.resource}`),
        );
        return { rules: [...new Set(rules)].sort(), graph: [...new Set(graph)].sort() };
    });
}

const ESCALATION = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"];

function stackWith(...deny: object[]): HarnessResource[] {
    const policy = doc({ Effect: "Allow", Action: ESCALATION, Resource: "*" }, ...deny);
    return [
        role("fn", { inlinePolicies: [{ name: "ops", policy }] }),
        lambda("fn", "fn"),
        resource("aws:s3/bucket:Bucket", "uploads", { arn: "arn:aws:s3:::uploads" }),
    ];
}

describe("rules and graph agree on Deny", () => {
    const stacks: [string, HarnessResource[], string[]][] = [
        ["no Deny", stackWith(), ESCALATION.map((a) => `${a} on *`)],
        [
            // Issue 14's repro: the rules read this NotResource Deny as covering all (PassRole not
            // granted), the graph ignored it (PassRole on *). PassRole stays allowed on app-* roles.
            "a NotResource Deny of PassRole",
            stackWith({ Effect: "Deny", Action: "iam:PassRole", NotResource: APP_ROLES }),
            [
                `iam:PassRole on ${APP_ROLES}`,
                "lambda:CreateFunction on *",
                "lambda:InvokeFunction on *",
            ],
        ],
        [
            "a Deny of PassRole everywhere",
            stackWith({ Effect: "Deny", Action: "iam:PassRole", Resource: "*" }),
            ["lambda:CreateFunction on *", "lambda:InvokeFunction on *"],
        ],
        [
            "a conditional Deny",
            stackWith({
                Effect: "Deny",
                Action: "iam:*",
                Resource: "*",
                Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } },
            }),
            ESCALATION.map((a) => `${a} on *`),
        ],
    ];
    for (const [name, stack, expected] of stacks) {
        it(`with ${name}`, async () => {
            const { rules, graph } = await bothViews(stack, ESCALATION);
            assert.deepEqual(rules, [...expected].sort(), "rules");
            assert.deepEqual(graph, rules, "graph");
        });
    }

    it("and the escalation rule reports PassRole exactly when the graph holds it", async () => {
        const method =
            "aws-iam-no-privilege-escalation[Method::cloudsplaining:PassExistingRoleToNewLambdaThenInvoke]";
        for (const [, stack, expected] of stacks) {
            const result = await runStackPolicy(awsIamNoPrivilegeEscalation, stack);
            const keys = result.violations.map((v) => v.findingKey);
            assert.equal(
                keys.includes(method),
                expected.some((line) => line.startsWith("iam:PassRole")),
                keys.join("\n"),
            );
        }
    });
});

describe("document rules and a Deny in the same document", () => {
    const rules: [ResourceValidationPolicy, object][] = [
        [awsIamNoCredentialsExposure, { Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
        [awsIamNoResourceExposure, { Effect: "Allow", Action: "iam:*", Resource: "*" }],
        [
            awsIamNoServiceWildcards,
            { Effect: "Allow", Action: "s3:Put*", Resource: "arn:aws:s3:::b/*" },
        ],
        [awsIamNoUnscopedResources, { Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
        [awsIamNoFullServiceAccess, { Effect: "Allow", Action: "iam:*", Resource: "*" }],
        [awsIamPassroleScoped, { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }],
    ];
    const denyAll = { Effect: "Deny", Action: "*", Resource: "*" };

    for (const [policy, allow] of rules) {
        it(`${policy.name}: reports the Allow alone, not when the document takes it all back`, async () => {
            const alone = await judgeDocument(policy, [allow]);
            assert.ok(alone.violations.length > 0, "the Allow alone is reported");
            const cancelled = await judgeDocument(policy, [allow, denyAll]);
            assert.deepEqual(cancelled.violations, []);
            // A conditional Deny applies to some requests only: the Allow stays reported.
            const conditional = await judgeDocument(policy, [
                allow,
                { ...denyAll, Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ]);
            assert.equal(conditional.violations.length, alone.violations.length);
        });
    }

    it("judges a document alone: a Deny in another policy of the same role does not hide its Allow", async () => {
        // The document may be attached to other identities too; the stack rules (escalation, the
        // graph) apply every Deny attached to the identity they judge.
        const result = await runResourcePolicy(awsIamNoFullServiceAccess, {
            type: "aws:iam/role:Role",
            name: "fn",
            props: {
                inlinePolicies: [
                    {
                        name: "grants",
                        policy: doc({ Effect: "Allow", Action: "iam:*", Resource: "*" }),
                    },
                    { name: "guard", policy: doc(denyAll) },
                ],
            },
        });
        assert.equal(result.violations.length, 1);
    });
});

describe("conditions that can never hold", () => {
    const now = new Date("2026-12-03T00:00:00Z");
    const allow = (condition: object) => {
        const parsed = parseIamDocument(
            JSON.parse(
                doc({
                    Effect: "Allow",
                    Action: "s3:GetObject",
                    Resource: "*",
                    Condition: condition,
                }),
            ) as unknown,
        );
        assert.ok(parsed.ok);
        const [statement] = parsed.document.statements;
        assert.ok(statement);
        return statement;
    };

    it("a request or token time before a moment already past never holds again", () => {
        assert.ok(
            neverHolds(allow({ DateLessThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }), now),
        );
        assert.ok(
            neverHolds(allow({ DateLessThanEquals: { "aws:EpochTime": "1577836800" } }), now),
        );
        assert.ok(
            neverHolds(
                allow({ DateLessThan: { "aws:TokenIssueTime": "2021-06-01T00:00:00Z" } }),
                now,
            ),
        );
    });

    it("any future alternative, another operator or key, or an unreadable date keeps it", () => {
        const kept = [
            {
                DateLessThan: {
                    "aws:CurrentTime": ["2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z"],
                },
            },
            { DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } },
            { DateLessThan: { "aws:ResourceTag/expires": "2020-01-01T00:00:00Z" } },
            { DateLessThan: { "aws:CurrentTime": "soon" } },
            { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        ];
        for (const condition of kept) {
            assert.equal(neverHolds(allow(condition), now), false, JSON.stringify(condition));
        }
    });

    it("an Allow that expired grants nothing, to the rules and the graph alike", async () => {
        const expired = {
            Effect: "Allow",
            Action: ESCALATION,
            Resource: "*",
            Condition: { DateLessThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } },
        };
        const stack = [
            role("fn", { inlinePolicies: [{ name: "ops", policy: doc(expired) }] }),
            lambda("fn", "fn"),
        ];
        const { rules, graph } = await bothViews(stack, ESCALATION);
        assert.deepEqual(rules, []);
        assert.deepEqual(graph, []);
        const escalation = await runStackPolicy(awsIamNoPrivilegeEscalation, stack);
        assert.deepEqual(escalation.violations, []);
        const document = await judgeDocument(awsIamPassroleScoped, [expired]);
        assert.deepEqual(document.violations, []);
    });
});

describe("escalation levers, in the rules and the graph alike", () => {
    async function escalating(policy: string): Promise<{ rule: number; graph: string[] }> {
        const stack = [
            role("fn", { inlinePolicies: [{ name: "ops", policy }] }),
            lambda("fn", "fn"),
        ];
        const rule = (await runStackPolicy(awsIamNoPrivilegeEscalation, stack)).violations.length;
        const graph = await readInStackPolicy(stack, (resources) =>
            awsGraphPart(resources).functions.flatMap((f) =>
                f.permissions
                    .filter((p) => p.categories.includes("privilegeEscalation"))
                    .map((p) => `${p.action} on ${p.resource}`),
            ),
        );
        return { rule, graph: [...new Set(graph)].sort() };
    }

    it("an AWS managed policy is no lever for CreatePolicyVersion; the customer's own is", async () => {
        const managed = await escalating(
            doc({
                Effect: "Allow",
                Action: "iam:CreatePolicyVersion",
                Resource: "arn:aws:iam::aws:policy/*",
            }),
        );
        assert.deepEqual(managed, { rule: 0, graph: [] });
        const own = await escalating(
            doc({
                Effect: "Allow",
                Action: "iam:CreatePolicyVersion",
                Resource: `arn:aws:iam::${ACCOUNT}:policy/app-*`,
            }),
        );
        assert.deepEqual(own, {
            rule: 1,
            graph: [`iam:CreatePolicyVersion on arn:aws:iam::${ACCOUNT}:policy/app-*`],
        });
    });

    it("PassRole on a bucket passes no role: no method, no escalation in the graph", async () => {
        const found = await escalating(
            doc(
                { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:s3:::uploads/*" },
                {
                    Effect: "Allow",
                    Action: ["lambda:CreateFunction", "lambda:InvokeFunction"],
                    Resource: "*",
                },
            ),
        );
        assert.deepEqual(found, { rule: 0, graph: [] });
    });
});
