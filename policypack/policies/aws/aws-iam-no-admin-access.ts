import { matchesEveryAwsAction } from "../../lib/aws-actions";
import {
    AWS_IAM_EXCLUSIVE_ATTACHMENT_TYPES,
    AWS_IAM_POLICY_ATTACHMENT_TYPES,
    AWS_IAM_POLICY_DOCUMENT_TYPES,
    AWS_IAM_ROLE_TYPE,
    identityDocumentsOf,
    isAdministratorAccessArn,
    managedPolicyArnsOf,
} from "../../lib/aws-iam-resources";
import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource, type FindingKey, quoteList } from "../../lib/finding";
import { type IamDocument, type IamStatement, parseIamDocument } from "../../lib/iam-document";

/** One way a document grants administrator access. */
export interface AdminGrant {
    readonly key: FindingKey;
    /** `allows action '*' on '*'` */
    readonly description: string;
}

function scope(statement: IamStatement): string {
    const where =
        statement.resources !== undefined
            ? `on ${quoteList(statement.resources)}`
            : statement.notResources !== undefined
              ? `on every resource except ${quoteList(statement.notResources)}`
              : "on any resource";
    const keys = Object.values(statement.conditions ?? {}).flatMap((block) => Object.keys(block));
    return keys.length === 0 ? where : `${where} when conditions on ${quoteList(keys)} hold`;
}

/**
 * The administrator grants of one document. Judged per document for now; the effective permissions of
 * a function's role (every document and attachment that reaches it) will reuse this on their union.
 */
export function adminGrants(document: IamDocument): AdminGrant[] {
    const grants: AdminGrant[] = [];
    for (const statement of document.statements) {
        if (statement.effect !== "Allow") {
            continue;
        }
        for (const action of statement.actions ?? []) {
            if (matchesEveryAwsAction(action)) {
                grants.push({
                    key: { kind: "Action", value: action },
                    description: `allows action '${action}' ${scope(statement)}`,
                });
            }
        }
        if (statement.notActions !== undefined) {
            // Allow + NotAction grants everything not listed, including services AWS adds later.
            grants.push({
                key: { kind: "NotAction", value: statement.notActions.join(",") },
                description: `allows every action except ${quoteList(statement.notActions)} ${scope(statement)} (Allow with NotAction)`,
            });
        }
    }
    return grants;
}

export const awsIamNoAdminAccess = defineResourcePolicy({
    name: "aws-iam-no-admin-access",
    description:
        "Checks that no IAM policy allows every action ('*'), uses Allow with NotAction, or attaches AdministratorAccess.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Give each function only what it needs through `AwsFunction` `grants` (for example " +
        '`{ name: "uploads", access: "s3:read", resource: bucket.arn }`). In hand-written policies ' +
        "list the actions, never '*' or NotAction with Allow, and do not attach AdministratorAccess.",
    cloud: "aws",
    services: ["iam"],
    controls: [
        "nist-800-53:AC-6",
        "pci-dss:7.2",
        "soc2:CC6.1",
        "soc2:CC6.3",
        "cis",
        "hipaa:164.312",
    ],
    resourceTypes: [
        ...AWS_IAM_POLICY_DOCUMENT_TYPES,
        AWS_IAM_ROLE_TYPE,
        ...AWS_IAM_POLICY_ATTACHMENT_TYPES,
        ...AWS_IAM_EXCLUSIVE_ATTACHMENT_TYPES,
    ],
    config: {},
    validate: (resource, report) => {
        const subject = describeResource(resource.type, resource.name);
        // Attachments first: during preview a document may be unknown, and what was reported before
        // the SDK stops the policy still reaches the user.
        for (const arn of managedPolicyArnsOf(resource.type, resource.props)) {
            if (isAdministratorAccessArn(arn)) {
                report({
                    message: `${subject} attaches '${arn}'`,
                    key: { kind: "ManagedPolicy", value: arn },
                });
            }
        }
        for (const embedded of identityDocumentsOf(resource.type, resource.props)) {
            const at = embedded.where === "" ? subject : `${subject} ${embedded.where}`;
            const parsed = parseIamDocument(embedded.document);
            if (!parsed.ok) {
                report({
                    message: `${at} has a policy document that cannot be parsed: ${parsed.error}`,
                    key: { kind: "Document", value: embedded.path },
                });
                continue;
            }
            for (const grant of adminGrants(parsed.document)) {
                report({ message: `${at} ${grant.description}`, key: grant.key });
            }
        }
    },
});
