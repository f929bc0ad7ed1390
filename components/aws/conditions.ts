/**
 * Context conditions of AWS grants: the shorthand a user writes (`sourceVpce`, `resourceTags`, ...)
 * and free-form `{ test, variable, values }`, validated and compiled to IAM condition blocks.
 * A key AWS cannot express, or one we do not know, is an argument problem, never a silent drop.
 */
import { type ArgumentProblems, closest, shown } from "../core";
import { ACTION_CONDITION_KEYS } from "./grants/condition-keys";

/** One IAM condition: `"Condition": { test: { variable: values } }`. */
export interface AwsConditionStatement {
    /** The condition operator, e.g. `StringEquals`, `IpAddress`, `ForAnyValue:StringLike`. */
    readonly test: string;
    /** The condition key, e.g. `aws:SourceVpce` or `s3:prefix`. */
    readonly variable: string;
    /** The values; the condition holds when the key matches any of them. */
    readonly values: readonly string[];
}

/**
 * Conditions on a grant (or, as `defaultConditions`, on every grant of a function).
 *
 * @example
 * { sourceVpce: ["vpce-0abc"], resourceTags: { team: "orders" } }
 */
export interface AwsGrantConditions {
    /** Only through these VPC endpoints (`StringEquals aws:SourceVpce`). */
    readonly sourceVpce?: readonly string[];
    /** Only from these IP ranges (`IpAddress aws:SourceIp`); not present on calls through a VPC endpoint. */
    readonly sourceIp?: readonly string[];
    /** Only on resources carrying these tags (`StringEquals aws:ResourceTag/<key>`). */
    readonly resourceTags?: Readonly<Record<string, string>>;
    /** Only while the role carries these tags (`StringEquals aws:PrincipalTag/<key>`). */
    readonly principalTags?: Readonly<Record<string, string>>;
    /** Only in these regions (`StringEquals aws:RequestedRegion`). */
    readonly requestedRegions?: readonly string[];
    /** Any other condition, written as IAM writes it. */
    readonly custom?: readonly AwsConditionStatement[];
}

/** The compiled form: operator → key → values, as in a policy document. */
export type AwsConditionBlock = Record<string, Record<string, string[]>>;

const SHORTHAND_KEYS = [
    "sourceVpce",
    "sourceIp",
    "resourceTags",
    "principalTags",
    "requestedRegions",
    "custom",
] as const;

/** IAM condition operators (IAM User Guide, "Condition operators"); `...IfExists` is added below. */
const OPERATORS = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
];

/** Global condition keys (IAM User Guide, "AWS global condition context keys"); tag keys below. */
const GLOBAL_KEYS = [
    "aws:CalledVia",
    "aws:CalledViaFirst",
    "aws:CalledViaLast",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:MultiFactorAuthPresent",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalIsAWSService",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalServiceName",
    "aws:PrincipalType",
    "aws:RequestedRegion",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:ResourceOrgPaths",
    "aws:SecureTransport",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceIp",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:TagKeys",
    "aws:userid",
    "aws:UserAgent",
    "aws:ViaAWSService",
    "aws:VpcSourceIp",
    "lambda:SourceFunctionArn",
];
const TAG_KEY_PREFIXES = ["aws:ResourceTag/", "aws:PrincipalTag/", "aws:RequestTag/"];

/** True when `test` is an IAM operator, with optional set qualifier and `IfExists`. */
function isOperator(test: string): boolean {
    const bare = test.replace(/^(ForAllValues|ForAnyValue):/, "").replace(/IfExists$/, "");
    return test === "Null" || OPERATORS.includes(bare);
}

/**
 * True when `variable` is a key we can vouch for: a global key, a tag key, or one of `serviceKeys`
 * (the grant's own service keys; a key ending in `:` admits keys with a suffix, e.g.
 * `kms:EncryptionContext:`). IAM compares keys case-insensitively.
 */
function isKnownKey(variable: string, serviceKeys: readonly string[]): boolean {
    const lower = variable.toLowerCase();
    if (GLOBAL_KEYS.some((k) => k.toLowerCase() === lower)) {
        return true;
    }
    const prefixed = [...TAG_KEY_PREFIXES, ...serviceKeys.filter((k) => k.endsWith(":"))];
    if (prefixed.some((p) => lower.startsWith(p.toLowerCase()) && lower.length > p.length)) {
        return true;
    }
    return serviceKeys.some((k) => k.toLowerCase() === lower);
}

function isStringList(value: unknown): value is string[] {
    return (
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((v) => typeof v === "string" && v !== "")
    );
}

function isStringMap(value: unknown): value is Record<string, string> {
    return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length > 0 &&
        Object.entries(value).every(([k, v]) => k !== "" && typeof v === "string")
    );
}

/**
 * Adds a problem for everything wrong with `conditions` at `argument`. `serviceKeys` are the
 * service-specific keys the grant's access level allows (none for `defaultConditions`).
 */
export function validateConditions(
    conditions: unknown,
    argument: string,
    serviceKeys: readonly string[],
    problems: ArgumentProblems,
): void {
    if (conditions === undefined) {
        return;
    }
    if (typeof conditions !== "object" || conditions === null || Array.isArray(conditions)) {
        problems.add(argument, `must be an object of conditions, not ${shown(conditions)}`);
        return;
    }
    const given = conditions as Record<string, unknown>;
    for (const key of Object.keys(given)) {
        if (!(SHORTHAND_KEYS as readonly string[]).includes(key)) {
            const hint = closest(key, SHORTHAND_KEYS);
            problems.add(
                `${argument}.${key}`,
                `is not a condition AWS grants can express` +
                    (hint ? `; did you mean '${hint}'?` : "") +
                    ` Known: ${SHORTHAND_KEYS.join(", ")} (use \`custom\` for any other IAM key)`,
            );
        }
    }
    for (const key of ["sourceVpce", "sourceIp", "requestedRegions"] as const) {
        if (given[key] !== undefined && !isStringList(given[key])) {
            problems.add(
                `${argument}.${key}`,
                `must be a non-empty list of strings, not ${shown(given[key])}`,
            );
        }
    }
    for (const key of ["resourceTags", "principalTags"] as const) {
        if (given[key] !== undefined && !isStringMap(given[key])) {
            problems.add(
                `${argument}.${key}`,
                `must map tag keys to values, e.g. { team: "orders" }, not ${shown(given[key])}`,
            );
        }
    }
    const custom = given.custom;
    if (custom === undefined) {
        return;
    }
    if (!Array.isArray(custom)) {
        problems.add(`${argument}.custom`, `must be a list of { test, variable, values }`);
        return;
    }
    custom.forEach((c: unknown, i) => {
        const at = `${argument}.custom[${i}]`;
        const { test, variable, values } = (c ?? {}) as Record<string, unknown>;
        if (typeof test !== "string" || !isOperator(test)) {
            problems.add(`${at}.test`, `${shown(test)} is not an IAM condition operator`);
        }
        if (typeof variable !== "string" || !isKnownKey(variable, serviceKeys)) {
            const scope = serviceKeys.length > 0 ? `, nor one of ${serviceKeys.join(", ")}` : "";
            problems.add(
                `${at}.variable`,
                `${shown(variable)} is not a known condition key here: not a global aws: key${scope}`,
            );
        }
        if (!isStringList(values)) {
            problems.add(`${at}.values`, `must be a non-empty list of strings`);
        }
    });
}

/**
 * Whether requests of `action` carry the key `variable`. Request-wide global keys (and principal tags)
 * are on every request; resource and request tags and service keys only where the Service
 * Authorization Reference lists them for the action or its resource types (generated into
 * grants/condition-keys.ts). A positive operator on a key the request lacks denies (IAM User Guide,
 * "Condition operators"), so a condition goes only on the actions that carry its key.
 */
export function actionCarriesKey(action: string, variable: string): boolean {
    const key = variable.toLowerCase();
    const requestWide =
        GLOBAL_KEYS.some((k) => k.toLowerCase() === key) || key.startsWith("aws:principaltag/");
    if (requestWide) {
        return true;
    }
    const keys = ACTION_CONDITION_KEYS[action];
    if (keys === undefined) {
        throw new Error(
            `no condition keys known for ${action}: run scripts/generate-aws-condition-keys.ts`,
        );
    }
    return keys.some((k) => {
        const known = k.toLowerCase();
        return known.endsWith("/") || known.endsWith(":")
            ? key.startsWith(known) && key.length > known.length
            : key === known;
    });
}

/** The conditions as IAM statements, in a fixed order; `undefined` gives none. */
export function conditionStatements(
    conditions: AwsGrantConditions | undefined,
): AwsConditionStatement[] {
    if (!conditions) {
        return [];
    }
    const out: AwsConditionStatement[] = [];
    const add = (test: string, variable: string, values: readonly string[] | undefined): void => {
        if (values && values.length > 0) {
            out.push({ test, variable, values });
        }
    };
    add("StringEquals", "aws:SourceVpce", conditions.sourceVpce);
    add("IpAddress", "aws:SourceIp", conditions.sourceIp);
    for (const [key, value] of Object.entries(conditions.resourceTags ?? {})) {
        add("StringEquals", `aws:ResourceTag/${key}`, [value]);
    }
    for (const [key, value] of Object.entries(conditions.principalTags ?? {})) {
        add("StringEquals", `aws:PrincipalTag/${key}`, [value]);
    }
    add("StringEquals", "aws:RequestedRegion", conditions.requestedRegions);
    for (const c of conditions.custom ?? []) {
        add(c.test, c.variable, c.values);
    }
    return out;
}

/**
 * Compiles condition statements into a block; a later statement on the same operator and key
 * replaces an earlier one (a grant's own condition overrides the function's default).
 */
export function conditionBlock(statements: readonly AwsConditionStatement[]): AwsConditionBlock {
    const block: AwsConditionBlock = {};
    for (const s of statements) {
        block[s.test] = { ...block[s.test], [s.variable]: [...s.values] };
    }
    return block;
}
