/**
 * Checks every argument of a GcpFunction before anything is created, collecting all problems so the
 * user sees them in one ResourceError. Pure: values that are Outputs are taken as given.
 */
import * as pulumi from "@pulumi/pulumi";
import { type ArgumentProblems, shown, validateGrantBasics } from "../core";
import type { GcpFunctionArgs, GcpGrant } from "./args";
import { DESCRIPTION_LIMIT, TITLE_LIMIT, invalidTimestamps } from "./conditions";
import { GCP_ACCESS_LEVELS, GCP_TARGETS, gcpAccessEntry } from "./grants";
import { gcpTargetProblem } from "./targets";
import { ACCOUNT_ID_PATTERN, EMAIL_PATTERN, isDefaultServiceAccount } from "./identity";

export const INGRESS_SETTINGS = ["ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB", "ALLOW_ALL"];
const EGRESS_SETTINGS = ["PRIVATE_RANGES_ONLY", "ALL_TRAFFIC"];
const RETRY_POLICIES = ["RETRY_POLICY_RETRY", "RETRY_POLICY_DO_NOT_RETRY"];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RUNTIME = /^[a-z]+[0-9]+$/;
const MEMORY = /^[0-9]+(k|M|G|Mi|Gi)?$/;
const MAX_TIMEOUT_HTTP = 3600;
const MAX_TIMEOUT_EVENT = 540;

/**
 * A Cloud Run function's name: a letter, then up to 62 letters, digits, hyphens or underscores, ending
 * with a letter or digit ("Deploy a Cloud Run function",
 * https://cloud.google.com/functions/docs/deploying).
 */
const FUNCTION_NAME = /^[A-Za-z](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;
/**
 * Without `functionName`, Pulumi names the function `<component name>-<random suffix>`; keeping the
 * component name to 54 characters leaves room for a suffix of up to eight.
 */
const AUTONAME_STEM = /^[A-Za-z][A-Za-z0-9_-]{0,53}$/;

/** Validates the arguments; returns the grants that passed, for planning. */
export function validateGcpFunctionArgs(
    name: string,
    args: GcpFunctionArgs | undefined,
    regionFromConfig: string | undefined,
    problems: ArgumentProblems,
): GcpGrant[] {
    if (typeof args !== "object" || args === null) {
        problems.add(
            "args",
            `must be an object with at least runtime, entryPoint and sourceBucket`,
        );
        return [];
    }
    checkFunctionName(name, args, problems);
    checkCode(args, problems);
    checkRuntimeSettings(args, regionFromConfig, problems);
    checkIdentity(args, problems);
    const grants = checkGrants(args, problems);
    checkEnvironment(args, grants, problems);
    return grants;
}

function checkFunctionName(name: string, args: GcpFunctionArgs, problems: ArgumentProblems): void {
    if (typeof args.functionName === "string") {
        if (!FUNCTION_NAME.test(args.functionName)) {
            problems.add(
                "functionName",
                `${shown(args.functionName)} is not a function name: start with a letter, then up to 62 letters, digits, hyphens or underscores, ending with a letter or digit`,
            );
        }
    } else if (args.functionName === undefined && !AUTONAME_STEM.test(name)) {
        problems.add(
            "functionName",
            `is not given, so the function would be named after the component, ${shown(name)}, plus a random suffix, which Cloud Run functions refuses (a letter, then letters, digits, hyphens or underscores, 63 at most); give \`functionName\`, e.g. ${shown(suggestedName(name))}, or rename the component`,
        );
    }
}

/** A valid function name close to a component name, for the message. */
function suggestedName(name: string): string {
    const cleaned = name
        .replace(/[^A-Za-z0-9_-]+/g, "-")
        .replace(/^[^A-Za-z]+/, "")
        .slice(0, 63)
        .replace(/[-_]+$/, "");
    return cleaned === "" ? "fn" : cleaned;
}

function checkCode(args: GcpFunctionArgs, problems: ArgumentProblems): void {
    if (typeof args.runtime !== "string" || !RUNTIME.test(args.runtime)) {
        problems.add(
            "runtime",
            `${shown(args.runtime)} is not a runtime; e.g. "nodejs20", "python312"`,
        );
    }
    if (typeof args.entryPoint !== "string" || args.entryPoint === "") {
        problems.add("entryPoint", `is missing; name the exported function to run`);
    }
    if (args.sourceBucket === undefined || args.sourceBucket === "") {
        problems.add("sourceBucket", `is missing; name the bucket that holds the source archive`);
    }
    const given = [args.sourceObject, args.sourceArchive].filter((s) => s !== undefined).length;
    if (given !== 1) {
        problems.add(
            "sourceObject",
            given === 0
                ? `is missing; give an object in sourceBucket, or a \`sourceArchive\` to upload`
                : `and \`sourceArchive\` are both given; give one of them`,
        );
    }
}

function checkRuntimeSettings(
    args: GcpFunctionArgs,
    regionFromConfig: string | undefined,
    problems: ArgumentProblems,
): void {
    if (args.region === undefined && regionFromConfig === undefined) {
        problems.add("region", `is missing; set it, or the \`gcp:region\` config`);
    } else if (args.region !== undefined && !/^[a-z]+-[a-z]+[0-9]+$/.test(args.region)) {
        problems.add("region", `${shown(args.region)} is not a region; e.g. "us-central1"`);
    }
    if (args.memory !== undefined && !MEMORY.test(args.memory)) {
        problems.add("memory", `${shown(args.memory)} is not a memory size; e.g. "256M", "1Gi"`);
    }
    const limit = args.eventTrigger ? MAX_TIMEOUT_EVENT : MAX_TIMEOUT_HTTP;
    const timeout = args.timeoutSeconds;
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > limit)) {
        problems.add(
            "timeoutSeconds",
            `${shown(timeout)} is out of range; use whole seconds from 1 to ${limit}` +
                (args.eventTrigger ? " (event-driven functions)" : ""),
        );
    }
    const max = args.maxInstances;
    if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
        problems.add("maxInstances", `${shown(max)} must be a whole number of at least 1`);
    }
    if (args.ingress !== undefined && !INGRESS_SETTINGS.includes(args.ingress)) {
        problems.add(
            "ingress",
            `${shown(args.ingress)} is not one of ${INGRESS_SETTINGS.join(", ")}`,
        );
    } else if (args.ingress === "ALLOW_ALL" && args.public !== true) {
        problems.add(
            "ingress",
            `'ALLOW_ALL' opens the function to the internet; say \`public: true\` if that is intended, ` +
                `or keep the default 'ALLOW_INTERNAL_ONLY'`,
        );
    }
    if (args.public !== undefined && typeof args.public !== "boolean") {
        problems.add("public", `${shown(args.public)} must be true or false`);
    }
    if (args.vpcConnectorEgress !== undefined) {
        if (!EGRESS_SETTINGS.includes(args.vpcConnectorEgress)) {
            problems.add(
                "vpcConnectorEgress",
                `${shown(args.vpcConnectorEgress)} is not one of ${EGRESS_SETTINGS.join(", ")}`,
            );
        } else if (args.vpcConnector === undefined) {
            problems.add("vpcConnectorEgress", `needs a \`vpcConnector\``);
        }
    }
    checkDirectVpc(args, problems);
    const trigger = args.eventTrigger;
    if (trigger !== undefined) {
        if (typeof trigger.eventType !== "string" || !/^google\.cloud\./.test(trigger.eventType)) {
            problems.add(
                "eventTrigger.eventType",
                `${shown(trigger.eventType)} is not an event type; e.g. "google.cloud.storage.object.v1.finalized"`,
            );
        }
        if (trigger.retryPolicy !== undefined && !RETRY_POLICIES.includes(trigger.retryPolicy)) {
            problems.add(
                "eventTrigger.retryPolicy",
                `${shown(trigger.retryPolicy)} is not one of ${RETRY_POLICIES.join(", ")}`,
            );
        }
        checkEmail(trigger.serviceAccountEmail, "eventTrigger.serviceAccountEmail", problems);
    }
}

function checkIdentity(args: GcpFunctionArgs, problems: ArgumentProblems): void {
    const id = args.serviceAccountId;
    if (id !== undefined) {
        if (typeof id !== "string" || !ACCOUNT_ID_PATTERN.test(id)) {
            problems.add(
                "serviceAccountId",
                `${shown(id)} is not a service account ID; use 6-30 lower-case letters, digits and ` +
                    `hyphens, starting with a letter and not ending with a hyphen`,
            );
        }
        if (args.existingServiceAccountEmail !== undefined) {
            problems.add(
                "serviceAccountId",
                `and \`existingServiceAccountEmail\` exclude each other`,
            );
        }
    }
    checkEmail(args.existingServiceAccountEmail, "existingServiceAccountEmail", problems);
    checkEmail(args.buildServiceAccountEmail, "buildServiceAccountEmail", problems);
    const runtime = args.existingServiceAccountEmail;
    if (typeof runtime === "string" && runtime === args.buildServiceAccountEmail) {
        problems.add(
            "buildServiceAccountEmail",
            `is the runtime account; builds must run as a different account so build ` +
                `permissions never reach the running function`,
        );
    }
}

function checkEmail(value: unknown, argument: string, problems: ArgumentProblems): void {
    if (value === undefined || pulumi.Output.isInstance(value)) {
        return;
    }
    if (typeof value !== "string" || !EMAIL_PATTERN.test(value)) {
        problems.add(argument, `${shown(value)} is not a service account email`);
    } else if (isDefaultServiceAccount(value)) {
        problems.add(
            argument,
            `${shown(value)} is a default service account (Compute Engine or App Engine), which ` +
                `usually holds roles/editor; leave it unset and a dedicated account is created`,
        );
    }
}

function checkGrants(args: GcpFunctionArgs, problems: ArgumentProblems): GcpGrant[] {
    const grants: unknown = args.grants;
    const valid = validateGrantBasics(grants, GCP_ACCESS_LEVELS, problems) as GcpGrant[];
    const list = Array.isArray(grants) ? (grants as unknown[]) : [];
    return valid.filter((grant) => {
        const at = `grants[${list.indexOf(grant)}]`;
        const entry = gcpAccessEntry(grant.access);
        const target = entry ? GCP_TARGETS[entry.target] : undefined;
        const before = problems.size;
        if (entry && typeof grant.resource === "string") {
            const problem = gcpTargetProblem(entry, grant.resource);
            if (problem !== undefined) {
                problems.add(`${at}.resource`, problem);
            }
        }
        if (grant.prefix !== undefined) {
            if (entry?.target !== "bucket") {
                problems.add(
                    `${at}.prefix`,
                    `applies to storage grants only, not '${grant.access}'`,
                );
            } else if (typeof grant.prefix !== "string" || grant.prefix === "") {
                problems.add(`${at}.prefix`, `${shown(grant.prefix)} must be a non-empty string`);
            } else if (grant.prefix.includes("*")) {
                problems.add(
                    `${at}.prefix`,
                    `${shown(grant.prefix)} has a '*': a prefix is literal (objects whose names start with it), not a pattern; leave prefix out to grant the whole bucket`,
                );
            }
        }
        const conditions: unknown = grant.conditions;
        if (conditions !== undefined) {
            if (!Array.isArray(conditions)) {
                problems.add(`${at}.conditions`, `must be a list of conditions`);
            } else if (target && !target.acceptsConditions && conditions.length > 0) {
                problems.add(
                    `${at}.conditions`,
                    `cannot be used with '${grant.access}': a ${target.noun} does not accept IAM ` +
                        `Conditions; remove them or grant on a resource that does`,
                );
            } else {
                conditions.forEach((c, i) => checkCondition(c, `${at}.conditions[${i}]`, problems));
            }
        }
        if (entry?.target === "runService") {
            checkNetworkPath(args, grant, at, problems);
        }
        if (entry?.target !== "runService") {
            for (const key of ["url", "environmentVariable", "calleeIngress"] as const) {
                if (grant[key] !== undefined) {
                    problems.add(`${at}.${key}`, `applies to 'run:invoke' grants only`);
                }
            }
        } else if (
            grant.environmentVariable !== undefined &&
            !ENV_NAME.test(grant.environmentVariable)
        ) {
            problems.add(
                `${at}.environmentVariable`,
                `${shown(grant.environmentVariable)} is not a variable name`,
            );
        }
        return problems.size === before;
    });
}

/**
 * A callee that admits internal traffic only is reached from another function only through the VPC:
 * "Requests to Cloud Run from Cloud Run, Cloud Functions, or App Engine must go to the VPC network to
 * be considered internal", by Direct VPC egress or a Serverless VPC Access connector
 * (https://cloud.google.com/run/docs/securing/ingress). The callee's `run.app` URL resolves to
 * public addresses, so the connector must route all traffic (`ALL_TRAFFIC`), not private ranges only.
 */
function checkDirectVpc(args: GcpFunctionArgs, problems: ArgumentProblems): void {
    const direct: unknown = args.directVpc;
    if (direct === undefined) {
        return;
    }
    if (typeof direct !== "object" || direct === null) {
        problems.add(
            "directVpc",
            `${shown(direct)} must be an object with a network or subnetwork`,
        );
        return;
    }
    const vpc = direct as NonNullable<GcpFunctionArgs["directVpc"]>;
    if (args.vpcConnector !== undefined) {
        problems.add(
            "directVpc",
            "and `vpcConnector` are both given; a function leaves through one of them: keep one",
        );
    }
    if (vpc.network === undefined && vpc.subnetwork === undefined) {
        problems.add("directVpc", "needs a `network` or a `subnetwork` (or both)");
    }
    if (vpc.egress !== undefined && !EGRESS_SETTINGS.includes(vpc.egress)) {
        problems.add(
            "directVpc.egress",
            `${shown(vpc.egress)} is not one of ${EGRESS_SETTINGS.join(", ")}`,
        );
    }
}

/** Whether all of the function's outbound traffic leaves through its VPC (connector or Direct VPC). */
export function egressesThroughVpc(args: GcpFunctionArgs): boolean {
    return (
        (args.vpcConnector !== undefined && args.vpcConnectorEgress === "ALL_TRAFFIC") ||
        (args.directVpc !== undefined && args.directVpc.egress === "ALL_TRAFFIC")
    );
}

function checkNetworkPath(
    args: GcpFunctionArgs,
    grant: GcpGrant,
    at: string,
    problems: ArgumentProblems,
): void {
    const internal = ["ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"];
    if (grant.calleeIngress === undefined || !internal.includes(grant.calleeIngress)) {
        return;
    }
    if (egressesThroughVpc(args)) {
        return;
    }
    problems.add(
        at,
        `'${grant.name}' calls a function whose ingress is ${grant.calleeIngress}: a call from this function counts as internal only when it leaves through the VPC, so it would be refused; give this function \`directVpc: { network, egress: "ALL_TRAFFIC" }\` or a \`vpcConnector\` with \`vpcConnectorEgress: "ALL_TRAFFIC"\` (or give the callee ingress ALLOW_ALL; run.invoker still decides who may call)`,
    );
}

function checkCondition(condition: unknown, at: string, problems: ArgumentProblems): void {
    if (typeof condition !== "object" || condition === null) {
        problems.add(at, `must be a condition { title, expression, description? }`);
        return;
    }
    const { title, description, expression } = condition as Record<string, unknown>;
    if (typeof title !== "string" || title === "" || title.length > TITLE_LIMIT) {
        problems.add(`${at}.title`, `${shown(title)} must be 1-${TITLE_LIMIT} characters`);
    }
    if (
        description !== undefined &&
        (typeof description !== "string" || description.length > DESCRIPTION_LIMIT)
    ) {
        problems.add(`${at}.description`, `must be at most ${DESCRIPTION_LIMIT} characters`);
    }
    if (expression === undefined || expression === "") {
        problems.add(`${at}.expression`, `is missing; give a CEL expression`);
    } else if (typeof expression === "string") {
        for (const bad of invalidTimestamps(expression)) {
            problems.add(`${at}.expression`, `has ${shown(bad)}, which is not an RFC 3339 time`);
        }
    }
}

function checkEnvironment(
    args: GcpFunctionArgs,
    grants: readonly GcpGrant[],
    problems: ArgumentProblems,
): void {
    const names = new Set<string>();
    const claim = (name: string, argument: string): void => {
        if (!ENV_NAME.test(name)) {
            problems.add(argument, `${shown(name)} is not a variable name`);
        } else if (names.has(name)) {
            problems.add(argument, `${shown(name)} is set more than once`);
        }
        names.add(name);
    };
    for (const key of Object.keys(args.environment ?? {})) {
        claim(key, `environment.${key}`);
    }
    const secrets: unknown = args.secretEnvironment ?? [];
    if (!Array.isArray(secrets)) {
        problems.add("secretEnvironment", `must be a list of { key, secret, version? }`);
    } else {
        secrets.forEach((s: unknown, i) => {
            const at = `secretEnvironment[${i}]`;
            const { key, secret } = (typeof s === "object" && s !== null ? s : {}) as Record<
                string,
                unknown
            >;
            if (typeof key !== "string") {
                problems.add(`${at}.key`, `is missing; name the environment variable`);
            } else {
                claim(key, `${at}.key`);
            }
            if (secret === undefined || secret === "") {
                problems.add(`${at}.secret`, `is missing; name the Secret Manager secret`);
            }
        });
    }
    grants.forEach((grant) => {
        if (grant.access === "run:invoke" && grant.url !== undefined) {
            claim(callerVariable(grant), `grants[${grant.name}].environmentVariable`);
        }
    });
}

/** The variable that carries a callee's URL in the caller's environment. */
export function callerVariable(grant: GcpGrant): string {
    return grant.environmentVariable ?? `${grant.name.toUpperCase().replace(/-/g, "_")}_URL`;
}
