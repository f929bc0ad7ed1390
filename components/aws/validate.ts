/**
 * Validation of `AwsFunction` arguments: every problem is collected, so one ResourceError names
 * them all before anything is created.
 */
import * as pulumi from "@pulumi/pulumi";
import { type ArgumentProblems, GRANT_NAME_PATTERN, shown, validateGrantBasics } from "../core";
import type { AwsFunctionArgs, AwsFunctionTarget, AwsGrant } from "./args";
import { validateConditions } from "./conditions";
import { AWS_ACCESS_LEVELS, awsAccessEntry } from "./grants";

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
    validateConditions(args.defaultConditions, "defaultConditions", [], problems);
    const grants = validateGrants(args, problems);
    validateInvokeSources(args, problems);
    return grants;
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

function validateGrants(args: AwsFunctionArgs, problems: ArgumentProblems): AwsGrant[] {
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
        validateResource(
            grant,
            entry.arnService,
            `${at}.resource`,
            entry.resourceDescription,
            problems,
        );
        validateConditions(grant.conditions, `${at}.conditions`, entry.conditionKeys, problems);
        if (grant.access === "lambda:invoke") {
            const variable = invokeVariable(grant.name);
            if (args.environment?.[variable] !== undefined) {
                problems.add(
                    `environment.${variable}`,
                    `is set by the lambda:invoke grant '${grant.name}'; remove it from \`environment\``,
                );
            }
        }
    }
    return valid;
}

function validateResource(
    grant: AwsGrant,
    service: string,
    at: string,
    description: string,
    problems: ArgumentProblems,
): void {
    const resource: unknown = grant.resource;
    if (isFunctionTarget(resource)) {
        if (grant.access !== "lambda:invoke") {
            problems.add(at, `is a function; '${grant.access}' needs ${description}`);
        }
        return;
    }
    if (typeof resource !== "string") {
        return; // An Output: known only at deployment.
    }
    if (service === "ssm" && resource.startsWith("/")) {
        return;
    }
    if (!new RegExp(`^arn:aws[a-z-]*:${service}:`).test(resource) || resource.includes("*")) {
        problems.add(at, `${shown(resource)} is not ${description}`);
    }
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
