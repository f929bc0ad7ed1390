import { functionIdentities } from "../../lib/aws/function-identities";
import { conditionKeys } from "../../lib/aws/statements";
import { defineStackPolicy, type ReportStackFinding } from "../../lib/define-policy";
import { describeResource } from "../../lib/finding";
import { type IamStatement, parseIamDocument } from "../../lib/iam-document";
import type { StackResource } from "../../lib/stack/resource";

const LAMBDA_SERVICE = "lambda.amazonaws.com";
const SOURCE_ACCOUNT = "aws:SourceAccount";

function trustsLambda(statement: IamStatement): boolean {
    return (statement.principals?.["Service"] ?? []).includes(LAMBDA_SERVICE);
}

/** Every principal of an Allow statement other than the Lambda service, as `Type:value`. */
function otherPrincipals(statement: IamStatement): string[] {
    if (statement.notPrincipals !== undefined) {
        return ["NotPrincipal"];
    }
    return Object.entries(statement.principals ?? {}).flatMap(([type, values]) =>
        values
            .filter((value) => !(type === "Service" && value === LAMBDA_SERVICE))
            .map((value) => `${type}:${value}`),
    );
}

/** The trust findings of one function role. */
function judgeTrust(
    role: StackResource,
    report: ReportStackFinding,
    requireSourceAccount: boolean,
) {
    const document = role.props["assumeRolePolicy"];
    const parsed =
        document === undefined || document === null ? undefined : parseIamDocument(document);
    if (parsed === undefined || !parsed.ok) {
        return;
    }
    const allows = parsed.document.statements.filter((s) => s.effect === "Allow");
    const subject = describeResource(role.type, role.name);
    for (const statement of allows) {
        for (const principal of otherPrincipals(statement)) {
            report({
                resource: role,
                message: `${subject} runs a Lambda function but its trust policy also trusts '${principal}'`,
                key: { kind: "Principal", value: principal },
            });
        }
        const hasSourceAccount = conditionKeys(statement).some(
            (k) => k.toLowerCase() === SOURCE_ACCOUNT.toLowerCase(),
        );
        if (requireSourceAccount && trustsLambda(statement) && !hasSourceAccount) {
            report({
                resource: role,
                message: `${subject} trusts '${LAMBDA_SERVICE}' without an '${SOURCE_ACCOUNT}' condition`,
                key: { kind: "Condition", value: SOURCE_ACCOUNT },
            });
        }
    }
    if (!allows.some(trustsLambda)) {
        report({
            resource: role,
            message: `${subject} runs a Lambda function but its trust policy does not trust '${LAMBDA_SERVICE}'`,
            key: { kind: "Principal", value: `missing ${LAMBDA_SERVICE}` },
        });
    }
}

export const awsLambdaRoleTrust = defineStackPolicy({
    name: "aws-lambda-role-trust",
    description:
        "Checks that a function's role trusts only lambda.amazonaws.com, with an aws:SourceAccount condition.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Let `AwsFunction` create the role: it trusts only lambda.amazonaws.com, conditioned on " +
        "`aws:SourceAccount`. In a hand-written trust policy, drop other principals and add " +
        '`{ "StringEquals": { "aws:SourceAccount": "<account id>" } }`.',
    cloud: "aws",
    services: ["iam", "lambda"],
    controls: ["nist-800-53:AC-6", "soc2:CC6.1", "cis"],
    config: {
        requireSourceAccount: {
            type: "boolean",
            description:
                "Report a Lambda trust statement without an aws:SourceAccount condition (confused-deputy protection).",
            default: true,
        },
    },
    validate: (args, report, config) => {
        for (const identity of functionIdentities(args.resources)) {
            if (identity.role !== undefined) {
                judgeTrust(identity.role, report, config.requireSourceAccount);
            }
        }
    },
});
