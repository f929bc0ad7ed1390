/**
 * Building blocks for GCP rule tests: functions, service accounts and grants with @pulumi/gcp type
 * tokens and property names, and a stack runner that, unlike the shared harness, records property
 * dependencies, as the SDK's server does for AnalyzeStack (node_modules/@pulumi/policy/server.js).
 */
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { runWithPolicyEnvironment } from "../../../../policypack/lib/environment";
import { parseFindingKey, formatFindingKey } from "../../../../policypack/lib/finding";
import type { HarnessResource, PolicyConfig } from "../../harness";

export const PROJECT = "shop-prod";
export const DEFAULT_COMPUTE = "123456789012-compute@developer.gserviceaccount.com";

export function emailOf(accountId: string): string {
    return `${accountId}@${PROJECT}.iam.gserviceaccount.com`;
}

export interface FixtureResource extends HarnessResource {
    /** property → names of resources (in the same list) it depends on */
    readonly dependsOn?: Readonly<Record<string, readonly string[]>>;
}

export function account(name: string, email: unknown = emailOf(name)): FixtureResource {
    return { type: "gcp:serviceaccount/account:Account", name, props: { accountId: name, email } };
}

export function gen2(name: string, serviceAccountEmail?: unknown): FixtureResource {
    return {
        type: "gcp:cloudfunctionsv2/function:Function",
        name,
        props: {
            location: "europe-west1",
            serviceConfig: {
                ingressSettings: "ALLOW_INTERNAL_ONLY",
                ...(serviceAccountEmail !== undefined ? { serviceAccountEmail } : {}),
            },
        },
    };
}

export function gen1(name: string, serviceAccountEmail?: string): FixtureResource {
    return {
        type: "gcp:cloudfunctions/function:Function",
        name,
        props: {
            runtime: "nodejs20",
            ingressSettings: "ALLOW_INTERNAL_ONLY",
            ...(serviceAccountEmail !== undefined ? { serviceAccountEmail } : {}),
        },
    };
}

export function runService(name: string, serviceAccount?: string): FixtureResource {
    return {
        type: "gcp:cloudrunv2/service:Service",
        name,
        props: {
            location: "europe-west1",
            ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY",
            template: serviceAccount !== undefined ? { serviceAccount } : {},
        },
    };
}

export function projectMember(name: string, role: string, member: unknown): FixtureResource {
    return {
        type: "gcp:projects/iAMMember:IAMMember",
        name,
        props: { project: PROJECT, role, member },
    };
}

export function policyData(...bindings: { role: string; members: string[] }[]): string {
    return JSON.stringify({ bindings });
}

export interface StackRun {
    readonly findingKeys: readonly string[];
    readonly messages: readonly string[];
    /** name of the resource each finding is on ("" for the stack) */
    readonly on: readonly string[];
    readonly unknown?: string;
}

/** Runs a stack policy over resources with property dependencies between them. */
export async function runGcpStack(
    policy: StackValidationPolicy,
    resources: readonly FixtureResource[],
    config: PolicyConfig = {},
): Promise<StackRun> {
    const built = resources.map(
        (r) =>
            ({
                type: r.type,
                name: r.name,
                urn: r.urn ?? `urn:pulumi:test::shop::${r.type}::${r.name}`,
                props: unknownCheckingProxy(structuredClone(r.props)),
                dependencies: [],
                propertyDependencies: {},
            }) as unknown as PolicyResource,
    );
    const byName = new Map(built.map((r) => [r.name, r]));
    resources.forEach((r, i) => {
        for (const [property, names] of Object.entries(r.dependsOn ?? {})) {
            built[i]!.propertyDependencies[property] = names.map((n) => byName.get(n)!);
        }
    });
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (typeof schema === "object" && schema.default !== undefined) {
            defaults[key] = schema.default;
        }
    }
    const found: { message: string; urn?: string }[] = [];
    const args = {
        resources: built,
        stackTags: new Map<string, string>(),
        getConfig: () => ({ ...defaults, ...config }),
        notApplicable: (reason?: string) => {
            throw new Error(`not applicable: ${reason ?? ""}`);
        },
    } as unknown as StackValidationArgs;
    let unknown: string | undefined;
    try {
        await runWithPolicyEnvironment({ now: () => new Date(), writeLine: () => {} }, () =>
            Promise.resolve(
                policy.validateStack(args, (message, urn) => found.push({ message, urn })),
            ),
        );
    } catch (error) {
        if (!(error instanceof UnknownValueError)) {
            throw error;
        }
        unknown = (error as Error).message;
    }
    const urnToName = new Map(built.map((r) => [r.urn, r.name]));
    return {
        findingKeys: found.map((f) => {
            const key = parseFindingKey(f.message);
            return key === undefined ? "" : `${policy.name}[${formatFindingKey(key)}]`;
        }),
        messages: found.map((f) => f.message),
        on: found.map((f) => (f.urn === undefined ? "" : (urnToName.get(f.urn) ?? f.urn))),
        ...(unknown !== undefined ? { unknown } : {}),
    };
}
