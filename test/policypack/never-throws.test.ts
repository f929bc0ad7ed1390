import * as assert from "assert";
import fc from "fast-check";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policypack/policies";
import { policyResourceTypes } from "../../policypack/lib/define-policy";
import {
    type HarnessResult,
    runResourcePolicy,
    runStackPolicy,
    UNKNOWN,
    UNKNOWN_ARRAY,
    UNKNOWN_OBJECT,
} from "./harness";

const knownTypes = [
    ...new Set(policies.flatMap((p) => [...(policyResourceTypes(p) ?? [])])),
    "aws:lambda/function:Function",
    "azure-native:web:WebApp",
    "gcp:cloudfunctionsv2/function:Function",
];

const actionPattern = fc.oneof(
    fc.constantFrom(
        "*",
        "*:*",
        "**",
        "?*",
        "s3:*",
        "s3:GetObject",
        "iam:PassRole",
        "",
        ":",
        "*::*",
    ),
    fc.string({ maxLength: 30 }),
);
const stringOrList = fc.oneof(actionPattern, fc.array(actionPattern, { maxLength: 5 }));
const scalar = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
);
const unknown = fc.constantFrom(UNKNOWN, UNKNOWN_ARRAY, UNKNOWN_OBJECT);
const anything = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        scalar,
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 8 }), tie("value"), { maxKeys: 4 }),
    ),
})).value;

const statement = fc.record(
    {
        Sid: fc.oneof(fc.string({ maxLength: 8 }), scalar),
        Effect: fc.oneof(fc.constantFrom("Allow", "Deny", "allow", "Permit"), scalar),
        Action: fc.oneof(stringOrList, anything),
        NotAction: stringOrList,
        Resource: fc.oneof(stringOrList, anything),
        NotResource: stringOrList,
        Principal: fc.oneof(
            fc.constant("*"),
            fc.dictionary(fc.constantFrom("AWS", "Service"), stringOrList),
            anything,
        ),
        Condition: fc.oneof(
            fc.dictionary(
                fc.string({ maxLength: 12 }),
                fc.dictionary(fc.string({ maxLength: 12 }), anything),
            ),
            anything,
        ),
    },
    { requiredKeys: [] },
);
const documentObject = fc.record(
    {
        Version: fc.oneof(fc.constant("2012-10-17"), scalar),
        Statement: fc.oneof(statement, fc.array(statement, { maxLength: 6 }), anything),
    },
    { requiredKeys: [] },
);
/** JSON text of a document, sometimes cut short or with a character spliced in. */
const documentText = fc
    .tuple(documentObject, fc.nat(), fc.nat({ max: 2 }), fc.string({ maxLength: 2 }))
    .map(([doc, at, how, insert]) => {
        const text = JSON.stringify(doc);
        const i = text.length === 0 ? 0 : at % text.length;
        return how === 0
            ? text
            : how === 1
              ? text.slice(0, i)
              : text.slice(0, i) + insert + text.slice(i);
    });
const document = fc.oneof(documentObject, documentText, anything, unknown);
const arn = fc.oneof(
    fc.constantFrom(
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws-cn:iam::aws:policy/AdministratorAccess",
    ),
    fc.string({ maxLength: 40 }),
);
const propValue = fc.oneof(
    document,
    anything,
    unknown,
    fc.array(arn, { maxLength: 4 }),
    arn,
    fc.array(
        fc.oneof(
            fc.record(
                { name: fc.oneof(fc.string({ maxLength: 8 }), scalar), policy: document },
                { requiredKeys: [] },
            ),
            anything,
        ),
        { maxLength: 4 },
    ),
);
const props = fc.dictionary(
    fc.oneof(
        fc.constantFrom(
            "policy",
            "inlinePolicies",
            "managedPolicyArns",
            "policyArn",
            "policyArns",
            "role",
            "assumeRolePolicy",
        ),
        fc.string({ maxLength: 10 }),
    ),
    propValue,
    { maxKeys: 6 },
);

function isStackPolicy(
    p: ResourceValidationPolicy | StackValidationPolicy,
): p is StackValidationPolicy {
    return "validateStack" in p;
}

/** Every outcome the SDK knows how to report; anything else would be a crash in `pulumi preview`. */
function assertDocumentedOutcome(result: HarnessResult): void {
    for (const v of result.violations) {
        assert.ok(v.findingKey !== undefined, `message without a finding key: ${v.message}`);
    }
    if (result.unknown !== undefined) {
        assert.match(result.unknown, /during preview/);
    }
}

async function judge(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    type: string,
    bag: Record<string, unknown>,
): Promise<HarnessResult> {
    if (isStackPolicy(policy)) {
        return runStackPolicy(policy, [{ type, name: "fuzz", props: bag }]);
    }
    return runResourcePolicy(policy, { type, name: "fuzz", props: bag });
}

describe("every policy on any property bag", () => {
    it("never throws on random and mutated inputs for any resource type", async () => {
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...knownTypes), props, async (type, bag) => {
                for (const policy of policies) {
                    assertDocumentedOutcome(await judge(policy, type, bag));
                }
            }),
            { numRuns: 400 },
        );
    });

    it("never throws on arbitrary exemption config", async () => {
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...knownTypes), anything, async (type, exemptions) => {
                for (const policy of policies) {
                    const bag = {
                        policy: { Statement: { Effect: "Allow", Action: "*", Resource: "*" } },
                    };
                    const result = isStackPolicy(policy)
                        ? await runStackPolicy(policy, [{ type, name: "fuzz", props: bag }], {
                              config: { exemptions },
                          })
                        : await runResourcePolicy(
                              policy,
                              { type, name: "fuzz", props: bag },
                              { config: { exemptions } },
                          );
                    assertDocumentedOutcome(result);
                }
            }),
            { numRuns: 100 },
        );
    });

    it("judges documents of thousands of statements, as text and as objects", async () => {
        const statements = Array.from({ length: 5000 }, (_, i) => ({
            Sid: `S${i}`,
            Effect: i % 2 === 0 ? "Allow" : "Deny",
            Action: i === 4998 ? "*" : [`s3:Get${i}*`, "lambda:InvokeFunction"],
            Resource: [`arn:aws:s3:::bucket-${i}/*`],
        }));
        const text = JSON.stringify({ Statement: statements });
        // Objects cost the SDK's deserializer far more than text, so two types carry them.
        const cases: [string, unknown][] = [
            ...knownTypes.map((type): [string, unknown] => [type, text]),
            ["aws:iam/policy:Policy", { Statement: statements }],
            ["aws:iam/role:Role", { Statement: statements }],
        ];
        // The SDK deserializes the bag once per policy; for the costly object cases only the policies
        // that judge the type (and stack policies) are given it, the rest answer not-applicable anyway.
        const judges = (p: (typeof policies)[number], type: string, policy: unknown): boolean =>
            typeof policy === "string" ||
            isStackPolicy(p) ||
            (policyResourceTypes(p) ?? []).includes(type);
        for (const [type, policy] of cases) {
            // One bag per case, so the harness deserializes it once for all policies.
            const bag = { policy, inlinePolicies: [{ name: "big", policy }] };
            for (const p of policies.filter((candidate) => judges(candidate, type, policy))) {
                const result = await judge(p, type, bag);
                assertDocumentedOutcome(result);
                if (type === "aws:iam/policy:Policy" && p.name === "aws-iam-no-admin-access") {
                    assert.deepStrictEqual(
                        result.violations.map((v) => v.findingKey),
                        ["aws-iam-no-admin-access[Action::*]"],
                    );
                }
            }
        }
    });
});
