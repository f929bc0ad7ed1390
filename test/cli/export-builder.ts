/**
 * Stack exports written in a test: `pulumi stack export` (deployment version 3) of one project and
 * stack, every custom resource with the same inputs and outputs, parented to the stack.
 */
export interface ExportResource {
    readonly urn: string;
    readonly type: string;
    readonly custom: boolean;
    readonly id?: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
    readonly parent?: string;
}

/** A trust policy that lets only Lambda assume the role. */
export const LAMBDA_TRUST_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
        },
    ],
});

export class ExportBuilder {
    constructor(
        private readonly stack: string,
        private readonly project: string,
    ) {}

    urn(type: string, name: string): string {
        return `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`;
    }

    get stackUrn(): string {
        return this.urn("pulumi:pulumi:Stack", `${this.project}-${this.stack}`);
    }

    resource(
        type: string,
        name: string,
        id: string,
        props: Record<string, unknown>,
    ): ExportResource {
        return {
            urn: this.urn(type, name),
            type,
            custom: true,
            id,
            inputs: props,
            outputs: { ...props, id },
            parent: this.stackUrn,
        };
    }

    /** An IAM role only Lambda may assume, named and with the ARN given. */
    lambdaRole(name: string, arn: string): ExportResource {
        return this.resource("aws:iam/role:Role", name, name, {
            name,
            arn,
            assumeRolePolicy: LAMBDA_TRUST_POLICY,
        });
    }

    /** The export, the stack resource first. */
    build(resources: readonly ExportResource[], extra: Record<string, unknown> = {}): object {
        return {
            version: 3,
            deployment: {
                manifest: { time: "2026-12-01T00:00:00.000Z", magic: "test", version: "v3.200.0" },
                ...extra,
                resources: [
                    { urn: this.stackUrn, custom: false, type: "pulumi:pulumi:Stack" },
                    ...resources,
                ],
            },
        };
    }
}
