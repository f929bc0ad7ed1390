/**
 * Where AWS IAM permissions sit in resource inputs: which resource types carry identity policy documents
 * or attach managed policies, and under which property. Type tokens and property names are those of the
 * pinned @pulumi/aws; the pack never loads that SDK, so they are spelled out here.
 */

/** Resource types whose `policy` property is an identity policy document. */
export const AWS_IAM_POLICY_DOCUMENT_TYPES = [
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
] as const;

export const AWS_IAM_ROLE_TYPE = "aws:iam/role:Role";

/** Resource types that attach one managed policy through `policyArn`. */
export const AWS_IAM_POLICY_ATTACHMENT_TYPES = [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
] as const;

/** Resource types that attach an exclusive set of managed policies through `policyArns`. */
export const AWS_IAM_EXCLUSIVE_ATTACHMENT_TYPES = [
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
] as const;

/** An identity policy document inside a resource's inputs, not yet parsed. */
export interface EmbeddedDocument {
    /** How a message names the document, e.g. `inline policy 'logs'`; empty for the resource's own. */
    readonly where: string;
    /** A stable name for the document's place, for finding keys, e.g. `policy`, `inlinePolicies.logs`. */
    readonly path: string;
    readonly document: unknown;
}

function includes(list: readonly string[], type: string): boolean {
    return list.includes(type);
}

function roleInlineDocuments(props: Readonly<Record<string, unknown>>): EmbeddedDocument[] {
    const inline = props["inlinePolicies"];
    if (!Array.isArray(inline)) {
        return [];
    }
    const documents: EmbeddedDocument[] = [];
    (inline as unknown[]).forEach((item, i) => {
        if (typeof item !== "object" || item === null) {
            return;
        }
        const entry = item as Record<string, unknown>;
        const document = entry["policy"];
        // An entry without a policy is the provider's way to say "no inline policies at all".
        if (document === undefined || document === null) {
            return;
        }
        const name = entry["name"];
        const label = typeof name === "string" && name !== "" ? name : String(i);
        documents.push({
            where: `inline policy '${label}'`,
            path: `inlinePolicies.${label}`,
            document,
        });
    });
    return documents;
}

/** The identity policy documents a resource defines (trust policies are not identity policies). */
export function identityDocumentsOf(
    type: string,
    props: Readonly<Record<string, unknown>>,
): EmbeddedDocument[] {
    if (includes(AWS_IAM_POLICY_DOCUMENT_TYPES, type)) {
        const document = props["policy"];
        return document === undefined || document === null
            ? []
            : [{ where: "", path: "policy", document }];
    }
    if (type === AWS_IAM_ROLE_TYPE) {
        return roleInlineDocuments(props);
    }
    return [];
}

function strings(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    return Array.isArray(value)
        ? (value as unknown[]).filter((v): v is string => typeof v === "string")
        : [];
}

/** The managed policy ARNs a resource attaches. */
export function managedPolicyArnsOf(
    type: string,
    props: Readonly<Record<string, unknown>>,
): string[] {
    if (type === AWS_IAM_ROLE_TYPE) {
        return strings(props["managedPolicyArns"]);
    }
    if (includes(AWS_IAM_POLICY_ATTACHMENT_TYPES, type)) {
        return strings(props["policyArn"]);
    }
    if (includes(AWS_IAM_EXCLUSIVE_ATTACHMENT_TYPES, type)) {
        return strings(props["policyArns"]);
    }
    return [];
}

/** `arn:aws:iam::aws:policy/AdministratorAccess` in any partition (aws, aws-cn, aws-us-gov, ...). */
export function isAdministratorAccessArn(arn: string): boolean {
    return /^arn:aws(-[a-z]+)*:iam::aws:policy\/AdministratorAccess$/.test(arn);
}
