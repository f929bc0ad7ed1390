/**
 * The whole plan of a function's role as pure data, made once at construction: the runtime
 * statements Lambda needs and every grant, laid out over the runtime policy, the inline grants
 * policy and, past its size limit, customer-managed policies.
 *
 * Values the provider gives later (a target ARN that is an Output, the account, region and
 * partition) stand in the plan as placeholders of the length they are assumed to have, so the sizes
 * the layout is decided on are those of the real documents. Each document is then rendered once,
 * by putting the resolved values in place of its placeholders (`fillPlaceholders`).
 */
import { type AwsLocation, runtimePermissions, runtimeStatements } from "./identity";
import {
    type AwsPlanContext,
    type AwsPlannedPermission,
    type AwsPolicyStatement,
    documentSize,
    INLINE_POLICY_LIMIT,
    MANAGED_POLICY_LIMIT,
    planAwsGrants,
    type PlannableGrant,
} from "./plan";

/** A stand-in location no shorter than real ones: the longest partition and region there are. */
export const ASSUMED_LOCATION: AwsLocation = {
    partition: "aws-us-gov",
    region: "ap-southeast-5",
    account: "123456789012",
};
/**
 * Length assumed for a target ARN that is not known yet. Most ARNs are shorter (a bucket ARN has at
 * most 76 characters); a longer one is caught when its document is rendered.
 */
export const ASSUMED_ARN_LENGTH = 128;

const OPEN = "\u2045"; // ⁅
const CLOSE = "\u2046"; // ⁆
const PAD = "\u2053"; // ⁓
const PLACEHOLDER = new RegExp(`${OPEN}(\\d+)${PAD}*${CLOSE}`, "g");

/**
 * The placeholder of value `index`, `length` characters long. Its characters occur in no ARN and
 * JSON leaves them as they are, so a document's size with placeholders is its size with values of
 * that length.
 */
export function placeholder(index: number, length: number): string {
    const core = `${OPEN}${index}`;
    return `${core}${PAD.repeat(Math.max(0, length - core.length - 1))}${CLOSE}`;
}

/** The indices of the placeholders in `text`, each once, in order of first appearance. */
export function placeholdersIn(text: string): number[] {
    return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => Number(m[1])))];
}

/** `text` (JSON) with each placeholder replaced by its value, escaped for a JSON string. */
export function fillPlaceholders(text: string, values: ReadonlyMap<number, string>): string {
    return text.replace(PLACEHOLDER, (_, index: string) => {
        const value = values.get(Number(index));
        if (value === undefined) {
            throw new Error(`internal: no value for placeholder ${index}`);
        }
        return JSON.stringify(value).slice(1, -1);
    });
}

export interface RuntimeFeatures {
    readonly vpc: boolean;
    readonly tracing: boolean;
}

export interface RolePlanInput {
    /** Grants whose targets and keys are literals or placeholders. */
    readonly grants: readonly PlannableGrant[];
    /** Where the function runs (literals or placeholders), and the function's default conditions. */
    readonly context: AwsPlanContext;
    /** The function's log group ARN (a literal or a placeholder). */
    readonly logGroupArn: string;
    readonly features: RuntimeFeatures;
}

/** One policy of the role: what it holds and what it counts against. */
export interface AwsRoleDocument {
    /** `runtime` and `inline`: inline policies of the role; `managed`: a customer-managed policy. */
    readonly placement: "runtime" | "inline" | "managed";
    /** Stable key: `runtime`, `grants` inline, else the name of its first grant. */
    readonly key: string;
    readonly grants: readonly string[];
    readonly statements: readonly AwsPolicyStatement[];
    /** The most characters the rendered document may have: what is left of its AWS limit. */
    readonly limit: number;
}

export interface AwsRolePlan {
    /** The runtime policy first, then the grants' documents. */
    readonly documents: readonly AwsRoleDocument[];
    readonly permissions: readonly AwsPlannedPermission[];
    readonly runtimePermissions: readonly AwsPlannedPermission[];
}

/**
 * Plans the role: the runtime statements take their share of the inline-policy budget AWS counts
 * over all inline policies of a role, the grants fill the rest and spill into managed policies.
 */
export function planRole(input: RolePlanInput): AwsRolePlan {
    const runtime = runtimeStatements(input.logGroupArn, input.features);
    const runtimeSize = documentSize(runtime);
    const inlineBudget = INLINE_POLICY_LIMIT - runtimeSize;
    const grants = planAwsGrants(input.grants, input.context, { inlineBudget });
    return {
        documents: [
            {
                placement: "runtime",
                key: "runtime",
                grants: [],
                statements: runtime,
                limit: runtimeSize,
            },
            ...grants.documents.map((doc) => ({
                ...doc,
                limit: doc.placement === "inline" ? inlineBudget : MANAGED_POLICY_LIMIT,
            })),
        ],
        permissions: grants.permissions,
        runtimePermissions: runtimePermissions(input.logGroupArn, input.features),
    };
}
