// Chained execution on AWS: `api` invokes `worker`, `worker` invokes `admin`. Each function has its
// own role with exactly its grants, and may invoke only the next function of the chain.
//
// The threat this example shows: whoever controls `api` (the function most exposed to input) can make
// `worker` invoke `admin`, and so use what `admin` may do. In the safe scenario `admin` may only send
// to a queue, which is no worse than what the callers do. With `--config scenario=unsafe` it also reads
// a secret (decrypting it with a key) and may pass any role: `perimeter preview` reports the path
// `api → worker → admin` by which `api` borrows that (policy stack-call-chain-escalation).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsAuditTrail, type AwsGrant, AwsFunction } from "perimeter/aws";

const config = new pulumi.Config();
const unsafe = config.get("scenario") === "unsafe";

function code(body: string): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(body) });
}

// Calls the function named in the environment variable, passing the event on.
const forward = (variable: string) =>
    code(
        `const { LambdaClient, InvokeCommand } = require("@aws-sdk/client-lambda");\n` +
            `const lambda = new LambdaClient({});\n` +
            `exports.handler = async (event) => lambda.send(new InvokeCommand({\n` +
            `    FunctionName: process.env.${variable},\n` +
            `    Payload: Buffer.from(JSON.stringify(event)),\n` +
            `}));\n`,
    );

const audits = new aws.sqs.Queue("audits", { visibilityTimeoutSeconds: 30 });

const adminGrants: AwsGrant[] = [{ name: "audits", access: "sqs:send", resource: audits.arn }];
let adminExtra: { secret: aws.secretsmanager.Secret; key: aws.kms.Key } | undefined;
if (unsafe) {
    // Deliberately risky for a function others can reach: a secret and the key that decrypts it.
    const key = new aws.kms.Key("admin", { enableKeyRotation: true });
    const secret = new aws.secretsmanager.Secret("admin", { kmsKeyId: key.arn });
    adminGrants.push(
        { name: "secret", access: "secretsmanager:read", resource: secret.arn },
        { name: "key", access: "kms:decrypt", resource: key.arn },
    );
    adminExtra = { secret, key };
}

const admin = new AwsFunction("admin", {
    code: code("exports.handler = async (event) => ({ audited: true, event });\n"),
    handler: "index.handler",
    runtime: "nodejs20.x",
    environment: { QUEUE_URL: audits.url },
    grants: adminGrants,
});

const worker = new AwsFunction("worker", {
    code: forward("ADMIN_FUNCTION_NAME"),
    handler: "index.handler",
    runtime: "nodejs20.x",
    timeout: 30,
    grants: [{ name: "admin", access: "lambda:invoke", resource: admin }],
});

const api = new AwsFunction("api", {
    code: forward("WORKER_FUNCTION_NAME"),
    handler: "index.handler",
    runtime: "nodejs20.x",
    timeout: 30,
    grants: [{ name: "worker", access: "lambda:invoke", resource: worker }],
});

const audit = new AwsAuditTrail("audit", { functions: [api, worker, admin] });

if (unsafe) {
    // Deliberately wrong: a hand-written policy beside the component's grants, letting admin pass
    // any role to any service.
    new aws.iam.RolePolicy("admin-passrole", {
        role: admin.roleArn.apply((arn) => arn.split("/").pop() ?? arn),
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }],
        }),
    });
}

export const apiName = api.functionName;
export const workerName = worker.functionName;
export const adminName = admin.functionName;
export const adminPermissions = admin.permissions;
export const secretArn = adminExtra?.secret.arn;
export const trailArn = audit.trailArn;
