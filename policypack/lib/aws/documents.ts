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
import { grantsNothing } from "./deny";
import { conditionKeys, coversEveryResource } from "./statements";

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

/** An action pattern a document allows on every resource, with the statement that allows it. */
export interface AllowOnEveryResource {
    readonly document: WrittenDocument;
    readonly statement: IamStatement;
    readonly pattern: string;
}

/**
 * The action patterns a resource's documents allow on every resource (`Resource: "*"`, or a
 * `NotResource`), for the document rules of Cloudsplaining's kind. A pattern `skip` names is left out,
 * and so is one the same document takes back entirely (docs/rules.md, "How Deny and conditions
 * count"); `unconditional` also leaves out statements with a condition.
 */
export function allowedOnEveryResource(
    resource: StackResource,
    options: {
        readonly skip?: (pattern: string) => boolean;
        readonly unconditional?: boolean;
    } = {},
): AllowOnEveryResource[] {
    const found: AllowOnEveryResource[] = [];
    for (const document of writtenDocuments(resource)) {
        for (const statement of document.statements) {
            if (
                statement.effect !== "Allow" ||
                !coversEveryResource(statement) ||
                (options.unconditional === true && conditionKeys(statement).length > 0)
            ) {
                continue;
            }
            for (const pattern of statement.actions ?? []) {
                if (
                    options.skip?.(pattern) !== true &&
                    !grantsNothing(pattern, statement, document.statements)
                ) {
                    found.push({ document, statement, pattern });
                }
            }
        }
    }
    return found;
}

/** Case-insensitive membership, for config allow-lists of actions and patterns. */
export function listedIgnoringCase(list: readonly string[], value: string): boolean {
    const lower = value.toLowerCase();
    return list.some((item) => item.toLowerCase() === lower);
}
