/**
 * Computed outputs of the AWS resources the components create (and their usual neighbours), in the
 * formats AWS assigns them. Property names follow @pulumi/aws 7.
 */
import { SECRET_SIG, SIG_KEY } from "../wire";
import type { MockContext, MockResult, OutputRule } from "./context";

function arn(c: MockContext, service: string, resource: string, regional = true): string {
    const { account, region } = c.clouds.aws;
    return `arn:aws:${service}:${regional ? region : ""}:${account}:${resource}`;
}

/** IAM paths are `/` or `/a/b/`; the ARN puts the name after the path. */
function iamResource(c: MockContext, kind: string, name: string): string {
    return `${kind}${c.input("path") ?? "/"}${name}`;
}

const iamRole: OutputRule = (c) => {
    const name = c.physicalName();
    return {
        id: name,
        outputs: {
            name,
            path: c.input("path") ?? "/",
            arn: c.computed(arn(c, "iam", iamResource(c, "role", name), false)),
            uniqueId: c.computed(`AROA${c.hex(17, "unique").toUpperCase()}`),
            createDate: c.computed("2024-01-01T00:00:00Z"),
            maxSessionDuration: c.inputs.maxSessionDuration ?? 3600,
        },
    };
};

const lambdaFunction: OutputRule = (c) => {
    const name = c.physicalName();
    const functionArn = arn(c, "lambda", `function:${name}`);
    const invokeArn = (target: string): string =>
        `arn:aws:apigateway:${c.clouds.aws.region}:lambda:path/2015-03-31/functions/${target}/invocations`;
    return {
        id: name,
        outputs: {
            name,
            arn: c.computed(functionArn),
            invokeArn: c.computed(invokeArn(functionArn)),
            qualifiedArn: c.computed(`${functionArn}:$LATEST`),
            qualifiedInvokeArn: c.computed(invokeArn(`${functionArn}:$LATEST`)),
            version: c.computed("$LATEST"),
            lastModified: c.computed("2024-01-01T00:00:00.000+0000"),
            region: c.clouds.aws.region,
        },
    };
};

/** Resources whose only computed outputs are a physical name, an ID equal to it, and an ARN. */
function namedWithArn(
    arnOf: (c: MockContext, name: string) => string,
    nameKey = "name",
): OutputRule {
    return (c) => {
        const name = c.physicalName(nameKey);
        return { id: name, outputs: { [nameKey]: name, arn: c.computed(arnOf(c, name)) } };
    };
}

function withId(id: (c: MockContext) => string, outputs?: (c: MockContext) => object): OutputRule {
    return (c) => ({ id: id(c), outputs: { ...outputs?.(c) } });
}

export const awsOutputs: Readonly<Record<string, OutputRule>> = {
    "aws:iam/role:Role": iamRole,
    "aws:iam/rolePolicy:RolePolicy": (c) => {
        const name = c.physicalName();
        return { id: `${c.input("role") ?? "role"}:${name}`, outputs: { name } };
    },
    "aws:iam/policy:Policy": (c): MockResult => {
        const name = c.physicalName();
        const policyArn = arn(c, "iam", iamResource(c, "policy", name), false);
        return {
            id: policyArn,
            outputs: {
                name,
                arn: c.computed(policyArn),
                policyId: c.computed(`ANPA${c.hex(17, "unique").toUpperCase()}`),
                attachmentCount: c.computed(0),
            },
        };
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": withId(
        (c) => `${c.input("role") ?? "role"}-${c.hex(26, "attachment")}`,
    ),
    "aws:iam/user:User": namedWithArn((c, name) =>
        arn(c, "iam", iamResource(c, "user", name), false),
    ),
    "aws:iam/accessKey:AccessKey": (c) => ({
        id: `AKIA${c.hex(16, "key").toUpperCase()}`,
        outputs: {
            // The secret access key is a secret output of the provider.
            secret: c.computed(secretValue(c.hex(40, "secret"))),
            status: c.inputs.status ?? "Active",
        },
    }),
    "aws:iam/instanceProfile:InstanceProfile": namedWithArn((c, name) =>
        arn(c, "iam", iamResource(c, "instance-profile", name), false),
    ),
    "aws:lambda/function:Function": lambdaFunction,
    "aws:lambda/alias:Alias": (c) => {
        const aliasArn = `${c.input("functionName") ?? "function"}:${c.physicalName()}`;
        return { id: aliasArn, outputs: { arn: c.computed(aliasArn) } };
    },
    "aws:lambda/permission:Permission": (c) => {
        const statementId = c.physicalName("statementId");
        return { id: statementId, outputs: { statementId } };
    },
    "aws:lambda/functionUrl:FunctionUrl": (c) => ({
        id: c.input("functionName") ?? c.name,
        outputs: {
            functionArn: c.computed(arn(c, "lambda", `function:${c.input("functionName") ?? ""}`)),
            functionUrl: c.computed(
                `https://${c.hex(32, "url")}.lambda-url.${c.clouds.aws.region}.on.aws/`,
            ),
            urlId: c.computed(c.hex(32, "url")),
        },
    }),
    "aws:lambda/eventSourceMapping:EventSourceMapping": withId(
        (c) => c.uuid("mapping"),
        (c) => ({ uuid: c.computed(c.uuid("mapping")) }),
    ),
    "aws:cloudwatch/logGroup:LogGroup": namedWithArn((c, name) =>
        arn(c, "logs", `log-group:${name}`),
    ),
    "aws:s3/bucket:Bucket": s3Bucket,
    "aws:s3/bucketV2:BucketV2": s3Bucket,
    "aws:sqs/queue:Queue": (c) => {
        const name = c.physicalName();
        const { account, region } = c.clouds.aws;
        const url = `https://sqs.${region}.amazonaws.com/${account}/${name}`;
        return { id: url, outputs: { name, arn: c.computed(arn(c, "sqs", name)), url } };
    },
    // Kinesis Data Streams API Reference, DescribeStreamSummary: StreamARN arn:...:stream/<name>.
    "aws:kinesis/stream:Stream": namedWithArn((c, name) => arn(c, "kinesis", `stream/${name}`)),
    "aws:sns/topic:Topic": (c) => {
        const name = c.physicalName();
        const topicArn = arn(c, "sns", name);
        return { id: topicArn, outputs: { name, arn: c.computed(topicArn) } };
    },
    "aws:dynamodb/table:Table": (c) => {
        const name = c.physicalName();
        const tableArn = arn(c, "dynamodb", `table/${name}`);
        const stream = c.inputs.streamEnabled === true;
        return {
            id: name,
            outputs: {
                name,
                arn: c.computed(tableArn),
                ...(stream
                    ? { streamArn: c.computed(`${tableArn}/stream/2024-01-01T00:00:00.000`) }
                    : {}),
            },
        };
    },
    "aws:kms/key:Key": (c) => {
        const keyId = c.uuid("key");
        return {
            id: keyId,
            outputs: { keyId: c.computed(keyId), arn: c.computed(arn(c, "kms", `key/${keyId}`)) },
        };
    },
    "aws:kms/alias:Alias": namedWithArn((c, name) => arn(c, "kms", name)),
    "aws:secretsmanager/secret:Secret": (c) => {
        // Secrets Manager appends six random characters to the secret's ARN.
        const name = c.physicalName();
        const secretArn = arn(c, "secretsmanager", `secret:${name}-${c.hex(6, "suffix")}`);
        return { id: secretArn, outputs: { name, arn: c.computed(secretArn) } };
    },
    "aws:cloudwatch/eventBus:EventBus": namedWithArn((c, name) =>
        arn(c, "events", `event-bus/${name}`),
    ),
    "aws:cloudwatch/eventRule:EventRule": namedWithArn((c, name) =>
        arn(c, "events", `rule/${name}`),
    ),
    "aws:cloudtrail/trail:Trail": (c) => {
        const name = c.physicalName();
        const trailArn = arn(c, "cloudtrail", `trail/${name}`);
        return {
            id: trailArn,
            outputs: { name, arn: c.computed(trailArn), homeRegion: c.clouds.aws.region },
        };
    },
    "aws:ec2/securityGroup:SecurityGroup": (c) => {
        const id = `sg-${c.hex(17, "id")}`;
        return {
            id,
            outputs: {
                name: c.physicalName(),
                arn: c.computed(arn(c, "ec2", `security-group/${id}`)),
            },
        };
    },
};

function s3Bucket(c: MockContext): MockResult {
    const bucket = c.physicalName("bucket", "default").toLowerCase();
    const region = c.clouds.aws.region;
    return {
        id: bucket,
        outputs: {
            bucket,
            arn: c.computed(`arn:aws:s3:::${bucket}`),
            bucketDomainName: c.computed(`${bucket}.s3.amazonaws.com`),
            bucketRegionalDomainName: c.computed(`${bucket}.s3.${region}.amazonaws.com`),
            region,
        },
    };
}

/** The wire form of a secret; the SDK turns it into a secret Output, as for a real provider. */
function secretValue(value: string): object {
    return { [SIG_KEY]: SECRET_SIG, value };
}
