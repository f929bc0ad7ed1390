/**
 * The AWS rules end to end: our pack compiled (`npx tsc -p policypack/tsconfig.json`), started as the
 * Pulumi CLI starts it, and driven over the analyzer protocol with a hand-written stack export that
 * breaks most rules at once. One pack process serves every case.
 */
import * as assert from "assert";
import * as fs from "fs";
import { startAnalyzer, type Analyzer } from "../../../cli/engine/analyzer";
import { evaluateWith } from "../../../cli/engine/evaluate";
import { readStackExport } from "../../../cli/engine/stack-export";
import type {
    Evaluation,
    PropertyMap,
    RecordedResource,
    StackSnapshot,
} from "../../../cli/engine/types";
import { fixture } from "../../cli/engine/fixtures";
import { sourcePackDir } from "../paths";

const P = "urn:pulumi:prod::orders::";
const ROLE = `${P}aws:iam/role:Role::processor-role`;
const PROCESSOR = `${P}aws:lambda/function:Function::processor`;
const WORKER = `${P}aws:lambda/function:Function::worker`;

function snapshot(): StackSnapshot {
    const file = fixture("exports", "aws-violations.json");
    return readStackExport(fs.readFileSync(file, "utf8"), file);
}

function keysOf(evaluation: Evaluation, policyPrefix = "aws-"): string[] {
    return evaluation.findings
        .filter((f) => f.policy.startsWith(policyPrefix))
        .map((f) => `${f.findingKey} @ ${f.urn ?? "stack"}`)
        .sort();
}

/** The export as `pulumi preview` would send it: names and ARNs of the role and functions unknown. */
function asPreview(snap: StackSnapshot): StackSnapshot {
    const unknown = { __unknown: true as const };
    const blank = (props: PropertyMap, keys: string[]): PropertyMap =>
        Object.fromEntries(
            Object.entries(props).map(([k, v]) => [k, keys.includes(k) ? unknown : v]),
        );
    const resources = snap.resources.map((r): RecordedResource => {
        const keys =
            r.urn === ROLE
                ? ["name", "arn", "id"]
                : r.type === "aws:lambda/function:Function"
                  ? ["role", "arn"]
                  : r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
                    ? ["role"]
                    : [];
        return { ...r, inputs: blank(r.inputs, keys), outputs: blank(r.outputs, keys) };
    });
    return { ...snap, resources, preview: true };
}

describe("the AWS rules over the analyzer protocol", function () {
    let pack: Analyzer;
    before(async function () {
        pack = await startAnalyzer(sourcePackDir());
    });
    after(function () {
        pack.close();
    });

    it("reports every violation of the export, each with its policy, resource and finding key", async function () {
        const evaluation = await evaluateWith([pack], snapshot());
        const keys = keysOf(evaluation);
        const expected = [
            `aws-iam-no-full-service-access[Action::s3:*] @ ${ROLE}`,
            `aws-iam-no-unscoped-resources[Action::s3:*] @ ${ROLE}`,
            `aws-iam-no-unscoped-resources[Action::iam:PassRole] @ ${ROLE}`,
            `aws-iam-no-privilege-escalation[Method::cloudsplaining:PassExistingRoleToNewLambdaThenInvoke] @ ${ROLE}`,
            `aws-iam-no-privilege-escalation[Method::cloudsplaining:EditExistingLambdaFunctionWithRole] @ ${ROLE}`,
            `aws-iam-passrole-scoped[Resource::*] @ ${ROLE}`,
            `aws-iam-passrole-scoped[Action::iam:PassRole] @ ${ROLE}`,
            `aws-iam-no-broad-managed-policies[Policy::arn:aws:iam::aws:policy/AWSLambda_FullAccess] @ ${ROLE}`,
            `aws-lambda-dedicated-role[Role::processor-role] @ ${ROLE}`,
            `aws-lambda-role-trust[Condition::aws:SourceAccount] @ ${ROLE}`,
            `aws-lambda-permission-not-public[Principal::*] @ ${P}aws:lambda/permission:Permission::processor-public`,
            `aws-lambda-permission-source-scoped[Property::sourceAccount] @ ${P}aws:lambda/permission:Permission::processor-from-uploads`,
            `aws-lambda-url-auth[AuthorizationType::NONE] @ ${P}aws:lambda/functionUrl:FunctionUrl::processor-url`,
            `aws-iam-no-resource-exposure[Action::s3:*] @ ${ROLE}`,
            `aws-iam-valid-actions[Action::dynamodb:GetItme] @ ${ROLE}`,
            `aws-lambda-no-plaintext-secrets[Variable::DATABASE_URL] @ ${PROCESSOR}`,
            `aws-iam-no-access-keys[AccessKey::ci-uploader-key] @ ${P}aws:iam/accessKey:AccessKey::ci-uploader-key`,
            `aws-audit-trail[Function::processor] @ ${PROCESSOR}`,
            `aws-audit-trail[Function::worker] @ ${WORKER}`,
        ];
        for (const key of expected) {
            assert.ok(keys.includes(key), `missing ${key}; got:\n${keys.join("\n")}`);
        }
        assert.ok(
            !keys.some((k) => k.startsWith("aws-iam-no-admin-access")),
            "no admin grant in the export",
        );
        assert.ok(!keys.some((k) => k.includes("xray:")), "wildcard-only X-Ray actions are benign");
        assert.deepStrictEqual(
            evaluation.notEvaluated.filter((n) => n.policy.startsWith("aws-")),
            [],
        );
        const secret = evaluation.findings.find(
            (f) => f.policy === "aws-lambda-no-plaintext-secrets",
        );
        assert.ok(
            secret !== undefined && !secret.message.includes("Hunter2"),
            "the password is redacted",
        );
        const privesc = evaluation.findings.find((f) =>
            f.findingKey.includes("EditExistingLambdaFunctionWithRole"),
        );
        assert.strictEqual(privesc?.enforcementLevel, "mandatory");
        assert.match(
            privesc?.message ?? "",
            /AWS-managed policy 'AWSLambda_FullAccess' attached by aws:iam\/rolePolicyAttachment:RolePolicyAttachment 'processor-lambda-full'/,
        );
    });

    it("applies policy config: levels, properties and exemptions of one finding", async function () {
        const evaluation = await evaluateWith([pack], snapshot(), {
            policyConfig: {
                "aws-audit-trail": { organizationTrail: true },
                "aws-iam-valid-actions": "disabled",
                "aws-lambda-dedicated-role": {
                    exemptions: [
                        {
                            resource: "processor-role",
                            reason: "Worker split lands in ORD-12",
                            finding: "Role::processor-role",
                        },
                    ],
                },
            },
        });
        const keys = keysOf(evaluation);
        assert.ok(
            !keys.some(
                (k) =>
                    k.startsWith("aws-audit-trail") ||
                    k.startsWith("aws-iam-valid-actions") ||
                    k.startsWith("aws-lambda-dedicated-role"),
            ),
        );
        assert.deepStrictEqual(
            evaluation.exempted.map((e) => [e.policy, e.urn]),
            [["aws-lambda-dedicated-role", ROLE]],
        );
    });

    it("links the function role by property dependencies when names and ARNs are unknown in preview", async function () {
        const evaluation = await evaluateWith([pack], asPreview(snapshot()));
        const keys = keysOf(evaluation);
        assert.ok(
            keys.includes(`aws-lambda-dedicated-role[Role::processor-role] @ ${ROLE}`),
            keys.join("\n"),
        );
        assert.ok(
            keys.includes(
                `aws-iam-no-broad-managed-policies[Policy::arn:aws:iam::aws:policy/AWSLambda_FullAccess] @ ${ROLE}`,
            ),
        );
        assert.ok(
            keys.includes(
                `aws-iam-no-privilege-escalation[Method::cloudsplaining:EditExistingLambdaFunctionWithRole] @ ${ROLE}`,
            ),
        );
    });
});
