import { neverHolds } from "../../lib/aws/conditions";
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
import { lookupAwsManagedPolicy } from "../../lib/aws/managed-policies";
import { describeScope } from "../../lib/aws/statements";
import { defineResourcePolicy } from "../../lib/define-policy";
import { describeResource, type FindingKey, quoteList } from "../../lib/finding";
import { type IamDocument, parseIamDocument } from "../../lib/iam-document";

/** One way a document grants administrator access. */
export interface AdminGrant {
    readonly key: FindingKey;
    /** `allows action '*' on '*'` */
    readonly description: string;
}

/**
 * The administrator grants of one document. Administrator access is a property of one statement, so
 * judging every document where it is written, and every managed policy where it is attached (AWS-managed
 * ones from the generated data), covers every path into a function's effective permissions: inline
 * policies, RolePolicy, customer-managed Policy documents, managedPolicyArns, RolePolicyAttachment,
 * PolicyAttachment and the exclusive attachments. The finding lands on the resource to change.
 */
export function adminGrants(document: IamDocument): AdminGrant[] {
    const grants: AdminGrant[] = [];
    for (const statement of document.statements) {
        // An Allow whose condition can never hold again grants nothing (lib/aws/conditions.ts).
        if (statement.effect !== "Allow" || neverHolds(statement)) {
            continue;
        }
        for (const action of statement.actions ?? []) {
            if (matchesEveryAwsAction(action)) {
                grants.push({
                    key: { kind: "Action", value: action },
                    description: `allows action '${action}' ${describeScope(statement)}`,
                });
            }
        }
        if (statement.notActions !== undefined) {
            // Allow + NotAction grants everything not listed, including services AWS adds later.
            grants.push({
                key: { kind: "NotAction", value: statement.notActions.join(",") },
                description: `allows every action except ${quoteList(statement.notActions)} ${describeScope(statement)} (Allow with NotAction)`,
            });
        }
    }
    return grants;
}

export const awsIamNoAdminAccess = defineResourcePolicy({
    name: "aws-iam-no-admin-access",
    description:
        "Checks that no IAM policy allows every action ('*') or uses Allow with NotAction, and that no AWS-managed policy that does (AdministratorAccess, PowerUserAccess, ...) is attached.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Give each function only what it needs through `AwsFunction` `grants` (for example " +
        '`{ name: "uploads", access: "s3:read", resource: bucket.arn }`). In hand-written policies ' +
        "list the actions, never '*' or NotAction with Allow, and do not attach AdministratorAccess or " +
        "PowerUserAccess.",
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
            if (isAdministratorAccessArn(arn) || lookupAwsManagedPolicy(arn)?.admin === true) {
                report({
                    message: `${subject} attaches '${arn}', which grants administrator access`,
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
