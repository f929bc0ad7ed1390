/**
 * Resources for AWS policy tests: real type tokens and property names of @pulumi/aws 7, and a wrapper
 * that gives stack policies the property dependencies the SDK's server fills in from the engine (the
 * shared harness passes none).
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import type { HarnessResource } from "../../harness";

export const ACCOUNT = "111122223333";

export function doc(...statements: object[]) {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const LAMBDA_TRUST = doc({
    Effect: "Allow",
    Principal: { Service: "lambda.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
});

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::perimeter::${type}::${name}`;
}

export function roleArn(name: string): string {
    return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

export function role(name: string, props: Record<string, unknown> = {}): HarnessResource {
    return {
        type: "aws:iam/role:Role",
        name,
        props: { name, arn: roleArn(name), assumeRolePolicy: LAMBDA_TRUST, ...props },
    };
}

export function lambda(name: string, roleName: string, props: Record<string, unknown> = {}) {
    return {
        type: "aws:lambda/function:Function",
        name,
        props: {
            role: roleArn(roleName),
            arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`,
            runtime: "nodejs20.x",
            handler: "index.handler",
            ...props,
        },
    } satisfies HarnessResource;
}

export function resource(
    type: string,
    name: string,
    props: Record<string, unknown>,
): HarnessResource {
    return { type, name, props };
}

/** Property → names of the resources (of any type) it depends on, per resource name. */
export type Dependencies = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/**
 * The policy, with property dependencies set on each resource before it runs, as the SDK's server does
 * (server.js: propertyDependencies become resource objects of the stack).
 */
export function withDependencies(
    policy: StackValidationPolicy,
    dependencies: Dependencies,
): StackValidationPolicy {
    return {
        ...policy,
        validateStack: (args, report) => {
            const byName = new Map(args.resources.map((r) => [r.name, r]));
            for (const r of args.resources) {
                const own = dependencies[r.name] ?? {};
                const resolved: Record<string, PolicyResource[]> = {};
                for (const [property, names] of Object.entries(own)) {
                    resolved[property] = names.flatMap((n) => {
                        const target = byName.get(n);
                        return target === undefined ? [] : [target];
                    });
                }
                (
                    r as { propertyDependencies: Record<string, PolicyResource[]> }
                ).propertyDependencies = resolved;
            }
            return policy.validateStack(args, report);
        },
    };
}
