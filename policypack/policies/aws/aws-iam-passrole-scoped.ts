import { grantsNothing } from "../../lib/aws/deny";
import { AWS_IDENTITY_DOCUMENT_TYPES, writtenDocuments } from "../../lib/aws/documents";
import { awsActionPatternMatches, matchesEveryAwsAction } from "../../lib/aws-actions";
import { conditionKeys } from "../../lib/aws/statements";
import { defineResourcePolicy } from "../../lib/define-policy";
import type { IamStatement } from "../../lib/iam-document";

const PASS_ROLE = "iam:PassRole";
const PASSED_TO_SERVICE = "iam:PassedToService";

/** A role ARN whose role part names roles, not every role: `arn:aws:iam::123:role/app-*` passes. */
function namesRoles(resource: string): boolean {
    const match = /^arn:aws[a-z-]*:iam::[^:]*:role\/(.+)$/.exec(resource);
    return match?.[1] !== undefined && !/^[*?/]+$/.test(match[1]);
}

/**
 * The action pattern of the statement that reaches iam:PassRole. Patterns that grant every action and
 * Allow with NotAction are administrator access, judged (once) by aws-iam-no-admin-access.
 */
function via(statement: IamStatement): string | undefined {
    return statement.actions?.find(
        (a) => !matchesEveryAwsAction(a) && awsActionPatternMatches(a, PASS_ROLE),
    );
}

export const awsIamPassroleScoped = defineResourcePolicy({
    name: "aws-iam-passrole-scoped",
    description:
        "Checks that every IAM statement allowing iam:PassRole names role ARNs (no '*') and carries an iam:PassedToService condition.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Allow iam:PassRole only on the ARNs of the roles to pass, with a condition " +
        '`{ "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" } }` naming the service ' +
        "that receives them.",
    cloud: "aws",
    services: ["iam"],
    controls: ["nist-800-53:AC-6", "pci-dss:7.2", "soc2:CC6.3", "cis"],
    resourceTypes: AWS_IDENTITY_DOCUMENT_TYPES,
    config: {},
    validate: (resource, report) => {
        for (const document of writtenDocuments(resource)) {
            for (const statement of document.statements) {
                const pattern = statement.effect === "Allow" ? via(statement) : undefined;
                if (
                    pattern === undefined ||
                    grantsNothing(PASS_ROLE, statement, document.statements)
                ) {
                    continue;
                }
                const shown =
                    pattern === PASS_ROLE
                        ? `'${PASS_ROLE}'`
                        : `'${PASS_ROLE}' (through '${pattern}')`;
                const broad =
                    statement.notResources !== undefined
                        ? statement.notResources.map((r) => `NotResource ${r}`)
                        : (statement.resources ?? []).filter((r) => !namesRoles(r));
                for (const value of broad) {
                    report({
                        message: `${document.at} allows ${shown} on '${value}', which is not a role ARN naming the roles to pass`,
                        key: { kind: "Resource", value },
                    });
                }
                if (
                    !conditionKeys(statement).some(
                        (k) => k.toLowerCase() === PASSED_TO_SERVICE.toLowerCase(),
                    )
                ) {
                    report({
                        message: `${document.at} allows ${shown} without an '${PASSED_TO_SERVICE}' condition, so the role can be passed to any service`,
                        key: { kind: "Action", value: pattern },
                    });
                }
            }
        }
    },
});
