/**
 * The hand-written identity policy documents of one resource, for the rules that judge documents
 * where they are written (inline role policies, RolePolicy, Policy, user and group policies). Each
 * document is written in exactly one resource, so judging it there covers every way it can reach a
 * role, and the finding points at the resource to fix. AWS-managed policies are judged by the rules
 * that read effective permissions instead.
 */
import {
    AWS_IAM_POLICY_DOCUMENT_TYPES,
    AWS_IAM_ROLE_TYPE,
    identityDocumentsOf,
} from "../aws-iam-resources";
import { describeResource } from "../finding";
import { type IamStatement, parseIamDocument } from "../iam-document";
import type { StackResource } from "../stack/resource";

/** The resource types that carry identity policy documents. */
export const AWS_IDENTITY_DOCUMENT_TYPES: readonly [string, ...string[]] = [
    ...AWS_IAM_POLICY_DOCUMENT_TYPES,
    AWS_IAM_ROLE_TYPE,
];

export interface WrittenDocument {
    /** How messages name the document: `aws:iam/role:Role 'fn' inline policy 'logs'`. */
    readonly at: string;
    readonly statements: readonly IamStatement[];
}

/**
 * The parsed documents of a resource. Unparseable documents are skipped here: aws-iam-no-admin-access
 * reports them once, rather than every document rule reporting the same problem.
 */
export function writtenDocuments(resource: StackResource): WrittenDocument[] {
    const subject = describeResource(resource.type, resource.name);
    return identityDocumentsOf(resource.type, resource.props).flatMap((embedded) => {
        const parsed = parseIamDocument(embedded.document);
        if (!parsed.ok) {
            return [];
        }
        const at = embedded.where === "" ? subject : `${subject} ${embedded.where}`;
        return [{ at, statements: parsed.document.statements }];
    });
}

/** Case-insensitive membership, for config allow-lists of actions and patterns. */
export function listedIgnoringCase(list: readonly string[], value: string): boolean {
    const lower = value.toLowerCase();
    return list.some((item) => item.toLowerCase() === lower);
}
