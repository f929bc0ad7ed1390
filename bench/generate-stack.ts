/**
 * Generates a `pulumi stack export` (deployment version 3) of a serverless stack with `count`
 * resources: per function a role, an inline role policy, a log group and the Lambda function, with
 * one in fifty policies deliberately granting `*` so the rules have findings to report.
 */
export interface GeneratedExport {
    version: 3;
    deployment: {
        manifest: { time: string; magic: string; version: string };
        resources: Array<Record<string, unknown>>;
    };
}

const project = "bench";
const stack = "dev";
const account = "123456789012";

function urn(type: string, name: string, parentType?: string): string {
    const qualified = parentType ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export function generateStackExport(count: number): GeneratedExport {
    const stackUrn = urn("pulumi:pulumi:Stack", `${project}-${stack}`);
    const providerUrn = urn("pulumi:providers:aws", "default_7_0_0");
    const provider = `${providerUrn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`;
    const resources: Array<Record<string, unknown>> = [
        { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
        {
            urn: providerUrn,
            custom: true,
            id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            type: "pulumi:providers:aws",
            inputs: {},
            outputs: {},
            parent: stackUrn,
        },
    ];
    for (let i = 0; resources.length < count; i++) {
        const name = `fn${i}`;
        const roleUrn = urn("aws:iam/role:Role", name);
        const logGroupUrn = urn("aws:cloudwatch/logGroup:LogGroup", name);
        const policyUrn = urn("aws:iam/rolePolicy:RolePolicy", `${name}-policy`);
        const logGroupArn = `arn:aws:logs:us-east-1:${account}:log-group:/aws/lambda/${name}`;
        const roleArn = `arn:aws:iam::${account}:role/${name}`;
        const trust = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "lambda.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": account } },
                },
            ],
        });
        const admin = i % 50 === 49;
        const policy = JSON.stringify({
            Version: "2012-10-17",
            Statement: admin
                ? [{ Effect: "Allow", Action: "*", Resource: "*" }]
                : [
                      {
                          Effect: "Allow",
                          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                          Resource: `${logGroupArn}:log-stream:*`,
                      },
                      {
                          Effect: "Allow",
                          Action: ["s3:GetObject"],
                          Resource: `arn:aws:s3:::bucket-${i}/uploads/*`,
                      },
                  ],
        });
        const roleProps = { name, assumeRolePolicy: trust, arn: roleArn };
        const policyProps = { role: name, policy };
        const logProps = { name: `/aws/lambda/${name}`, retentionInDays: 14, arn: logGroupArn };
        const fnProps = {
            name,
            role: roleArn,
            runtime: "nodejs20.x",
            handler: "index.handler",
            arn: `arn:aws:lambda:us-east-1:${account}:function:${name}`,
        };
        resources.push(
            {
                urn: roleUrn,
                custom: true,
                id: name,
                type: "aws:iam/role:Role",
                inputs: roleProps,
                outputs: roleProps,
                parent: stackUrn,
                provider,
            },
            {
                urn: logGroupUrn,
                custom: true,
                id: `/aws/lambda/${name}`,
                type: "aws:cloudwatch/logGroup:LogGroup",
                inputs: logProps,
                outputs: logProps,
                parent: stackUrn,
                provider,
            },
            {
                urn: policyUrn,
                custom: true,
                id: `${name}:${name}-policy`,
                type: "aws:iam/rolePolicy:RolePolicy",
                inputs: policyProps,
                outputs: policyProps,
                parent: stackUrn,
                provider,
                dependencies: [roleUrn, logGroupUrn],
                propertyDependencies: { role: [roleUrn], policy: [logGroupUrn] },
            },
            {
                urn: urn("aws:lambda/function:Function", name),
                custom: true,
                id: name,
                type: "aws:lambda/function:Function",
                inputs: fnProps,
                outputs: fnProps,
                parent: stackUrn,
                provider,
                dependencies: [roleUrn, policyUrn],
                propertyDependencies: { role: [roleUrn] },
            },
        );
    }
    resources.length = count;
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-22T00:00:00Z", magic: "bench", version: "v3.270.0" },
            resources,
        },
    };
}
