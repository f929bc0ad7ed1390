/**
 * Planning AWS grants as pure data: from grants with resolved target ARNs to merged policy
 * statements, the permissions each grant gives (for reports), and how the statements are laid out
 * over an inline role policy and, past its size limit, customer-managed policies.
 */
import {
    actionCarriesKey,
    type AwsConditionBlock,
    type AwsConditionStatement,
    type AwsGrantConditions,
    conditionBlock,
    conditionStatements,
} from "./conditions";
import { awsAccessEntry } from "./grants";

/**
 * AWS counts every character except white space towards these limits (IAM User Guide, "IAM and AWS
 * STS quotas"): all inline policies of a role together, and each managed policy.
 */
export const INLINE_POLICY_LIMIT = 10_240;
export const MANAGED_POLICY_LIMIT = 6_144;

/** A grant whose target is known as a string (an ARN, an SSM path, or a stand-in while planning). */
export interface PlannableGrant {
    readonly name: string;
    readonly access: string;
    readonly resource: string;
    readonly prefix?: string;
    readonly conditions?: AwsGrantConditions;
    /** The ARN of the customer managed KMS key the target is encrypted with. */
    readonly key?: string;
}

/** Where the function runs: SSM paths become ARNs of this partition, region and account. */
export interface AwsPlanContext {
    readonly partition: string;
    readonly region: string;
    readonly account: string;
    /** Conditions on every grant; a grant's own condition on the same key replaces the default. */
    readonly defaultConditions?: AwsGrantConditions;
}

export interface AwsPolicyStatement {
    readonly Effect: "Allow";
    readonly Action: string[];
    readonly Resource: string[];
    readonly Condition?: AwsConditionBlock;
}

/** What one grant gives, as data for reports and the component's `permissions` output. */
export interface AwsPlannedPermission {
    readonly grant: string;
    readonly access: string;
    readonly actions: string[];
    readonly resources: string[];
    readonly conditions: AwsConditionStatement[];
}

export interface AwsPlannedDocument {
    /** `inline`: the role's inline policy; `managed`: a customer-managed policy attached to it. */
    readonly placement: "inline" | "managed";
    /** Stable key of the document: `grants` inline, else the name of its first grant. */
    readonly key: string;
    readonly grants: string[];
    readonly statements: AwsPolicyStatement[];
    /** Characters counted towards the limit (minified JSON). */
    readonly size: number;
}

export interface AwsGrantPlan {
    readonly permissions: AwsPlannedPermission[];
    readonly documents: AwsPlannedDocument[];
}

export interface PlanOptions {
    /** Characters left for grants in the inline policy. @default INLINE_POLICY_LIMIT */
    readonly inlineBudget?: number;
}

/** The ARN a grant's resource stands for: an SSM path becomes a parameter ARN. */
export function targetArn(grant: PlannableGrant, context: AwsPlanContext): string {
    const entry = awsAccessEntry(grant.access);
    if (entry.arnService === "ssm" && grant.resource.startsWith("/")) {
        const path = grant.resource.replace(/\/+$/, "");
        return `arn:${context.partition}:ssm:${context.region}:${context.account}:parameter${path}`;
    }
    return grant.resource;
}

/**
 * The permissions one grant gives, statement by statement, before merging. Each condition goes only
 * on the actions whose requests carry its key (`actionCarriesKey`): a statement's actions are split
 * by the conditions that apply to them, so `s3:prefix` stays on ListBucket and a custom
 * `s3:x-amz-server-side-encryption` lands on PutObject, not on AbortMultipartUpload.
 */
function grantStatements(grant: PlannableGrant, context: AwsPlanContext): AwsPlannedPermission[] {
    const entry = awsAccessEntry(grant.access);
    const arn = targetArn(grant, context);
    const prefix = grant.prefix ?? "";
    const shared = [
        ...conditionStatements(context.defaultConditions),
        ...conditionStatements(grant.conditions),
    ];
    return entry.statements
        .flatMap((template) => {
            const resources = template.resources.map((r) =>
                r.replace("{arn}", arn).replace("{prefix}", prefix),
            );
            const own: AwsConditionStatement[] =
                template.prefixCondition && prefix !== ""
                    ? [
                          {
                              test: "StringLike",
                              variable: template.prefixCondition,
                              values: [`${prefix}*`],
                          },
                      ]
                    : [];
            const groups = new Map<
                string,
                { actions: string[]; conditions: AwsConditionStatement[] }
            >();
            for (const action of template.actions) {
                const applies = shared.filter((c) => actionCarriesKey(action, c.variable));
                const key = applies.map((c) => shared.indexOf(c)).join(",");
                const group = groups.get(key);
                if (group) {
                    group.actions.push(action);
                } else {
                    groups.set(key, { actions: [action], conditions: [...applies, ...own] });
                }
            }
            return [...groups.values()].map((group) => ({
                grant: grant.name,
                access: grant.access,
                actions: group.actions,
                resources,
                conditions: group.conditions,
            }));
        })
        .concat(keyStatements(grant, context));
}

/**
 * An encrypted target's key: the KMS actions the service calls with the function's credentials, on
 * that key, only through that service (`kms:ViaService`, KMS Developer Guide). The grant's other
 * conditions are left off: a call the service makes for the function carries none of the request's
 * network context (`aws:SourceVpce`, `aws:SourceIp`), so they would deny it.
 */
function keyStatements(grant: PlannableGrant, context: AwsPlanContext): AwsPlannedPermission[] {
    const keyUse = awsAccessEntry(grant.access).keyUse;
    if (grant.key === undefined) {
        return [];
    }
    if (keyUse === undefined) {
        throw new Error(`'${grant.access}' takes no key (grant '${grant.name}')`);
    }
    return [
        {
            grant: grant.name,
            access: grant.access,
            actions: [...keyUse.actions],
            resources: [grant.key],
            conditions: [
                {
                    test: "StringEquals",
                    variable: "kms:ViaService",
                    values: [`${keyUse.viaService}.${context.region}.amazonaws.com`],
                },
            ],
        },
    ];
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

function toStatement(
    actions: string[],
    resources: string[],
    condition: string,
): AwsPolicyStatement {
    const block = JSON.parse(condition) as AwsConditionBlock;
    return {
        Effect: "Allow",
        Action: sorted(actions),
        Resource: sorted(resources),
        ...(Object.keys(block).length > 0 ? { Condition: block } : {}),
    };
}

/**
 * Merges statements: first all actions on the same resources under the same conditions, then all
 * resources that got the same actions under the same conditions. The result does not depend on the
 * order of the grants.
 */
export function mergeStatements(parts: readonly AwsPlannedPermission[]): AwsPolicyStatement[] {
    const byResources = new Map<string, { actions: string[]; resources: string[]; cond: string }>();
    for (const part of parts) {
        const cond = JSON.stringify(canonical(conditionBlock(part.conditions)));
        const key = `${JSON.stringify(sorted(part.resources))}|${cond}`;
        const found = byResources.get(key);
        if (found) {
            found.actions.push(...part.actions);
        } else {
            byResources.set(key, {
                actions: [...part.actions],
                resources: sorted(part.resources),
                cond,
            });
        }
    }
    const byActions = new Map<string, { actions: string[]; resources: string[]; cond: string }>();
    for (const s of byResources.values()) {
        const actions = sorted(s.actions);
        const key = `${JSON.stringify(actions)}|${s.cond}`;
        const found = byActions.get(key);
        if (found) {
            found.resources.push(...s.resources);
        } else {
            byActions.set(key, { actions, resources: [...s.resources], cond: s.cond });
        }
    }
    return [...byActions.values()]
        .map((s) => toStatement(s.actions, s.resources, s.cond))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** A condition block with operators, keys and values in a fixed order. */
function canonical(block: AwsConditionBlock): AwsConditionBlock {
    const out: AwsConditionBlock = {};
    for (const test of Object.keys(block).sort()) {
        const keys = block[test] ?? {};
        out[test] = {};
        for (const key of Object.keys(keys).sort()) {
            out[test][key] = sorted(keys[key] ?? []);
        }
    }
    return out;
}

export function policyDocument(statements: readonly AwsPolicyStatement[]): {
    Version: string;
    Statement: AwsPolicyStatement[];
} {
    return { Version: "2012-10-17", Statement: [...statements] };
}

/** The size AWS counts: the document without white space. */
export function documentSize(statements: readonly AwsPolicyStatement[]): number {
    return JSON.stringify(policyDocument(statements)).length;
}

/**
 * Plans grants: each grant's permissions, and the documents that carry them. Grants go into the
 * inline policy in name order while it stays within `inlineBudget`; the rest spill into
 * customer-managed policies of at most MANAGED_POLICY_LIMIT characters, each keyed by its first
 * grant's name, so reordering grants changes nothing.
 */
export function planAwsGrants(
    grants: readonly PlannableGrant[],
    context: AwsPlanContext,
    options: PlanOptions = {},
): AwsGrantPlan {
    const byName = [...grants].sort((a, b) => a.name.localeCompare(b.name));
    const parts = new Map(byName.map((g) => [g.name, grantStatements(g, context)]));
    const permissions = byName.flatMap((g) => parts.get(g.name) ?? []);
    const budget = options.inlineBudget ?? INLINE_POLICY_LIMIT;

    const documents: AwsPlannedDocument[] = [];
    const fill = (names: string[]): AwsPlannedDocument["statements"] =>
        mergeStatements(names.flatMap((n) => parts.get(n) ?? []));
    let current: string[] = [];
    let placement: AwsPlannedDocument["placement"] = "inline";
    const close = (): void => {
        if (current.length > 0) {
            const statements = fill(current);
            const key = placement === "inline" ? "grants" : (current[0] ?? "grants");
            documents.push({
                placement,
                key,
                grants: current,
                statements,
                size: documentSize(statements),
            });
        }
        current = [];
    };
    for (const grant of byName) {
        const limit = placement === "inline" ? budget : MANAGED_POLICY_LIMIT;
        if (documentSize(fill([...current, grant.name])) <= limit) {
            current.push(grant.name);
            continue;
        }
        close();
        placement = "managed";
        if (documentSize(fill([grant.name])) > MANAGED_POLICY_LIMIT) {
            throw new Error(
                `grant '${grant.name}' alone is larger than a managed policy may be (${MANAGED_POLICY_LIMIT} characters)`,
            );
        }
        current = [grant.name];
    }
    close();
    return { permissions, documents };
}
