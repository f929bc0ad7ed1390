// The starter stack: one Lambda function with its own IAM role, trusted only by Lambda for this
// account, allowed to write to its own log group and nothing else. `npm start` previews it offline
// and runs the Perimeter policy pack over it; `pulumi up` deploys it for real.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const retentionInDays = config.getNumber("logRetentionDays") ?? 14;

const account = aws.getCallerIdentityOutput();

const logGroup = new aws.cloudwatch.LogGroup("hello", {
    name: "/aws/lambda/perimeter-hello",
    retentionInDays,
});

const role = new aws.iam.Role("hello", {
    description: "Runs the perimeter-hello function and nothing else.",
    assumeRolePolicy: account.accountId.apply((accountId) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "lambda.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    // Confused-deputy guard: only Lambda acting for this account may assume the role.
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                },
            ],
        }),
    ),
});

const logging = new aws.iam.RolePolicy("hello-logs", {
    role: role.id,
    policy: logGroup.arn.apply((arn) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `${arn}:log-stream:*`,
                },
            ],
        }),
    ),
});

const fn = new aws.lambda.Function(
    "hello",
    {
        name: "perimeter-hello",
        role: role.arn,
        runtime: aws.lambda.Runtime.NodeJS20dX,
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({
            "index.js": new pulumi.asset.StringAsset(
                'exports.handler = async () => ({ statusCode: 200, body: "hello" });\n',
            ),
        }),
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
    },
    // The function must not run before its permissions exist.
    { dependsOn: [logging] },
);

export const functionName = fn.name;
export const roleArn = role.arn;
