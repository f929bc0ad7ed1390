// Chained execution on Google Cloud: `api` invokes `worker`, `worker` invokes `admin`. Each function
// runs as its own service account with exactly its grants, and may invoke only the next function of
// the chain (roles/run.invoker on that function's Cloud Run service, with its URL in the environment).
//
// The threat this example shows: whoever controls `api` can make `worker` invoke `admin`, and so use
// what `admin` may do. In the safe scenario `admin` may only publish to a topic, which is no worse than
// what the callers do. With `--config scenario=unsafe` it also reads a secret and may mint tokens for a
// deployer service account: `perimeter preview` reports the path `api → worker → admin` by which `api`
// borrows that (policy stack-call-chain-escalation).
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GcpAuditLogs, GcpFunction, type GcpGrant } from "perimeter/gcp";

const config = new pulumi.Config();
const unsafe = config.get("scenario") === "unsafe";
const region = new pulumi.Config("gcp").get("region") ?? "us-central1";

const sources = new gcp.storage.Bucket("sources", {
    location: region.toUpperCase(),
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    forceDestroy: true,
});
const audits = new gcp.pubsub.Topic("audits");

function code(body: string): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(body),
        "package.json": new pulumi.asset.StringAsset(
            JSON.stringify({
                name: "chain",
                private: true,
                main: "index.js",
                dependencies: { "@google-cloud/functions-framework": "^3.4.0" },
            }),
        ),
    });
}

// Calls the function whose URL is in the environment variable with an ID token for that URL (the
// token comes from the metadata server, as the function's own service account).
const forward = (variable: string) =>
    code(
        `const functions = require("@google-cloud/functions-framework");\n` +
            `const METADATA = "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity";\n` +
            `functions.http("handler", async (req, res) => {\n` +
            `    const audience = process.env.${variable};\n` +
            `    const token = await (await fetch(\`\${METADATA}?audience=\${encodeURIComponent(audience)}\`, {\n` +
            `        headers: { "Metadata-Flavor": "Google" },\n` +
            `    })).text();\n` +
            `    const reply = await fetch(audience, {\n` +
            `        method: "POST",\n` +
            `        headers: { Authorization: \`Bearer \${token}\`, "Content-Type": "application/json" },\n` +
            `        body: JSON.stringify(req.body ?? {}),\n` +
            `    });\n` +
            `    res.status(reply.status).send(await reply.text());\n` +
            `});\n`,
    );

const common = { region, runtime: "nodejs20", entryPoint: "handler", sourceBucket: sources.name };

const adminGrants: GcpGrant[] = [{ name: "audits", access: "pubsub:publish", resource: audits.id }];
let secret: gcp.secretmanager.Secret | undefined;
if (unsafe) {
    // Deliberately risky for a function others can reach: a secret it reads out.
    secret = new gcp.secretmanager.Secret("admin", { replication: { auto: {} } });
    adminGrants.push({ name: "secret", access: "secretmanager:read", resource: secret.id });
}

const admin = new GcpFunction("admin", {
    ...common,
    sourceArchive: code(
        `const functions = require("@google-cloud/functions-framework");\n` +
            `functions.http("handler", (req, res) => res.json({ audited: true, event: req.body }));\n`,
    ),
    environment: { AUDITS_TOPIC: audits.id },
    grants: adminGrants,
});

// Callees accept internal traffic only: a caller reaches one only through the VPC, so callers send
// all their traffic through this connector (Cloud Run, "Restrict network ingress").
const connector = new gcp.vpcaccess.Connector("calls", {
    region,
    network: "default",
    ipCidrRange: "10.8.0.0/28",
    minInstances: 2,
    maxInstances: 3,
});
const throughVpc = { vpcConnector: connector.id, vpcConnectorEgress: "ALL_TRAFFIC" };

// run:invoke on admin's Cloud Run service, and ADMIN_URL (the ID-token audience) in the environment.
const worker = new GcpFunction("worker", {
    ...common,
    ...throughVpc,
    sourceArchive: forward("ADMIN_URL"),
    grants: [admin.invokeGrant("admin")],
});

const api = new GcpFunction("api", {
    ...common,
    ...throughVpc,
    sourceArchive: forward("WORKER_URL"),
    grants: [worker.invokeGrant("worker")],
});

new GcpAuditLogs("audit", { projectWide: true, functions: [api, worker, admin] });

if (unsafe) {
    // Deliberately wrong: a hand-written grant beside the component's, letting admin mint access
    // tokens for a deployer account (and so act with whatever that account may do).
    const deployer = new gcp.serviceaccount.Account("deployer", {
        accountId: "deployer",
        displayName: "Deploys the stack",
    });
    new gcp.serviceaccount.IAMMember("admin-impersonates-deployer", {
        serviceAccountId: deployer.name,
        role: "roles/iam.serviceAccountTokenCreator",
        member: admin.serviceAccountMember,
    });
}

export const apiUrl = api.url;
export const identities = {
    api: api.serviceAccountEmail,
    worker: worker.serviceAccountEmail,
    admin: admin.serviceAccountEmail,
};
export const secretName = secret?.id;
