/**
 * Validation of `AwsFunction` arguments: every problem is collected, so one ResourceError names
 * them all before anything is created.
 */
import * as pulumi from "@pulumi/pulumi";
import { type ArgumentProblems, GRANT_NAME_PATTERN, shown, validateGrantBasics } from "../core";
import type { AwsFunctionArgs, AwsFunctionTarget, AwsGrant } from "./args";
import {
    actionCarriesKey,
    type AwsGrantConditions,
    conditionStatements,
    validateConditions,
} from "./conditions";
import { AWS_ACCESS_LEVELS, AWS_ACCESS_TABLE, awsAccessEntry, type AwsAccessEntry } from "./grants";

/** Values CloudWatch Logs accepts for `retentionInDays`. */
const RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

function isPlainNumber(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value);
}

/**
 * True for another AwsFunction (or anything shaped like one) given as a grant's resource. An Output
 * is never one: Outputs lift every property, so `output.functionArn` exists on any of them.
 */
export function isFunctionTarget(value: unknown): value is AwsFunctionTarget {
    if (typeof value !== "object" || value === null || pulumi.Output.isInstance(value)) {
        return false;
    }
    const { functionArn, functionName } = value as Record<string, unknown>;
    return pulumi.Output.isInstance(functionArn) && pulumi.Output.isInstance(functionName);
}

export function validateAwsFunctionArgs(
    args: AwsFunctionArgs,
    problems: ArgumentProblems,
): AwsGrant[] {
    validateCode(args, problems);
    if (args.functionName !== undefined && !FUNCTION_NAME.test(String(args.functionName))) {
        problems.add(
            "functionName",
            `${shown(args.functionName)} is not a Lambda function name; use 1-64 letters, digits, hyphens and underscores`,
        );
    }
    if (
        args.memorySize !== undefined &&
        !(isPlainNumber(args.memorySize) && args.memorySize >= 128 && args.memorySize <= 10240)
    ) {
        problems.add(
            "memorySize",
            `${shown(args.memorySize)} must be a whole number of MiB from 128 to 10240`,
        );
    }
    if (
        args.timeout !== undefined &&
        !(isPlainNumber(args.timeout) && args.timeout >= 1 && args.timeout <= 900)
    ) {
        problems.add(
            "timeout",
            `${shown(args.timeout)} must be a whole number of seconds from 1 to 900`,
        );
    }
    if (
        args.architectures !== undefined &&
        !(
            Array.isArray(args.architectures) &&
            args.architectures.length === 1 &&
            ["x86_64", "arm64"].includes(String(args.architectures[0]))
        )
    ) {
        problems.add(
            "architectures",
            `${shown(args.architectures)} must be ["x86_64"] or ["arm64"]`,
        );
    }
    if (
        args.logRetentionInDays !== undefined &&
        !RETENTION_DAYS.includes(args.logRetentionInDays)
    ) {
        problems.add(
            "logRetentionInDays",
            `${shown(args.logRetentionInDays)} is not a retention CloudWatch Logs accepts; use one of ${RETENTION_DAYS.join(", ")}`,
        );
    }
    if (args.vpc !== undefined) {
        for (const key of ["subnetIds", "securityGroupIds"] as const) {
            const list: unknown = args.vpc[key];
            if (!Array.isArray(list) || list.length === 0) {
                problems.add(`vpc.${key}`, `must list at least one ID`);
            }
        }
    }
    if (args.existingRoleArn !== undefined) {
        if (args.permissionsBoundary !== undefined) {
            problems.add(
                "permissionsBoundary",
                "applies to the role the component creates; with `existingRoleArn` set the boundary belongs on that role",
            );
        }
        if (typeof args.existingRoleArn === "string" && !ROLE_ARN.test(args.existingRoleArn)) {
            problems.add(
                "existingRoleArn",
                `${shown(args.existingRoleArn)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
            );
        }
    }
    const before = problems.size;
    validateConditions(args.defaultConditions, "defaultConditions", [], problems);
    const defaultsValid = problems.size === before;
    validateSourceVpce(args, problems);
    const grants = validateGrants(args, problems, defaultsValid);
    validateInvokeSources(args, problems);
    return grants;
}

/**
 * `aws:SourceVpce` is in a request only when it comes through a VPC endpoint, which a function can
 * reach only from inside a VPC: without `vpc` the condition never holds and denies everything.
 */
function validateSourceVpce(args: AwsFunctionArgs, problems: ArgumentProblems): void {
    if (args.vpc !== undefined) {
        return;
    }
    const where: [string, unknown][] = [
        ["defaultConditions.sourceVpce", args.defaultConditions?.sourceVpce],
        ...(Array.isArray(args.grants) ? args.grants : []).map(
            (g: unknown, i): [string, unknown] => [
                `grants[${i}].conditions.sourceVpce`,
                (g as AwsGrant | undefined)?.conditions?.sourceVpce,
            ],
        ),
    ];
    for (const [at, value] of where) {
        if (value !== undefined) {
            problems.add(
                at,
                `${shown(value)} can never hold: the function has no \`vpc\`, so its requests never come through a VPC endpoint; give the function a \`vpc\` whose endpoints these are, or drop the condition`,
            );
        }
    }
}

function validateCode(args: AwsFunctionArgs, problems: ArgumentProblems): void {
    const sources = [
        args.code !== undefined ? "code" : undefined,
        args.s3Bucket !== undefined || args.s3Key !== undefined ? "s3Bucket/s3Key" : undefined,
        args.imageUri !== undefined ? "imageUri" : undefined,
    ].filter((s): s is string => s !== undefined);
    if (sources.length !== 1) {
        problems.add(
            "code",
            sources.length === 0
                ? "is missing; give `code` (a zip archive), `s3Bucket` + `s3Key`, or `imageUri`"
                : `comes from ${sources.join(" and ")}; give exactly one of them`,
        );
    }
    if ((args.s3Bucket === undefined) !== (args.s3Key === undefined)) {
        problems.add(
            args.s3Bucket === undefined ? "s3Bucket" : "s3Key",
            "is needed with the other: code in S3 takes both `s3Bucket` and `s3Key`",
        );
    }
    if (args.imageUri !== undefined) {
        for (const key of ["handler", "runtime"] as const) {
            if (args[key] !== undefined) {
                problems.add(key, "does not apply to a container image; the image defines it");
            }
        }
    } else if (sources.length === 1) {
        for (const key of ["handler", "runtime"] as const) {
            if (args[key] === undefined) {
                problems.add(key, "is missing; zip code needs a `handler` and a `runtime`");
            }
        }
    }
}

function validateGrants(
    args: AwsFunctionArgs,
    problems: ArgumentProblems,
    defaultsValid: boolean,
): AwsGrant[] {
    const valid = validateGrantBasics(args.grants, AWS_ACCESS_LEVELS, problems) as AwsGrant[];
    const all: unknown[] = Array.isArray(args.grants) ? args.grants : [];
    for (const grant of valid) {
        const at = `grants[${all.indexOf(grant)}]`;
        const entry = awsAccessEntry(grant.access);
        if (grant.prefix !== undefined) {
            if (!entry.acceptsPrefix) {
                problems.add(
                    `${at}.prefix`,
                    `does not apply to '${grant.access}'; only S3 grants take a prefix`,
                );
            } else if (typeof grant.prefix !== "string" || grant.prefix === "") {
                problems.add(
                    `${at}.prefix`,
                    `${shown(grant.prefix)} is empty; leave \`prefix\` out to grant the whole bucket`,
                );
            } else if (/[*?]/.test(grant.prefix) || grant.prefix.startsWith("/")) {
                problems.add(
                    `${at}.prefix`,
                    `${shown(grant.prefix)} must be a literal key prefix without wildcards or a leading '/', e.g. "incoming/"`,
                );
            }
        }
        validateResource(grant, `${at}.resource`, problems);
        validateKey(grant, entry, `${at}.key`, problems);
        const before = problems.size;
        validateConditions(grant.conditions, `${at}.conditions`, entry.conditionKeys, problems);
        if (problems.size === before) {
            validateCarriedKeys(grant, entry, `${at}.conditions`, grant.conditions, problems);
            if (defaultsValid) {
                validateCarriedKeys(
                    grant,
                    entry,
                    "defaultConditions",
                    args.defaultConditions,
                    problems,
                );
            }
        }
        const variable = injectedVariable(grant);
        if (variable !== undefined && args.environment?.[variable] !== undefined) {
            problems.add(
                `environment.${variable}`,
                `is set by the ${grant.access} grant '${grant.name}'; remove it from \`environment\``,
            );
        }
        const target: unknown = grant.resource;
        if (
            grant.access === "lambda:invoke-url" &&
            isFunctionTarget(target) &&
            target.url === undefined
        ) {
            problems.add(
                `${at}.resource`,
                "is a function without a URL; give it `functionUrl: true`, or grant `lambda:invoke` to call it with Invoke",
            );
        }
    }
    return valid;
}

/**
 * A condition whose key no action of the grant carries would deny every request of the grant (a
 * positive operator on an absent key denies): an argument problem, never a silent grant of nothing.
 */
function validateCarriedKeys(
    grant: AwsGrant,
    entry: AwsAccessEntry,
    at: string,
    conditions: AwsGrantConditions | undefined,
    problems: ArgumentProblems,
): void {
    const actions = [...new Set(entry.statements.flatMap((s) => s.actions))];
    for (const condition of conditionStatements(conditions)) {
        if (!actions.some((action) => actionCarriesKey(action, condition.variable))) {
            problems.add(
                at,
                `puts '${condition.variable}' on grant '${grant.name}', but no action of '${grant.access}' (${actions.join(", ")}) carries that key, so the grant would allow nothing; use a key these requests carry (docs/grants.md) or drop the condition`,
            );
        }
    }
}

function validateResource(grant: AwsGrant, at: string, problems: ArgumentProblems): void {
    const entry = awsAccessEntry(grant.access);
    const resource: unknown = grant.resource;
    if (isFunctionTarget(resource)) {
        if (!FUNCTION_LEVELS.includes(grant.access)) {
            problems.add(at, `is a function; '${grant.access}' needs ${entry.resourceDescription}`);
        }
        return;
    }
    if (typeof resource !== "string") {
        return; // An Output: checked once it resolves (`normalizeAwsGrants` in normalize.ts).
    }
    const problem = targetProblem(entry, resource);
    if (problem !== undefined) {
        problems.add(at, problem);
    }
}

/** `key` only where the level's calls use the target's KMS key, and then a key's ARN. */
function validateKey(
    grant: AwsGrant,
    entry: AwsAccessEntry,
    at: string,
    problems: ArgumentProblems,
): void {
    const key: unknown = grant.key;
    if (key === undefined) {
        return;
    }
    if (entry.keyUse === undefined) {
        const accepting = AWS_ACCESS_TABLE.filter((e) => e.keyUse !== undefined).map(
            (e) => e.access,
        );
        problems.add(
            at,
            `does not apply to '${grant.access}': its target is not encrypted with a key its calls use; levels that take a key: ${accepting.join(", ")}`,
        );
        return;
    }
    if (typeof key === "string") {
        const problem = targetProblem(awsAccessEntry("kms:decrypt"), key);
        if (problem !== undefined) {
            problems.add(at, problem);
        }
    }
}

/** The levels whose target may be another AwsFunction. */
const FUNCTION_LEVELS = ["lambda:invoke", "lambda:invoke-url"];

/**
 * What is wrong with a grant's target ARN for its level (partition, service, resource type), or
 * undefined: the one check for literal targets (before anything is created) and for Outputs once
 * they resolve (which fails the update), so `s3:read` on a table's ARN never becomes a policy.
 */
export function targetProblem(entry: AwsAccessEntry, resource: string): string | undefined {
    if (entry.arnService === "ssm" && resource.startsWith("/")) {
        return /^\/[A-Za-z0-9_.\-/]*$/.test(resource) && !resource.includes("*")
            ? undefined
            : `${shown(resource)} is not a parameter path such as '/orders/prod'`;
    }
    return entry.targetPattern.test(resource)
        ? undefined
        : `${shown(resource)} is not ${entry.resourceDescription}`;
}

function validateInvokeSources(args: AwsFunctionArgs, problems: ArgumentProblems): void {
    const sources: unknown = args.allowInvokeFrom;
    if (sources === undefined) {
        return;
    }
    if (!Array.isArray(sources)) {
        problems.add("allowInvokeFrom", `must be a list of { name, principal, sourceArn }`);
        return;
    }
    const seen = new Set<string>();
    sources.forEach((source: unknown, i) => {
        const at = `allowInvokeFrom[${i}]`;
        const { name, principal, sourceArn } = (source ?? {}) as Record<string, unknown>;
        if (typeof name !== "string" || !GRANT_NAME_PATTERN.test(name)) {
            problems.add(
                `${at}.name`,
                `${shown(name)} is not a name; use lower-case letters, digits and hyphens`,
            );
        } else if (seen.has(name)) {
            problems.add(`${at}.name`, `${shown(name)} is used twice; names must be unique`);
        } else {
            seen.add(name);
        }
        if (typeof principal !== "string" || !SERVICE_PRINCIPAL.test(principal)) {
            problems.add(
                `${at}.principal`,
                `${shown(principal)} is not a service principal such as 's3.amazonaws.com'; accounts and '*' cannot be allowed here`,
            );
        }
        if (sourceArn === undefined || sourceArn === null || sourceArn === "") {
            problems.add(
                `${at}.sourceArn`,
                "is missing; name the one resource that may invoke the function",
            );
        }
    });
}

/** The environment variable a `lambda:invoke` grant sets to the callee's name. */
export function invokeVariable(grantName: string): string {
    return `${grantName.toUpperCase().replace(/-/g, "_")}_FUNCTION_NAME`;
}

/** The environment variable a `lambda:invoke-url` grant on an AwsFunction sets to its URL. */
export function urlVariable(grantName: string): string {
    return `${grantName.toUpperCase().replace(/-/g, "_")}_FUNCTION_URL`;
}

/** The variable a grant puts into the caller's environment, if any. */
export function injectedVariable(grant: AwsGrant): string | undefined {
    if (grant.access === "lambda:invoke") return invokeVariable(grant.name);
    if (grant.access === "lambda:invoke-url" && isFunctionTarget(grant.resource)) {
        return urlVariable(grant.name);
    }
    return undefined;
}
